import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import { appendFileSync, chmodSync, chownSync, linkSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseOptions } from '../../src/cli/options.js';
import { CodemodError, InterruptedError } from '../../src/core/errors.js';
import { exitCodeOf } from '../../src/core/result.js';
import { run } from '../../src/run/run.js';
import { copyFixture, FIXTURES, installStubs, readTree, remove, runCli } from '../support/helpers.js';
import { enospc, instrumentedFs, never } from '../support/instrumented-fs.js';
import { typecheckProject } from '../support/typecheck.js';

// Faults as a user's machine produces them, in-process: the writer's file system is injected (run's hooks.fs) and
// fails, stops or lets another program touch a file on cue. test/ci/ does the same with real processes and kills.
const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const FIXTURE = 'class-field-and-constructor';
const BEFORE = readTree(join(FIXTURES, FIXTURE, 'before'));
const AFTER = readTree(join(FIXTURES, FIXTURE, 'after'));
const LAST = 'src/services/user.service.ts';

function project(): string {
  return copyFixture(FIXTURE, temps);
}

function tempFiles(dir: string): string[] {
  return Object.keys(readTree(dir)).filter((path) => path.endsWith('.psc-tmp'));
}

async function failure(promise: Promise<unknown>): Promise<CodemodError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CodemodError)) throw new Error(`expected a CodemodError, got ${String(error)}`);
  return error;
}

