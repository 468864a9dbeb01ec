import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyTree, FIXTURES, readTree, remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const FIXTURE = 'class-field-and-constructor';
const NAME = 'prisma-singleton-codemod';
const MB = 1024 * 1024;

function fixtureCopy(): string {
  const dir = tempDir('psc-bad-');
  temps.push(dir);
  copyTree(join(FIXTURES, FIXTURE, 'before'), dir);
  return dir;
}

/** readTree with large files replaced by their digest, so that a failing comparison prints something readable. */
function treeDigest(root: string): Record<string, string> {
  const tree = readTree(root);
  return Object.fromEntries(
    Object.entries(tree).map(([path, bytes]) => [
      path,
      bytes.length > 64 * 1024 ? `sha256:${createHash('sha256').update(bytes, 'latin1').digest('hex')}` : bytes,
    ]),
  );
}

function skippedLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('skipped '));
}

describe('bad input table: the command line and the target', () => {
  // Every case runs in apply mode (no --dry-run, no --check unless the case is about them) on a project that apply
  // would otherwise migrate, so "writes nothing" is a real claim.
  const cases: ReadonlyArray<{ name: string; args: (dir: string) => string[]; stderr: (dir: string) => string }> = [
    {
      name: 'a path that does not exist',
      args: () => ['does-not-exist'],
      stderr: (dir) => `${NAME}: ${join(dir, 'does-not-exist')} does not exist\n`,
    },
    {
      name: 'a file instead of a folder',
      args: () => ['src/services/user.service.ts'],
      stderr: (dir) => `${NAME}: ${join(dir, 'src/services/user.service.ts')} is a file; pass the project folder\n`,
    },
    {
      name: '--singleton outside the target',
      args: () => ['.', '--singleton', '../elsewhere/prisma.ts'],
      stderr: (dir) =>
        `${NAME}: --singleton ../elsewhere/prisma.ts (resolved to ${join(dirname(dir), 'elsewhere', 'prisma.ts')}): outside the project; the singleton must be a file inside it\n`,
    },
    {
      name: '--singleton naming the target',
      args: () => ['.', '--singleton', '.'],
      stderr: (dir) => `${NAME}: --singleton . (resolved to ${dir}): is the project folder; name a file inside it, for example --singleton src/lib/prisma.ts\n`,
    },
    {
      name: '--check with --dry-run',
      args: () => ['.', '--check', '--dry-run'],
      stderr: () => `${NAME}: --check and --dry-run do not go together: --check reports, --dry-run shows the diff\n`,
    },
    {
      name: 'an unknown long flag',
      args: () => ['.', '--frobnicate'],
      stderr: () => `${NAME}: unknown option '--frobnicate'\n${NAME}: see ${NAME} --help\n`,
    },
    {
      name: 'an unknown short flag',
      args: () => ['.', '-x'],
      stderr: () => `${NAME}: unknown option '-x'\n${NAME}: see ${NAME} --help\n`,
    },
    {
      name: 'a flag in the wrong case',
      args: () => ['.', '--Check'],
      stderr: () => `${NAME}: unknown option '--Check'\n(Did you mean --check?)\n${NAME}: see ${NAME} --help\n`,
    },
    {
      name: 'two paths',
      args: () => ['.', 'src'],
      stderr: () => `${NAME}: too many arguments. Expected 1 argument but got 2.\n${NAME}: see ${NAME} --help\n`,
    },
    {
      name: '--reporter nonsense',
      args: () => ['.', '--reporter', 'nonsense'],
      stderr: () =>
        `${NAME}: option '--reporter <name>' argument 'nonsense' is invalid. Allowed choices are pretty, json, github, sarif.\n${NAME}: see ${NAME} --help\n`,
    },
    {
      name: '--reporter without a value',
      args: () => ['.', '--reporter'],
      stderr: () => `${NAME}: option '--reporter <name>' argument missing\n${NAME}: see ${NAME} --help\n`,
    },
    {
      name: '--import-extension mjs',
      args: () => ['.', '--import-extension', 'mjs'],
      stderr: () => `${NAME}: option '--import-extension <ext>' argument 'mjs' is invalid. Allowed choices are js, ts, none.\n${NAME}: see ${NAME} --help\n`,
    },
    {
      name: '--changed-since without --check',
      args: () => ['.', '--changed-since', 'HEAD'],
      stderr: () => `${NAME}: --changed-since and --staged go with --check: they narrow what the check reports\n`,
    },
  ];

  it.each(cases)('exits 2 for $name, says why on stderr, and writes nothing', async ({ args, stderr }) => {
    const dir = fixtureCopy();
    const before = readTree(dir);
    const result = await runCli(args(dir), dir);
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 2, stdout: '', stderr: stderr(dir) });
    expect(readTree(dir)).toEqual(before);
  });
});

