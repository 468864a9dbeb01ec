// Keeps `npm test` from rebuilding a dist/ that is already built from the current sources.
//
//   node scripts/build-stamp.mjs write    after a build: record what dist/ was built from (dist/.source-hash)
//   node scripts/build-stamp.mjs ensure   before the tests: build unless dist/ records exactly the current inputs
//
// The inputs are every file under src/ (path and bytes: an added, changed or removed file counts), the build's
// config and scripts, and the compiler's version. A fresh clone is built once by `npm ci` (through `prepare`), so
// its first `npm test` does not build again; any edit to src/ does.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stampFile = join(root, 'dist', '.source-hash');
const INPUTS = ['tsconfig.json', 'package.json', 'scripts/write-cjs-types.mjs', 'scripts/build-stamp.mjs', 'node_modules/typescript/package.json'];

function filesUnder(folder) {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      relative(root, join(entry.parentPath ?? entry.path, entry.name))
        .split('\\')
        .join('/'),
    );
}

function sourceHash() {
  const hash = createHash('sha256');
  for (const path of [...filesUnder(join(root, 'src')).sort(), ...INPUTS]) {
    const file = join(root, path);
    hash.update(`${path}\0`);
    hash.update(existsSync(file) ? readFileSync(file) : '(missing)');
    hash.update('\0');
  }
  return hash.digest('hex');
}

const command = process.argv[2];
if (command === 'write') {
  writeFileSync(stampFile, `${sourceHash()}\n`);
} else if (command === 'ensure') {
  const recorded = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : undefined;
  if (recorded === sourceHash() && existsSync(join(root, 'dist', 'cli', 'main.js'))) {
    console.log('dist/ is built from the current sources: no build needed');
  } else {
    // npm_execpath is the npm that runs this script; `npm` on PATH is the fallback.
    const cli = process.env.npm_execpath;
    const args = ['run', 'build'];
    const result = cli ? spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' }) : spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
    process.exit(result.status ?? 1);
  }
} else {
  console.error('usage: node scripts/build-stamp.mjs write|ensure');
  process.exit(2);
}
