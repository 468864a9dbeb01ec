import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyTree, FIXTURES, readTree, remove, runCli, tempDir } from '../support/helpers.js';

// "No repository" and "git failed" are different answers; and a mode that promises to write nothing writes nothing
// in .git either.
const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const BEFORE = join(FIXTURES, 'class-field-and-constructor', 'before');
const AFTER = readTree(join(FIXTURES, 'class-field-and-constructor', 'after'));

function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', [...args], { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
}

function committedRepo(): string {
  const dir = tempDir('psc-git-');
  temps.push(dir);
  copyTree(BEFORE, dir);
  git(dir, ['-c', 'init.defaultBranch=main', 'init', '-q']);
  git(dir, ['-c', 'user.email=t@example.com', '-c', 'user.name=T', 'add', '-A']);
  git(dir, ['-c', 'user.email=t@example.com', '-c', 'user.name=T', 'commit', '-q', '-m', 'before']);
  return dir;
}

function chownTree(path: string, uid: number): void {
  chownSync(path, uid, uid);
  if (!statSync(path).isDirectory()) return;
  for (const name of readdirSync(path)) chownTree(join(path, name), uid);
}

/** Every file under .git with its bytes and modification time. */
function gitState(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[relative(dir, path)] = `${statSync(path).mtimeMs} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
    }
  };
  walk(join(dir, '.git'));
  return out;
}

describe('git that refuses the repository', () => {
  it('stops apply with exit 2 and git\'s own words instead of taking it for "no repository"', async () => {
    const dir = committedRepo();
    // A repository another user owns: git refuses it ("detected dubious ownership") to everyone else, root included.
    chownTree(dir, 65534);
    const result = await runCli(['.'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^prisma-singleton-codemod: git failed, so uncommitted changes cannot be checked: detected dubious ownership in repository at '.+' .*safe\.directory.*; fix that, or pass --force\n$/,
    );
    expect(result.stderr).not.toContain('not a git work tree');
    expect(Object.fromEntries(Object.entries(readTree(dir)).filter(([path]) => !path.startsWith('.git/')))).toEqual(readTree(BEFORE));
  });

  it('writes with --force, and says that git failed', async () => {
    const dir = committedRepo();
    chownTree(dir, 65534);
    const result = await runCli(['.', '--force'], dir);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/note: git failed \(detected dubious ownership.*\); writing anyway \(--force\), without the check for uncommitted changes\n/);
    expect(Object.fromEntries(Object.entries(readTree(dir)).filter(([path]) => !path.startsWith('.git/')))).toEqual(AFTER);
  });
});

describe('modes that write nothing', () => {
  it.each([
    { flags: '--check --changed-since HEAD', args: ['--check', '--changed-since', 'HEAD'] },
    { flags: '--check --staged', args: ['--check', '--staged'] },
    { flags: '--check', args: ['--check'] },
    { flags: '--dry-run', args: ['--dry-run'] },
  ])('leave .git byte for byte and time for time: $flags', async ({ args }) => {
    const dir = committedRepo();
    // Stale stat data in the index: a git query with optional locks would refresh and rewrite .git/index.
    const future = new Date(Date.now() + 60_000);
    for (const file of ['src/services/user.service.ts', 'package.json']) utimesSync(join(dir, file), future, future);
    const before = gitState(dir);
    const result = await runCli(['.', ...args], dir);
    expect(result.stderr).not.toContain('internal error');
    expect(gitState(dir)).toEqual(before);
  });
});
