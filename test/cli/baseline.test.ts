import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clientModule, commitAll, gitRepo, PACKAGE_JSON, reportedSites } from '../support/git-repo.js';
import { mtimes, remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const BASELINE = 'prisma-baseline.json';
const LEGACY = {
  'package.json': PACKAGE_JSON,
  'src/routes/users.ts': clientModule('users'),
  'src/routes/posts.ts': `${clientModule('posts')}export function replica() {\n  return new PrismaClient();\n}\n`,
  'src/user.test.ts': clientModule('forTests'),
};

function legacyProject(): string {
  const dir = tempDir();
  temps.push(dir);
  writeFiles(dir, LEGACY);
  return dir;
}

async function check(dir: string, ...args: string[]): Promise<{ status: number | null; sites: string[]; stdout: string; stderr: string }> {
  const result = await runCli(['.', '--check', '--baseline', BASELINE, ...args], dir);
  return { ...result, sites: reportedSites(result.stdout) };
}

describe('--baseline', () => {
  it('writes a sorted, reviewable baseline of every site outside the singleton, then passes until a new one appears', async () => {
    const dir = legacyProject();
    const update = await check(dir, '--update-baseline');
    expect(update).toMatchObject({ status: 0, stdout: '' });
    expect(update.stderr).toContain(`baseline ${BASELINE} written: it accepts 3 sites in 2 files (3 new)`);
    const written: unknown = JSON.parse(readFileSync(join(dir, BASELINE), 'utf8'));
    expect(written).toMatchObject({
      version: 1,
      files: { 'src/routes/posts.ts': [expect.any(String), expect.any(String)], 'src/routes/users.ts': [expect.any(String)] },
    });
    expect(Object.keys(Object(written).files)).toEqual(['src/routes/posts.ts', 'src/routes/users.ts']);

    const clean = await check(dir);
    expect(clean).toMatchObject({ status: 0, sites: [] });
    expect(clean.stderr).toContain(`baseline ${BASELINE}: 3 sites in 2 files accepted, left to migrate`);
    expect(clean.stderr).toContain('✔ no PrismaClient instantiation outside the singleton beyond the baseline; 3 files scanned');

    writeFiles(dir, { 'src/routes/users.ts': `${LEGACY['src/routes/users.ts']}export const again = new PrismaClient();\n` });
    const fresh = await check(dir);
    expect(fresh).toMatchObject({ status: 1, sites: ['src/routes/users.ts:3'] });
    expect(fresh.stderr).toContain('1 PrismaClient instantiation outside the singleton beyond the baseline in 1 file');
    expect(fresh.stderr.trimEnd().split('\n').at(-1)).toBe('fix: npx prisma-singleton-codemod .');
  });

  it('keeps accepting a site when lines move above it, and reports the entry of a fixed site as stale until an update drops it', async () => {
    const dir = legacyProject();
    await check(dir, '--update-baseline');
    const before = readFileSync(join(dir, BASELINE), 'utf8');
    writeFiles(dir, {
      'src/routes/posts.ts': `// moved down by a comment\n\n${LEGACY['src/routes/posts.ts']}`,
      'src/routes/users.ts': "export { prisma as users } from '../lib/prisma.js';\n",
    });
    const stale = await check(dir);
    expect(stale).toMatchObject({ status: 0, sites: [] });
    expect(stale.stderr).toContain('baseline: 1 entry matches no site any more (fixed, or edited): src/routes/users.ts; --update-baseline drops them');
    expect(readFileSync(join(dir, BASELINE), 'utf8')).toBe(before);

    const update = await check(dir, '--update-baseline');
    expect(update.stderr).toContain('dropped 1 stale entry (src/routes/users.ts)');
    expect(Object.keys(JSON.parse(readFileSync(join(dir, BASELINE), 'utf8')).files)).toEqual(['src/routes/posts.ts']);
  });

  it('writes nothing but the baseline, and the same bytes when nothing changed', async () => {
    const dir = legacyProject();
    await check(dir, '--update-baseline');
    const times = mtimes(dir);
    await check(dir, '--update-baseline');
    expect(mtimes(dir)).toEqual(times);
  });

  it('exits 2 for a missing or broken baseline, and for flags that do not go together', async () => {
    const dir = legacyProject();
    expect(await check(dir)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining(
        `--baseline ${BASELINE} (resolved to ${join(dir, BASELINE)}) does not exist; write it with --check --baseline <file> --update-baseline`,
      ),
    });
    writeFileSync(join(dir, BASELINE), '{"version": 7, "files": {}}');
    expect((await check(dir)).stderr).toContain('version 7 is not the version this tool reads (1); write it again with --update-baseline');
    const cases: Array<[string[], string]> = [
      [['.', '--baseline', BASELINE], '--baseline goes with --check'],
      [['.', '--check', '--update-baseline'], '--update-baseline needs --baseline <file>'],
      [['.', '--check', '--staged', '--baseline', BASELINE, '--update-baseline'], '--update-baseline does not go with --changed-since or --staged'],
    ];
    for (const [args, message] of cases) expect(await runCli(args, dir)).toMatchObject({ status: 2, stdout: '', stderr: expect.stringContaining(message) });
  });
});

describe('a push build with the baseline (no base ref to compare with)', () => {
  it('passes the pushed legacy code, fails a pushed new client, and points an empty base ref at the baseline', async () => {
    const dir = gitRepo(temps, LEGACY);
    await check(dir, '--update-baseline');
    commitAll(dir, 'accept the legacy clients');
    // A push event: github.base_ref is empty, so origin/${{ github.base_ref }} is "origin/".
    expect((await runCli(['.', '--check', '--changed-since', 'origin/'], dir)).stderr).toContain('check pushes with --baseline <file>');
    expect(await check(dir)).toMatchObject({ status: 0, sites: [] });
    writeFiles(dir, { 'src/jobs/nightly.ts': clientModule('nightly') });
    commitAll(dir, 'a job with its own client');
    expect(await check(dir)).toMatchObject({ status: 1, sites: ['src/jobs/nightly.ts:2'] });
  });

  it('with --changed-since, fails only a new site outside the baseline and calls no entry of an untouched file stale', async () => {
    const dir = gitRepo(temps, LEGACY);
    await check(dir, '--update-baseline');
    commitAll(dir, 'accept the legacy clients');
    writeFiles(dir, { 'src/routes/users.ts': `${LEGACY['src/routes/users.ts']}export const again = new PrismaClient();\n` });
    const result = await check(dir, '--changed-since', 'HEAD');
    expect(result).toMatchObject({ status: 1, sites: ['src/routes/users.ts:3'] });
    expect(result.stderr).toContain(`baseline ${BASELINE}: 3 sites in 2 files accepted, left to migrate`);
    expect(result.stderr).not.toContain('stale');
    expect(result.stderr).not.toContain('no site any more');
  });
});
