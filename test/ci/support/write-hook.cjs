// Preloaded with `node -r` into the real CLI by the fault tests of test/ci/: it patches fs.promises (which the
// writer calls) to act at the N-th rename, as the environment variables say, then lets the call go on or not.
//   PSC_HOOK_AT=N            1-based number of the rename to act at
//   PSC_HOOK_ACTION=...      kill-before | kill-after: SIGKILL this process before / after that rename
//                            signal:SIGINT | signal:SIGTERM: send this process the signal, then rename
//                            append:<path>: append a line to <path> (an editor saving it), then rename
//   PSC_HOOK_MARK=1          at the first temporary file (the write phase began) write "psc-hook: writing at <ms>\n"
//                            to stderr: the milliseconds since this process started
const fs = require('node:fs');
const { syncBuiltinESMExports } = require('node:module');

const at = Number(process.env.PSC_HOOK_AT ?? '0');
const action = process.env.PSC_HOOK_ACTION ?? '';
const rename = fs.promises.rename;
const writeFile = fs.promises.writeFile;
let renames = 0;
let marked = false;

fs.promises.rename = async (from, to) => {
  renames += 1;
  if (renames !== at) return rename(from, to);
  if (action === 'kill-before') process.kill(process.pid, 'SIGKILL');
  if (action.startsWith('signal:')) process.kill(process.pid, action.slice('signal:'.length));
  if (action.startsWith('append:')) fs.appendFileSync(action.slice('append:'.length), '// saved by an editor during the run\n');
  await rename(from, to);
  if (action === 'kill-after') process.kill(process.pid, 'SIGKILL');
};

fs.promises.writeFile = async (...args) => {
  if (process.env.PSC_HOOK_MARK === '1' && !marked) {
    marked = true;
    fs.writeSync(2, `psc-hook: writing at ${Math.round(performance.now())}\n`);
  }
  return writeFile(...args);
};

// The ESM view of node:fs/promises (what the writer imports) follows the patched properties only after this.
syncBuiltinESMExports();
