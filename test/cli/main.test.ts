import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, copyFixture, mtimes, readTree, remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

function fixtureCopy(name: string): string {
  return copyFixture(name, temps);
}

describe('CLI', () => {
  it('prints help with examples and exits 0', async () => {
    const result = await runCli(['--help'], process.cwd());
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: prisma-singleton-codemod [options] [path]');
    expect(result.stdout).toContain('--dry-run');
    expect(result.stdout).toContain('Examples:');
  });

  it('prints the package version and exits 0', async () => {
    const result = await runCli(['--version'], process.cwd());
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  const usageErrors: ReadonlyArray<{ name: string; args: string[]; message: RegExp }> = [
    { name: 'an unknown flag', args: ['--frobnicate'], message: /unknown option '--frobnicate'/ },
    { name: '--check with --dry-run', args: ['--check', '--dry-run'], message: /--check and --dry-run do not go together/ },
    { name: 'a bad --import-extension', args: ['--import-extension', 'mjs'], message: /--import-extension.*mjs/ },
    { name: 'a bad --framework', args: ['--framework', 'express'], message: /--framework.*express/ },
    { name: 'a path that does not exist', args: ['does-not-exist'], message: /does-not-exist does not exist/ },
    { name: 'a file instead of a folder', args: ['package.json'], message: /package\.json is a file; pass the project folder/ },
    {
      name: '--singleton outside the target',
      args: ['.', '--singleton', '../elsewhere/prisma.ts'],
      message: /--singleton \.\.\/elsewhere\/prisma\.ts \(resolved to .+\): outside the project/,
    },
  ];

  it.each(usageErrors)('exits 2 with one line on stderr for $name, writing nothing', async ({ args, message }) => {
    const dir = fixtureCopy('class-field-and-constructor');
    const before = readTree(dir);
    const result = await runCli(args, dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(readTree(dir)).toEqual(before);
  });

  it('--check names every instantiation with path:line:column and exits 1', async () => {
    const dir = fixtureCopy('seed-15-files');
    const result = await runCli(['apps/api', '--check'], dir);
    expect(result.status).toBe(1);
    const sites = result.stdout.split('\n').filter((line) => line.endsWith(' outside the singleton'));
    expect(sites).toHaveLength(15);
    expect(result.stdout).toContain('apps/api/src/middleware/auth.ts:15:20 new PrismaClient() outside the singleton\n');
    // stdout holds the sites and nothing else; the verdict goes to stderr, and the fix command comes once, last.
    expect(result.stdout.split('\n').filter((line) => line !== '' && !line.endsWith(' outside the singleton'))).toEqual([]);
    expect(result.stderr).toContain('left alone: 1 test; --all includes them');
    expect(result.stderr.match(/npx prisma-singleton-codemod/g)).toHaveLength(1);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe('fix: npx prisma-singleton-codemod apps/api');
  });

  it('--dry-run prints a git-style diff with the new singleton and writes nothing', async () => {
    const dir = fixtureCopy('seed-15-files');
    const before = readTree(dir);
    const times = mtimes(dir);
    const result = await runCli(['apps/api', '--dry-run'], dir);
    expect(result.status).toBe(0);
    // Outside git, paths are from the current directory (README "Paths in the output").
    expect(result.stdout).toContain(
      'diff --git a/apps/api/src/lib/prisma.ts b/apps/api/src/lib/prisma.ts\nnew file mode 100644\n--- /dev/null\n+++ b/apps/api/src/lib/prisma.ts\n',
    );
    expect(result.stdout).toContain('-const prisma = new PrismaClient();');
    expect(result.stderr).toContain('15 PrismaClient instances (15 connection pools) -> 1');
    expect(result.stdout).not.toMatch(/\x1b\[/);
    // `--dry-run > migration.diff` is a patch and nothing else: git applies it as it is.
    const applies = spawnSync('git', ['apply', '--check', '-'], { cwd: dir, input: result.stdout, encoding: 'utf8' });
    expect(applies.stderr).toBe('');
    expect(applies.status).toBe(0);
    expect(readTree(dir)).toEqual(before);
    expect(mtimes(dir)).toEqual(times);
  });

  it('--check writes nothing and leaves modification times alone', async () => {
    const dir = fixtureCopy('seed-40-files');
    const times = mtimes(dir);
    await runCli(['.', '--check'], dir);
    expect(mtimes(dir)).toEqual(times);
  });

  it('colours output only when asked and never with NO_COLOR', async () => {
    const dir = fixtureCopy('class-field-and-constructor');
    const forced = await runCli(['.', '--check'], dir, { NO_COLOR: '', FORCE_COLOR: '1' });
    expect(forced.stdout).toMatch(/\x1b\[31m/);
    const plain = await runCli(['.', '--check'], dir, { NO_COLOR: '1', FORCE_COLOR: '1' });
    expect(plain.stdout).not.toMatch(/\x1b\[/);
    // A CI log is not a terminal: CI=true alone must not switch colour on.
    const inCi = await runCli(['.', '--check'], dir, { NO_COLOR: '', FORCE_COLOR: '', CI: 'true' });
    expect(inCi.stdout + inCi.stderr).not.toMatch(/\x1b\[/);
    expect(inCi.stdout).toContain('new PrismaClient() outside the singleton');
  });

  it('exits 0 and says so for a project without Prisma, and for an empty folder', async () => {
    const dir = fixtureCopy('no-prisma');
    const result = await runCli(['.'], dir);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('no PrismaClient instantiation found in 2 files; nothing to do');
    const empty = tempDir();
    temps.push(empty);
    const none = await runCli(['.'], empty);
    expect(none.status).toBe(0);
    expect(none.stderr).toContain('no PrismaClient instantiation found in 0 files; nothing to do');
  });

  it('warns loudly when the singleton would be git-ignored', async () => {
    const dir = fixtureCopy('gitignored-singleton-folder');
    const result = await runCli(['.', '--dry-run'], dir);
    expect(result.stderr).toContain('src/lib/prisma.ts is ignored by a .gitignore: commit it anyway (git add -f)');
  });

  it('leaves a file that does not parse untouched, names it with line:column, and exits 1', async () => {
    const dir = fixtureCopy('class-field-and-constructor');
    writeFiles(dir, { 'src/broken.ts': "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient(;\n" });
    const result = await runCli(['.'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/skipped src\/broken\.ts:2:\d+ does not parse; left untouched/);
    expect(readTree(dir)['src/broken.ts']).toBe("import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient(;\n");
    expect(readTree(dir)['src/lib/prisma.ts']).toContain('export const prisma');
  });
});

describe('--schema', () => {
  it("takes a schema outside the target, relative to where the command runs, like Prisma's own flag", async () => {
    const root = fixtureCopy('monorepo-root-schema');
    const fromApp = await runCli(['.', '--check', '--schema', '../../prisma/schema.prisma'], `${root}/apps/api`);
    expect(fromApp.status).toBe(1);
    expect(fromApp.stdout.split('\n').filter((line) => line.endsWith('outside the singleton'))).toEqual([
      'src/jobs/digest.ts:4:14 new PrismaClient() outside the singleton',
      'src/routes/users.ts:3:16 new PrismaClient() outside the singleton',
    ]);
    const absolute = await runCli(['apps/api', '--check', '--schema', `${root}/prisma/schema.prisma`], root);
    const lines = (out: string): string[] => out.split('\n').filter((line) => line.endsWith('outside the singleton'));
    expect(lines(absolute.stdout)).toEqual(lines(fromApp.stdout).map((line) => `apps/api/${line}`));
  });
});

describe('progress', () => {
  // `script` (util-linux) gives the CLI a terminal, as a user's shell would.
  it('--check shows a one-line counter on a terminal once a scan runs long, and none otherwise', async () => {
    const dir = fixtureCopy('seed-40-files');
    const command = `NO_COLOR=1 PRISMA_SINGLETON_CODEMOD_PROGRESS_DELAY_MS=0 ${process.execPath} ${BIN} . --check > /dev/null`;
    const onTerminal = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8' });
    expect(onTerminal.stdout).toMatch(/\r\x1b\[2Kscanning 50\/50 files\r\x1b\[2K/);
    const piped = await runCli(['.', '--check'], dir, { PRISMA_SINGLETON_CODEMOD_PROGRESS_DELAY_MS: '0' });
    expect(piped.stderr).not.toContain('scanning');
  });
});
