import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientModule, commitAll, git, gitRepo, PACKAGE_JSON, reportedSites } from '../support/git-repo.js';
import { remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const LEGACY_A = "import { PrismaClient } from '@prisma/client';\n\n// list teh users\nexport const a = new PrismaClient();\n";

/**
 * main: three legacy files with their own client. The branch `feature` fixes a typo in a.ts and adds c.ts with a new
 * client; after it left, main added a second client to b.ts and migrated d.ts. HEAD is feature.
 */
function branchBehindMovedMain(): string {
  const dir = gitRepo(temps, { 'package.json': PACKAGE_JSON, 'src/a.ts': LEGACY_A, 'src/b.ts': clientModule('b'), 'src/d.ts': clientModule('d') });
  git(dir, 'switch', '-q', '-c', 'feature');
  writeFiles(dir, { 'src/a.ts': LEGACY_A.replace('teh', 'the'), 'src/c.ts': clientModule('c') });
  commitAll(dir, 'feature: typo, and a new client');
  git(dir, 'switch', '-q', 'main');
  writeFiles(dir, { 'src/b.ts': `${clientModule('b')}export const b2 = new PrismaClient();\n`, 'src/d.ts': 'export const d = 1;\n' });
  commitAll(dir, 'main moves on');
  git(dir, 'switch', '-q', 'feature');
  return dir;
}

async function sites(dir: string, ...args: string[]): Promise<{ status: number | null; sites: string[]; stderr: string }> {
  const result = await runCli(['.', '--check', ...args], dir);
  return { status: result.status, sites: reportedSites(result.stdout), stderr: result.stderr };
}

describe('--changed-since compares with where the branch left the ref', () => {
  let dir = '';
  beforeAll(() => {
    dir = branchBehindMovedMain();
  });

  it('reports only the new client when main moved on after the branch left it', async () => {
    expect(await sites(dir, '--changed-since', 'main')).toMatchObject({ status: 1, sites: ['src/c.ts:2'] });
    // Without the filter every legacy client is there.
    expect((await sites(dir)).sites).toEqual(['src/a.ts:4', 'src/b.ts:2', 'src/c.ts:2', 'src/d.ts:2']);
  });

  it('reads A...B and A... as git does: since the merge base', async () => {
    expect((await sites(dir, '--changed-since', 'main...HEAD')).sites).toEqual(['src/c.ts:2']);
    expect((await sites(dir, '--changed-since', 'main...')).sites).toEqual(['src/c.ts:2']);
  });

  it('reads A..B as git does: since the tip of A, where main migrated d.ts and so d.ts looks added', async () => {
    expect((await sites(dir, '--changed-since', 'main..HEAD')).sites).toEqual(['src/c.ts:2', 'src/d.ts:2']);
  });

  it('refuses a range whose right side is not HEAD, since the check reads the working tree', async () => {
    const result = await sites(dir, '--changed-since', 'feature...main');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('the right side of the range must be HEAD or left out (feature...); main is not HEAD');
  });
});

describe('--changed-since counts lines, not files', () => {
  it('passes a line-level change in a legacy file and fails a new site added to it', async () => {
    const dir = gitRepo(temps, { 'package.json': PACKAGE_JSON, 'src/legacy.ts': LEGACY_A });
    git(dir, 'switch', '-q', '-c', 'feature');
    writeFiles(dir, { 'src/legacy.ts': LEGACY_A.replace('teh', 'the') });
    expect(await sites(dir, '--changed-since', 'main')).toMatchObject({ status: 0, sites: [] });
    writeFiles(dir, { 'src/legacy.ts': `${LEGACY_A}\nexport const again = new PrismaClient();\n` });
    expect(await sites(dir, '--changed-since', 'main')).toMatchObject({ status: 1, sites: ['src/legacy.ts:6'] });
  });

  it('counts a renamed file as old, and only the lines a rename with edits added as new', async () => {
    const dir = gitRepo(temps, { 'package.json': PACKAGE_JSON, 'src/one.ts': clientModule('one'), 'src/two.ts': LEGACY_A });
    git(dir, 'switch', '-q', '-c', 'feature');
    mkdirSync(join(dir, 'src/moved'));
    git(dir, 'mv', 'src/one.ts', 'src/moved/one.ts');
    commitAll(dir, 'move one.ts');
    expect(await sites(dir, '--changed-since', 'main')).toMatchObject({ status: 0, sites: [] });
    git(dir, 'mv', 'src/two.ts', 'src/moved/two.ts');
    writeFiles(dir, { 'src/moved/two.ts': `${LEGACY_A}export const added = new PrismaClient();\n` });
    expect((await sites(dir, '--changed-since', 'main')).sites).toEqual(['src/moved/two.ts:5']);
  });

  it('counts a file moved with plain mv (not yet added) as old, and its new lines as new', async () => {
    const dir = gitRepo(temps, { 'package.json': PACKAGE_JSON, 'src/one.ts': clientModule('one'), 'src/two.ts': LEGACY_A });
    renameSync(join(dir, 'src/one.ts'), join(dir, 'src/lib-one.ts'));
    writeFiles(dir, { 'src/routes/two.ts': `${LEGACY_A}export const added = new PrismaClient();\n` });
    remove(join(dir, 'src/two.ts'));
    // lib-one.ts holds one.ts's bytes: a move; routes/two.ts keeps most of two.ts's lines: a move with one new line.
    expect(await sites(dir, '--changed-since', 'HEAD')).toMatchObject({ status: 1, sites: ['src/routes/two.ts:5'] });
  });

  it('checks a project in a subfolder of the repository with paths relative to it', async () => {
    const dir = gitRepo(temps, { 'apps/api/package.json': PACKAGE_JSON, 'apps/api/src/old.ts': clientModule('old') });
    writeFiles(dir, { 'apps/api/src/new.ts': clientModule('fresh', 2) });
    const result = await runCli(['apps/api', '--check', '--changed-since', 'HEAD'], dir);
    expect(reportedSites(result.stdout)).toEqual(['apps/api/src/new.ts:4']);
  });
});

describe('--changed-since in a shallow clone, as actions/checkout makes one by default', () => {
  let origin = '';
  beforeAll(() => {
    origin = branchBehindMovedMain();
  });

  function shallowClone(...args: string[]): string {
    const parent = tempDir();
    temps.push(parent);
    git(parent, 'clone', '-q', '--depth', '1', ...args, `file://${origin}`, 'repo');
    return join(parent, 'repo');
  }

  it('exits 2 with the fix when the base branch was not fetched, and the fix works', async () => {
    const clone = shallowClone('--branch', 'feature');
    const result = await sites(clone, '--changed-since', 'origin/main');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--changed-since: origin/main is not in this shallow clone');
    expect(result.stderr).toContain('give actions/checkout `fetch-depth: 0`');
    expect(result.stderr).toContain('`git fetch --unshallow`');
    expect(result.stderr).not.toContain('for example origin/main');
    git(clone, 'fetch', '-q', '--unshallow', 'origin', '+refs/heads/*:refs/remotes/origin/*');
    expect(await sites(clone, '--changed-since', 'origin/main')).toMatchObject({ status: 1, sites: ['src/c.ts:2'] });
  });

  it('exits 2 with the fix when the merge base is older than the fetched history', async () => {
    const clone = shallowClone('--branch', 'feature', '--no-single-branch');
    const result = await sites(clone, '--changed-since', 'origin/main');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('this shallow clone does not reach the commit where HEAD left origin/main');
    expect(result.stderr).toContain('`git fetch --deepen=<commits>`');
  });
});

describe('--changed-since with a ref that names nothing', () => {
  it('says what to do for an empty base ref on a push event, and for a misspelt branch', async () => {
    const dir = gitRepo(temps, { 'package.json': PACKAGE_JSON, 'src/old.ts': clientModule('old') });
    const push = await sites(dir, '--changed-since', 'origin/');
    expect(push.status).toBe(2);
    expect(push.stderr).toContain('"origin/" names no branch (on a push event ${{ github.base_ref }} is empty');
    expect(push.stderr).toContain('check pushes with --baseline <file>');
    const typo = await sites(dir, '--changed-since', 'mian');
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('--changed-since: mian is not a commit git knows here; check the name');
  });

  it('exits 2 outside git and without --check', async () => {
    const outside = tempDir();
    temps.push(outside);
    writeFiles(outside, { 'package.json': PACKAGE_JSON, 'src/old.ts': clientModule('old') });
    const noGit = await runCli(['.', '--check', '--staged'], outside);
    expect(noGit.status).toBe(2);
    expect(noGit.stderr).toContain('--staged needs a git work tree');
    const noCheck = await runCli(['.', '--changed-since', 'HEAD'], outside);
    expect(noCheck.status).toBe(2);
    expect(noCheck.stderr).toContain('--changed-since and --staged go with --check');
  });
});