describe('an edit saved during the write phase', () => {
  it('is kept: the run stops before the edited file, restores the rest and exits 2 naming it', async () => {
    const dir = project();
    // The editor saves the last file just after the first file (the singleton) is renamed into place.
    const editing = instrumentedFs((call) => {
      if (call.op === 'rename' && call.index === 1) appendFileSync(join(dir, LAST), '// saved by an editor\n');
    });
    const error = await failure(run(parseOptions('.', {}, dir), { fs: editing }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      `${LAST} changed on disk during the run (another program saved it?); it was not overwritten, and every file was restored; nothing was changed`,
    );
    expect(readTree(dir)).toEqual({ ...BEFORE, [LAST]: `${BEFORE[LAST]}// saved by an editor\n` });
  });

  it('is kept when it lands on a file already written: rollback leaves that file and says so', async () => {
    const dir = project();
    const audit = 'src/services/audit.service.ts';
    const editing = instrumentedFs((call) => {
      if (call.op === 'rename' && call.index === 2) appendFileSync(join(dir, audit), '// saved by an editor\n');
      if (call.op === 'rename' && call.index === 3) throw enospc();
    });
    const error = await failure(run(parseOptions('.', {}, dir), { fs: editing }));
    expect(error.message).toMatch(/^could not write src\/services\/user\.service\.ts: ENOSPC: no space left on device, write; could not restore /);
    expect(error.message).toContain(`${audit} (changed again after it was written; left as it is)`);
    expect(readTree(dir)).toMatchObject({ [audit]: `${AFTER[audit]}// saved by an editor\n`, [LAST]: BEFORE[LAST] });
    expect(tempFiles(dir)).toEqual([]);
  });
});

describe('a process stopped in the middle of the write phase', () => {
  // Writes: 0 the singleton, 1..3 the services. Stopping just before rename k leaves k files written and the k-th
  // temporary file, as a SIGKILL there would. The first and the last point here; test/ci/ kills real processes at
  // sampled points of a longer sequence.
  it.each([1, 3])('leaves a tree that type-checks when it stops before write %i, and a rerun completes it', async (k) => {
    const dir = project();
    let reached!: () => void;
    const stopped = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const stopping = instrumentedFs((call) => {
      if (call.op !== 'rename' || call.index !== k) return undefined;
      reached();
      return never();
    });
    void run(parseOptions('.', {}, dir), { fs: stopping });
    await stopped;
    const tree = readTree(dir);
    for (const [path, text] of Object.entries(tree)) if (!path.endsWith('.psc-tmp')) expect([BEFORE[path], AFTER[path]]).toContain(text);
    expect(tree['src/lib/prisma.ts']).toBe(AFTER['src/lib/prisma.ts']);
    expect(tempFiles(dir)).toHaveLength(1);
    installStubs(dir);
    expect(typecheckProject(dir)).toEqual([]);

    const rerun = await runCli(['.'], dir);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain(`note: removed 1 temporary file(s) left by an interrupted run: ${tempFiles(dir)[0] ?? ''}`);
    expect(readTree(dir)).toEqual(AFTER);
  });
});

describe('a full disk', () => {
  it('leaves no temporary file (not even an empty one) and restores every file, exit 2', async () => {
    const dir = project();
    // The third temporary file gets half its bytes before the disk is full, as a real short write leaves it.
    const full = instrumentedFs(async (call, args) => {
      if (call.op !== 'writeFile' || call.index !== 2) return;
      await fs.writeFile(call.path, String(args[1]).slice(0, 20));
      throw enospc();
    });
    const error = await failure(run(parseOptions('.', {}, dir), { fs: full }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      'could not write src/services/report.service.ts: ENOSPC: no space left on device, write; every file was restored; nothing was changed',
    );
    expect(readTree(dir)).toEqual(BEFORE);
  });
});

describe('a signal during the write phase', () => {
  it('finishes the file in flight, restores every file and throws InterruptedError (exit 143 for SIGTERM)', async () => {
    const dir = project();
    const controller = new AbortController();
    const signalled = instrumentedFs((call) => {
      if (call.op === 'rename' && call.index === 1) controller.abort('SIGTERM');
    });
    const writing: boolean[] = [];
    const error = await failure(run(parseOptions('.', {}, dir), { fs: signalled, signal: controller.signal, onWriting: (on) => writing.push(on) }));
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error.exitCode).toBe(143);
    expect(error.message).toBe('interrupted by SIGTERM: every file written was restored; the tree is as it was');
    // The file in flight (rename 1) was finished, then the two written files were restored (two more renames: the
    // singleton is removed, not renamed).
    expect(signalled.calls.filter((c) => c.op === 'rename').map((c) => c.path.slice(dir.length + 1))).toEqual([
      'src/lib/prisma.ts',
      'src/services/audit.service.ts',
      'src/services/audit.service.ts',
    ]);
    expect(writing).toEqual([true, false]);
    expect(readTree(dir)).toEqual(BEFORE);
  });

  it.each([
    ['SIGINT', 130, 'pretty'],
    ['SIGTERM', 143, 'json'],
  ] as const)('exits %s -> %i from the CLI with one line on stderr (--reporter %s)', async (signal, code, reporter) => {
    const dir = project();
    let stdout = '';
    let stderr = '';
    let trapped = 0;
    let released = 0;
    const status = await main(['.', '--reporter', reporter], {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      cwd: dir,
      env: { NO_COLOR: '1' },
      stdoutIsTTY: false,
      stderrIsTTY: false,
      // The signal arrives as soon as writing starts: the writer stops before its first file.
      trapSignals: (onSignal) => {
        trapped += 1;
        onSignal(signal);
        return () => {
          released += 1;
        };
      },
    });
    expect(status).toBe(code);
    // Trapped once, and released at the first signal: a second Ctrl-C ends the process at once.
    expect({ trapped, released }).toEqual({ trapped: 1, released: 1 });
    expect(stderr).toBe(`prisma-singleton-codemod: interrupted by ${signal}: nothing was written; the tree is as it was\n`);
    if (reporter === 'json')
      expect(JSON.parse(stdout)).toMatchObject({ error: { exitCode: code, message: `interrupted by ${signal}: nothing was written; the tree is as it was` } });
    else expect(stdout).toBe('');
    expect(readTree(dir)).toEqual(BEFORE);
  });
});

describe('ownership and links', () => {
  it("keeps another user's owner, group and mode when run as root, so that the owner can still read the file", async () => {
    const dir = project();
    chmodSync(dir, 0o755); // mkdtemp makes it 0700: the owner must be able to reach the file
    const file = join(dir, LAST);
    chownSync(file, 65534, 65534);
    chmodSync(file, 0o640);
    await run(parseOptions('.', {}, dir));
    const stats = statSync(file);
    expect({ uid: stats.uid, gid: stats.gid, mode: stats.mode & 0o7777 }).toEqual({ uid: 65534, gid: 65534, mode: 0o640 });
    const asOwner = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', 'cat', file], { encoding: 'utf8' });
    expect({ status: asOwner.status, stdout: asOwner.stdout }).toEqual({ status: 0, stdout: AFTER[LAST] });
  });

  it('holds back a file whose owner cannot be kept, and says so (exit 1)', async () => {
    const dir = project();
    const audit = 'src/services/audit.service.ts';
    chownSync(join(dir, audit), 65534, 65534);
    const refusing = instrumentedFs((call) => {
      if (call.op === 'chown') throw Object.assign(new Error('EPERM: operation not permitted, chown'), { code: 'EPERM' });
    });
    const result = await run(parseOptions('.', {}, dir), { fs: refusing });
    expect(exitCodeOf(result)).toBe(1);
    expect(result.plan.skipped).toEqual([{ path: audit, reason: 'owner-not-kept', detail: 'owned by uid 65534, gid 65534' }]);
    expect(result.plan.findings.filter((f) => f.path === audit).map((f) => [f.action, f.reason])).toEqual([['review', 'file-not-written']]);
    expect(readTree(dir)).toEqual({ ...AFTER, [audit]: BEFORE[audit] });
    expect(statSync(join(dir, audit)).uid).toBe(65534);
  });

  it('never splits hard links: a linked file is held back and named, both links unchanged (exit 1)', async () => {
    const dir = project();
    linkSync(join(dir, LAST), join(dir, 'user.service.backup.ts'));
    const result = await runCli(['.'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `skipped ${LAST} has other hard links, and replacing it would split them; not written: rewrite it by hand, or remove the other links and run again (2 links)`,
    );
    expect(readTree(dir)).toEqual({ ...AFTER, [LAST]: BEFORE[LAST], 'user.service.backup.ts': BEFORE[LAST] });
    expect(statSync(join(dir, LAST)).nlink).toBe(2);
  });
});

describe('temporary files a killed run left', () => {
  const stale = 'src/services/.user.service.ts.0badf00d.psc-tmp';
  const notOurs = 'src/services/.notes.psc-tmp';

  it('are removed by the next apply, which says so; --check and --dry-run leave them', async () => {
    const dir = project();
    writeFileSync(join(dir, stale), 'half a file');
    writeFileSync(join(dir, notOurs), 'a file of the user');
    for (const mode of ['--check', '--dry-run']) {
      await runCli(['.', mode], dir);
      expect(tempFiles(dir)).toEqual([notOurs, stale]);
    }
    const result = await runCli(['.'], dir);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`note: removed 1 temporary file(s) left by an interrupted run: ${stale}\n`);
    expect(readTree(dir)).toEqual({ ...AFTER, [notOurs]: 'a file of the user' });
  });
});
