import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clientModule, git, gitRepo, PACKAGE_JSON, reportedSites } from '../support/git-repo.js';
import { readTree, remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const LEGACY = "import { PrismaClient } from '@prisma/client';\n\n// list teh users\nexport const legacy = new PrismaClient();\n";

async function staged(dir: string): Promise<{ status: number | null; sites: string[] }> {
  const result = await runCli(['.', '--check', '--staged'], dir);
  return { status: result.status, sites: reportedSites(result.stdout) };
}

describe('--staged checks what the commit will hold: the index, not the working tree', () => {
  it('fails a staged client that an unstaged edit removed, at its line in the staged text', async () => {
    const dir = gitRepo(temps, { 'package.json': PACKAGE_JSON, 'src/legacy.ts': LEGACY });
    writeFiles(dir, { 'src/routes/new.ts': clientModule('fresh') });
    git(dir, 'add', 'src/routes/new.ts');
    // The working tree drops the client and moves everything down three lines; the commit would still hold it at 2.
    writeFiles(dir, { 'src/routes/new.ts': '// one\n// two\n// three\nexport const fresh = 1;\n' });
    expect(await staged(dir)).toEqual({ status: 1, sites: ['src/routes/new.ts:2'] });
  });

  it('passes a staged file without a client that an unstaged edit gave one, and an unstaged new file', async () => {
    const dir = gitRepo(temps, { 'package.json': PACKAGE_JSON, 'src/legacy.ts': LEGACY });
    writeFiles(dir, { 'src/routes/new.ts': 'export const fresh = 1;\n' });
    git(dir, 'add', 'src/routes/new.ts');
    writeFiles(dir, { 'src/routes/new.ts': clientModule('fresh'), 'src/routes/untracked.ts': clientModule('other') });
    expect(await staged(dir)).toEqual({ status: 0, sites: [] });
  });

  it('passes a staged typo fix in a legacy file and fails a staged new site in it', async () => {
    const dir = gitRepo(temps, { 'package.json': PACKAGE_JSON, 'src/legacy.ts': LEGACY });
    writeFiles(dir, { 'src/legacy.ts': LEGACY.replace('teh', 'the') });
    git(dir, 'add', 'src/legacy.ts');
    expect(await staged(dir)).toEqual({ status: 0, sites: [] });
    writeFiles(dir, { 'src/legacy.ts': `${LEGACY}export const again = new PrismaClient();\n` });
    git(dir, 'add', 'src/legacy.ts');
    expect(await staged(dir)).toEqual({ status: 1, sites: ['src/legacy.ts:5'] });
  });

  it('checks the first commit of a repository, where HEAD has no commit yet', async () => {
    const dir = tempDir();
    temps.push(dir);
    writeFiles(dir, { 'package.json': PACKAGE_JSON, 'src/db.ts': clientModule('db') });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    expect(await staged(dir)).toEqual({ status: 1, sites: ['src/db.ts:2'] });
  });

  it('writes nothing, .git included, even when a tracked file changed only its modification time', async () => {
    const dir = gitRepo(temps, { 'package.json': PACKAGE_JSON, 'src/legacy.ts': LEGACY });
    // A stat-only change is what makes `git diff` and `git status` rewrite the index.
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(dir, 'src/legacy.ts'), later, later);
    writeFiles(dir, { 'src/routes/new.ts': clientModule('fresh') });
    git(dir, 'add', 'src/routes/new.ts');
    const before = readTree(join(dir, '.git'));
    expect((await runCli(['.', '--check', '--staged'], dir)).status).toBe(1);
    expect((await runCli(['.', '--check', '--changed-since', 'HEAD'], dir)).status).toBe(1);
    expect(readTree(join(dir, '.git'))).toEqual(before);
  });
});
