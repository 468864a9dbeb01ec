import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyTree, FIXTURES, remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

/** A git repo holding a migrated project plus one old file that still creates its own client. */
function legacyRepo(): string {
  const dir = tempDir();
  temps.push(dir);
  copyTree(join(FIXTURES, 'class-field-and-constructor', 'after'), dir);
  writeFiles(dir, { 'src/legacy/old.ts': "import { PrismaClient } from '@prisma/client';\nexport const old = new PrismaClient();\n" });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'ci@example.com');
  git(dir, 'config', 'user.name', 'CI');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'migrated, with one legacy client');
  return dir;
}

const NEW_SITE = "import { PrismaClient } from '@prisma/client';\n\nexport const fresh = new PrismaClient();\n";

describe('--changed-since and --staged', () => {
  it('reports only a new instantiation in an untracked file, not the old one elsewhere', async () => {
    const dir = legacyRepo();
    expect((await runCli(['.', '--check', '--changed-since', 'HEAD'], dir)).status).toBe(0);
    writeFiles(dir, { 'src/routes/new.ts': NEW_SITE });
    const result = await runCli(['.', '--check', '--changed-since', 'HEAD'], dir);
    expect(result.status).toBe(1);
    const sites = result.stdout.split('\n').filter((line) => line.includes('outside the singleton;'));
    expect(sites).toEqual(['src/routes/new.ts:3:22 new PrismaClient() outside the singleton; run npx prisma-singleton-codemod . to fix']);
    // Without the filter the legacy file is reported too.
    expect((await runCli(['.', '--check'], dir)).stdout).toContain('src/legacy/old.ts:2:20');
  });

  it('counts committed changes since the ref', async () => {
    const dir = legacyRepo();
    writeFiles(dir, { 'src/routes/new.ts': NEW_SITE });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'add a client');
    expect((await runCli(['.', '--check', '--changed-since', 'HEAD'], dir)).status).toBe(0);
    const sinceParent = await runCli(['.', '--check', '--changed-since', 'HEAD~1'], dir);
    expect(sinceParent.status).toBe(1);
    expect(sinceParent.stdout).toContain('src/routes/new.ts:3:22');
    expect(sinceParent.stdout).not.toContain('src/legacy/old.ts');
  });

  it('--staged reports staged files only', async () => {
    const dir = legacyRepo();
    writeFiles(dir, { 'src/routes/new.ts': NEW_SITE, 'src/routes/unstaged.ts': NEW_SITE });
    git(dir, 'add', 'src/routes/new.ts');
    const result = await runCli(['.', '--check', '--staged'], dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('src/routes/new.ts:3:22');
    expect(result.stdout).not.toContain('unstaged.ts');
    expect(result.stdout).not.toContain('legacy/old.ts');
  });

  it('exits 2 with a clear message for an unknown ref, outside git, and without --check', async () => {
    const dir = legacyRepo();
    const unknown = await runCli(['.', '--check', '--changed-since', 'no-such-branch'], dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--changed-since: no-such-branch is not a commit git knows here');
    const outside = tempDir();
    temps.push(outside);
    copyTree(join(FIXTURES, 'class-field-and-constructor', 'after'), outside);
    const noGit = await runCli(['.', '--check', '--staged'], outside);
    expect(noGit.status).toBe(2);
    expect(noGit.stderr).toContain('--staged needs a git work tree');
    const noCheck = await runCli(['.', '--changed-since', 'HEAD'], dir);
    expect(noCheck.status).toBe(2);
    expect(noCheck.stderr).toContain('--changed-since and --staged go with --check');
  });
});
