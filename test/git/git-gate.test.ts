import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyTree, FIXTURES, readTree, remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const NAME = 'prisma-singleton-codemod';
const BEFORE = join(FIXTURES, 'class-field-and-constructor', 'before');
const AFTER = join(FIXTURES, 'class-field-and-constructor', 'after');
const NO_UNDO_NOTE = "note: not a git work tree: there is no undo but this tool's own (it restores every file if a write fails)";
const EDITED = 'src/services/user.service.ts';

function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', [...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
}

/** A git repository holding the fixture's `before/` tree in one commit, with a clean work tree. */
function committedRepo(): string {
  const dir = tempDir('psc-git-');
  temps.push(dir);
  copyTree(BEFORE, dir);
  git(dir, ['-c', 'init.defaultBranch=main', 'init', '-q']);
  git(dir, ['config', 'user.email', 'codemod-tests@example.com']);
  git(dir, ['config', 'user.name', 'Codemod Tests']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'before']);
  expect(git(dir, ['status', '--porcelain'])).toBe('');
  return dir;
}

/** The work tree's files, .git left out. */
function workTree(dir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(readTree(dir)).filter(([path]) => !path.startsWith('.git/')));
}

function edit(dir: string, path: string): void {
  appendFileSync(join(dir, path), '\n// an edit that is not committed yet\n');
}

describe('git gate', () => {
  it('applies the whole plan when the work tree is clean, with no note about undo', async () => {
    const dir = committedRepo();
    const result = await runCli(['.'], dir);
    expect(result.status).toBe(0);
    expect(result.stderr).not.toContain('note:');
    expect(workTree(dir)).toEqual(readTree(AFTER));
  });

  const dirtyStates: ReadonlyArray<{ name: string; make: (dir: string) => void; dirty: string }> = [
    { name: 'an unstaged edit', make: (dir) => edit(dir, EDITED), dirty: EDITED },
    {
      name: 'a staged edit',
      make: (dir) => {
        edit(dir, EDITED);
        git(dir, ['add', EDITED]);
      },
      dirty: EDITED,
    },
    {
      name: 'an untracked file',
      make: (dir) =>
        writeFiles(dir, {
          'src/services/billing.service.ts': "import { PrismaClient } from '@prisma/client';\n\nexport const billing = new PrismaClient();\n",
        }),
      dirty: 'src/services/billing.service.ts',
    },
  ];

  it.each(dirtyStates)('refuses to apply, exit 2, when a file it would rewrite has $name, and writes nothing', async ({ make, dirty }) => {
    const dir = committedRepo();
    make(dir);
    const before = readTree(dir);
    const result = await runCli(['.'], dir);
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: `${NAME}: 1 file(s) to rewrite have uncommitted changes (${dirty}); commit or stash them, or pass --force\n`,
    });
    expect(readTree(dir)).toEqual(before);
  });

  it('still runs --dry-run (exit 0) and --check (exit 1) with uncommitted changes, writing nothing', async () => {
    const dir = committedRepo();
    edit(dir, EDITED);
    const before = readTree(dir);
    const dryRun = await runCli(['.', '--dry-run'], dir);
    expect(dryRun.status).toBe(0);
    expect(dryRun.stdout).toContain('diff --git a/src/services/user.service.ts b/src/services/user.service.ts\n');
    expect(dryRun.stderr).toContain('  dry run: nothing was written\n');
    const check = await runCli(['.', '--check'], dir);
    expect(check.status).toBe(1);
    expect(check.stdout.split('\n').filter((line) => line.endsWith(' outside the singleton'))).toHaveLength(3);
    expect(readTree(dir)).toEqual(before);
  });

  it('applies with --force despite uncommitted changes, keeping the uncommitted edit', async () => {
    const dir = committedRepo();
    edit(dir, EDITED);
    const result = await runCli(['.', '--force'], dir);
    expect(result.status).toBe(0);
    const after = readTree(AFTER);
    expect(workTree(dir)).toEqual({ ...after, [EDITED]: `${after[EDITED]}\n// an edit that is not committed yet\n` });
  });

  it('applies when only files it does not rewrite have uncommitted changes', async () => {
    const dir = committedRepo();
    appendFileSync(join(dir, 'prisma/schema.prisma'), '\n// uncommitted\n');
    writeFiles(dir, { 'notes.md': 'untracked\n' });
    const result = await runCli(['.'], dir);
    expect(result.status).toBe(0);
    expect(workTree(dir)['src/services/user.service.ts']).toBe(readTree(AFTER)['src/services/user.service.ts']);
    expect(readFileSync(join(dir, 'notes.md'), 'utf8')).toBe('untracked\n');
  });

  it('gates a target that is a subfolder of the work tree by the files under it', async () => {
    const repo = tempDir('psc-git-');
    temps.push(repo);
    copyTree(BEFORE, join(repo, 'apps', 'api'));
    git(repo, ['-c', 'init.defaultBranch=main', 'init', '-q']);
    git(repo, ['config', 'user.email', 'codemod-tests@example.com']);
    git(repo, ['config', 'user.name', 'Codemod Tests']);
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'before']);
    edit(repo, join('apps', 'api', EDITED));
    const before = readTree(repo);
    const result = await runCli(['apps/api'], repo);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`${NAME}: 1 file(s) to rewrite have uncommitted changes (apps/api/${EDITED}); commit or stash them, or pass --force\n`);
    expect(readTree(repo)).toEqual(before);
  });

  it('applies outside git and says there is no undo but its own', async () => {
    const dir = tempDir('psc-nogit-');
    temps.push(dir);
    copyTree(BEFORE, dir);
    expect(spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir }).status).not.toBe(0);
    const result = await runCli(['.'], dir);
    expect(result.status).toBe(0);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('note:'))).toEqual([NO_UNDO_NOTE]);
    expect(readTree(dir)).toEqual(readTree(AFTER));
  });
});