describe('bad input table: files that cannot be migrated are skipped and the rest goes on', () => {
  const CLIENT = "import { PrismaClient } from '@prisma/client';\n";
  const cases: ReadonlyArray<{ name: string; path: string; bytes: () => Buffer; skipped: RegExp }> = [
    {
      name: 'a file that does not parse',
      path: 'src/broken.ts',
      bytes: () => Buffer.from(`${CLIENT}const answer = 42;\nconst prisma = new PrismaClient(;\nlet = ;\n`),
      skipped: /^skipped src\/broken\.ts:3:33 does not parse; left untouched \(.+\)$/,
    },
    {
      name: 'a binary .ts file',
      path: 'src/binary.ts',
      bytes: () => Buffer.concat([Buffer.from(CLIENT), Buffer.from([0, 0, 1, 2, 0]), Buffer.from('\nconst prisma = new PrismaClient();\n')]),
      skipped: /^skipped src\/binary\.ts looks binary; left untouched$/,
    },
    {
      name: 'a .ts file with invalid UTF-8',
      path: 'src/latin1.ts',
      bytes: () =>
        Buffer.concat([Buffer.from(`${CLIENT}// caf`), Buffer.from([0xe9, 0x20, 0xff, 0xfe]), Buffer.from('\nconst prisma = new PrismaClient();\n')]),
      skipped: /^skipped src\/latin1\.ts is not valid UTF-8; left untouched$/,
    },
    {
      name: 'a file over 5 MB',
      path: 'src/generated/huge.ts',
      bytes: () => padded(`${CLIENT}export const prisma = new PrismaClient();\n`, 5 * MB + 1),
      skipped: /^skipped src\/generated\/huge\.ts is larger than 5 MB; left untouched \(5,242,881 bytes\)$/,
    },
  ];

  it.each(cases)('skips $name with the reason, exits 1, leaves its bytes alone and migrates the other files', async ({ path, bytes, skipped }) => {
    const dir = fixtureCopy();
    const bad = bytes();
    writeBytes(dir, path, bad);
    const result = await runCli(['.'], dir);
    expect(result.status).toBe(1);
    expect(skippedLines(result.stderr)).toEqual([expect.stringMatching(skipped)]);
    expect(result.stdout).toContain('created src/lib/prisma.ts\n');
    expect(result.stdout).toContain('rewrote src/services/user.service.ts\n');
    // The whole tree is the fixture's expected result plus the bad file, byte for byte.
    expect(treeDigest(dir)).toEqual(fixtureAfterWith(path, bad));
  });

  it.each(cases)('--check reports $name as skipped and exits 1', async ({ path, bytes, skipped }) => {
    const dir = fixtureCopy();
    writeBytes(dir, path, bytes());
    const before = treeDigest(dir);
    const result = await runCli(['.', '--check'], dir);
    expect(result.status).toBe(1);
    expect(skippedLines(result.stderr)).toEqual([expect.stringMatching(skipped)]);
    expect(result.stdout.split('\n').filter((line) => line.endsWith(' outside the singleton'))).toHaveLength(3);
    expect(treeDigest(dir)).toEqual(before);
  });

  it('migrates a file of exactly 5 MB like any other', async () => {
    const dir = fixtureCopy();
    writeFileSync(join(dir, 'src', 'big.ts'), padded(`${CLIENT}export const prisma = new PrismaClient();\n`, 5 * MB));
    const result = await runCli(['.'], dir);
    expect(result.status).toBe(0);
    expect(skippedLines(result.stderr)).toEqual([]);
    expect(result.stdout).toContain('rewrote src/big.ts\n');
    expect(readTree(dir)['src/big.ts']?.startsWith("import { prisma } from './lib/prisma.js';\nexport { prisma };\n")).toBe(true);
  });
});

