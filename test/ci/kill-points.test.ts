import { chmodSync, chownSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, FIXTURES, installStubs, readTree, remove } from '../support/helpers.js';
import { typecheckProject } from '../support/typecheck.js';
import { copyProject, generateProject, killInvariants, loadModules, runBin, SINGLETON, treeOf } from './support/kill-tree.js';

// The faults of issue 13 with real processes: the CLI runs as a user runs it, a preloaded hook (write-hook.cjs)
// kills it with SIGKILL, sends it a signal, or saves a file at a chosen write, and the tree is checked afterwards.
const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const STALE_NOTE = /note: removed 1 temporary file\(s\) left by an interrupted run: \S+\.psc-tmp\n/;

describe('SIGKILL at sampled points of the write sequence', () => {
  // 120 files, 40 of them with a client: 41 writes (the singleton, then 40 rewrites).
  let root = '';
  let before: Record<string, string> = {};
  let after: Record<string, string> = {};
  let writes = 0;

  beforeAll(() => {
    root = generateProject(120, 40, temps);
    before = treeOf(root);
    const clean = copyProject(root, temps);
    expect(runBin(clean).status).toBe(0);
    after = treeOf(clean);
    writes = Object.keys(after).filter((path) => after[path] !== before[path]).length;
    expect(writes).toBe(41);
    expect(typecheckProject(root)).toEqual([]);
  });

  // First, every 10th, last; each stops just before that rename (its temporary file written, not yet renamed).
  const points = [1, 10, 20, 30, 40, 41];

  it.each(points)('before write %i: every file whole, the tree compiles, and a rerun completes it', (n) => {
    const dir = copyProject(root, temps);
    const killed = runBin(dir, { PSC_HOOK_AT: String(n), PSC_HOOK_ACTION: 'kill-before' });
    expect(killed.signal).toBe('SIGKILL');
    const state = killInvariants(treeOf(dir), before, after);
    expect(state.violations).toEqual([]);
    expect(state.temps).toHaveLength(1);
    // Rename 1 is the singleton; renames 2..n-1 are rewrites.
    expect(state.rewritten).toBe(Math.max(0, n - 2));
    expect(typecheckProject(dir)).toEqual([]);

    const rerun = runBin(dir);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stderr).toMatch(STALE_NOTE);
    expect(treeOf(dir)).toEqual(after);
  });

  it('after the last write: the tree is complete, no temporary file, and a rerun plans nothing', () => {
    const dir = copyProject(root, temps);
    expect(runBin(dir, { PSC_HOOK_AT: String(writes), PSC_HOOK_ACTION: 'kill-after' }).signal).toBe('SIGKILL');
    expect(treeOf(dir)).toEqual(after);
    const rerun = runBin(dir);
    expect(rerun.status).toBe(0);
    expect(rerun.stderr).toContain(`nothing to change: the application already uses ${SINGLETON}`);
  });
});

describe('SIGKILL at every write of a JavaScript project, run under Node', () => {
  // The prefix property at run time: loading every module constructs no more clients than before the run.
  it.each(['javascript-esm', 'commonjs-require-forms'])('%s: no more clients than before after a kill at any write', (fixture) => {
    const beforeTree = readTree(join(FIXTURES, fixture, 'before'));
    const expected = readTree(join(FIXTURES, fixture, 'after'));
    // The application's own modules; the singleton it gains is loaded only through the imports of rewritten files.
    const modules = Object.keys(beforeTree).filter((path) => /^src\/.*\.[cm]?js$/.test(path));
    const original = copyFixture(fixture, temps);
    installStubs(original);
    const constructedBefore = loadModules(original, modules).constructed;
    expect(constructedBefore).toBeGreaterThan(1);
    const writes = Object.keys(expected).filter((path) => expected[path] !== beforeTree[path]).length;
    for (let n = 1; n <= writes; n += 1) {
      const dir = copyFixture(fixture, temps);
      installStubs(dir);
      expect(runBin(dir, { PSC_HOOK_AT: String(n), PSC_HOOK_ACTION: 'kill-after' }).signal).toBe('SIGKILL');
      const loaded = loadModules(dir, modules);
      expect(loaded.failures, `after write ${n}`).toEqual([]);
      expect(loaded.constructed, `after write ${n}`).toBeLessThanOrEqual(constructedBefore);
    }
    const done = copyFixture(fixture, temps, 'after');
    installStubs(done);
    expect(loadModules(done, modules)).toEqual({ constructed: 1, failures: [] });
  });
});

describe('an edit saved by another program during the write phase', () => {
  it('is kept: exit 2 naming the file, every other file restored, no temporary file', () => {
    const dir = copyFixture('class-field-and-constructor', temps);
    const before = readTree(dir);
    const later = 'src/services/user.service.ts';
    // The first rename (the singleton) triggers the save of the last file to be written.
    const result = runBin(dir, { PSC_HOOK_AT: '1', PSC_HOOK_ACTION: `append:${join(dir, later)}` });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `prisma-singleton-codemod: ${later} changed on disk during the run (another program saved it?); it was not overwritten, and every file was restored; nothing was changed\n`,
    );
    expect(readTree(dir)).toEqual({ ...before, [later]: `${before[later]}// saved by an editor during the run\n` });
  });
});

describe('SIGINT and SIGTERM during the write phase', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s at the second write: the file in flight is finished, every file restored, exit %i with one line', (signal, code) => {
    const dir = copyFixture('class-field-and-constructor', temps);
    const before = readTree(dir);
    const result = runBin(dir, { PSC_HOOK_AT: '2', PSC_HOOK_ACTION: `signal:${signal}` });
    expect({ status: result.status, signal: result.signal, stdout: result.stdout }).toEqual({ status: code, signal: null, stdout: '' });
    expect(result.stderr).toBe(`prisma-singleton-codemod: interrupted by ${signal}: every file written was restored; the tree is as it was\n`);
    expect(readTree(dir)).toEqual(before);
  });
});

describe("run by a user who cannot keep a file's owner", () => {
  it('holds back the file another user owns instead of giving it to the runner (exit 1)', () => {
    const dir = copyFixture('class-field-and-constructor', temps);
    // The project belongs to nobody, except one service that root owns (0644: nobody may not write it, but could
    // replace it by rename in a folder nobody owns).
    const chownTree = (path: string): void => {
      chownSync(path, 65534, 65534);
      if (statSync(path).isDirectory()) for (const name of readdirSync(path)) chownTree(join(path, name));
    };
    chownTree(dir);
    chmodSync(dir, 0o755);
    const rootOwned = 'src/services/audit.service.ts';
    chownSync(join(dir, rootOwned), 0, 0);
    const before = readTree(dir);
    const result = runBin(dir, {}, [], ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups']);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toContain(
      `skipped ${rootOwned} belongs to an owner this run cannot give the new file; not written: run as that user or as root (owned by uid 0, gid 0)`,
    );
    expect(readTree(dir)[rootOwned]).toBe(before[rootOwned]);
    expect(statSync(join(dir, rootOwned)).uid).toBe(0);
    expect(statSync(join(dir, 'src/services/user.service.ts')).uid).toBe(65534);
  });
});