describe('bad input table: nothing to migrate', () => {
  it('exits 0 for an empty folder on apply, but a --check that scanned nothing is not clean: exit 2 and why', async () => {
    const dir = tempDir('psc-bad-');
    temps.push(dir);
    const apply = await runCli(['.'], dir);
    expect(apply).toEqual({ status: 0, stdout: '', stderr: '✔ no PrismaClient instantiation found in 0 files; nothing to do\n' });
    const check = await runCli(['.', '--check'], dir);
    expect({ status: check.status, stdout: check.stdout }).toEqual({ status: 2, stdout: '' });
    expect(check.stderr).toBe(
      `prisma-singleton-codemod: no source file to check under ${dir}: it has no .ts, .js, .vue, .svelte or .astro file; is this the project folder?\n`,
    );
    expect(readTree(dir)).toEqual({});
  });

  it('exits 2 from a --check whose every source file is ignored, naming what skipped them', async () => {
    const dir = tempDir('psc-bad-');
    temps.push(dir);
    writeFiles(dir, {
      '.gitignore': 'src/\nlocal.ts\n',
      'src/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n",
      'local.ts': 'export const x = 1;\n',
      '.next/server/page.js': 'module.exports = 1;\n',
    });
    const check = await runCli(['.', '--check'], dir);
    expect(check.status).toBe(2);
    expect(check.stderr).toBe(
      `prisma-singleton-codemod: no source file to check under ${dir}: everything is skipped (.next/ (build output), src/ (.gitignore), 1 file(s) ignored by .gitignore); pass the folder that holds the sources\n`,
    );
  });

  it('exits 0 for a project with no Prisma usage and says there is nothing to do', async () => {
    const dir = tempDir('psc-bad-');
    temps.push(dir);
    copyTree(join(FIXTURES, 'no-prisma', 'before'), dir);
    const before = readTree(dir);
    const apply = await runCli(['.'], dir);
    expect(apply).toEqual({ status: 0, stdout: '', stderr: '✔ no PrismaClient instantiation found in 2 files; nothing to do\n' });
    const check = await runCli(['.', '--check'], dir);
    expect(check).toEqual({ status: 0, stdout: '', stderr: '✔ no PrismaClient instantiation outside the singleton; 2 files scanned\n' });
    expect(readTree(dir)).toEqual(before);
  });
});

/** `head` followed by comment lines, cut to exactly `size` bytes (ending in a newline). */
function padded(head: string, size: number): Buffer {
  const line = '// padding to make this file large, as generated code and bundles are\n';
  const body = line.repeat(Math.ceil((size - head.length) / line.length));
  return Buffer.from(`${`${head}${body}`.slice(0, size - 1)}\n`);
}

function fixtureAfterWith(path: string, bytes: Buffer): Record<string, string> {
  const dir = tempDir('psc-bad-expected-');
  temps.push(dir);
  copyTree(join(FIXTURES, FIXTURE, 'after'), dir);
  writeBytes(dir, path, bytes);
  return treeDigest(dir);
}

function writeBytes(root: string, path: string, bytes: Buffer): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), bytes);
}

describe('bad input: text the byte search cannot read', () => {
  it('reports a UTF-16 source file that mentions PrismaClient instead of passing over it, and leaves it alone', async () => {
    const dir = tempDir('psc-utf16-');
    temps.push(dir);
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n", 'utf16le'),
    ]);
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'src', 'legacy.ts'), utf16);
    const result = await runCli(['.', '--check'], dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe(
      'skipped src/legacy.ts is UTF-16 text that mentions PrismaClient; save it as UTF-8 to migrate it; left untouched',
    );
    expect(readFileSync(join(dir, 'src', 'legacy.ts')).equals(utf16)).toBe(true);
  });
});
