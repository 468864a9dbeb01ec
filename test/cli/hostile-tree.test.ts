import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, FIXTURES, readTree, remove, runCli } from '../support/helpers.js';

// A tree as a user's disk has it: one pathological file, a FIFO, links to nothing, odd names. Each costs that one
// file (a skip or a note), never the run.
const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const NAME = 'prisma-singleton-codemod';
const FIXTURE = 'class-field-and-constructor';
const BEFORE = readTree(join(FIXTURES, FIXTURE, 'before'));
const AFTER = readTree(join(FIXTURES, FIXTURE, 'after'));
const CLIENT = "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\n";

function skippedLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('skipped '));
}

describe('a file nested too deeply for a recursive walk', () => {
  // Sizes far past what the parser and the analysis survive even with a worker thread's larger stack (the CLI's main
  // thread gives up at about 700 parentheses, 1,000 arrows). Wide, because optimised code has smaller frames than the
  // interpreter's: once a full suite had warmed the parser, a file of 10,000 arrows was once read whole.
  const cases = [
    { name: '30,000 nested parentheses', file: 'src/deep-parens.ts', body: `export const v = ${'('.repeat(30_000)}1${')'.repeat(30_000)};\n`, at: '' },
    { name: '30,000 nested arrow functions', file: 'src/deep-arrows.ts', body: `export const f = ${'() => '.repeat(30_000)}1;\n`, at: '' },
  ];

  it.each(cases)('is skipped with its own line when it holds $name, in --check and in apply, and the rest goes on', async ({ file, body, at }) => {
    const dir = copyFixture(FIXTURE, temps);
    const text = `${CLIENT}const a = 1;\n${body}`;
    writeFileSync(join(dir, file), text);
    const check = await runCli(['.', '--check'], dir);
    expect(check.status).toBe(1);
    expect(check.stdout.split('\n').filter((line) => line.endsWith('outside the singleton'))).toHaveLength(3);
    const [skipped] = skippedLines(check.stderr);
    expect(skipped).toMatch(new RegExp(`^skipped ${file}${at} is nested too deeply to analyse; left untouched \\(.+\\)$`));
    expect(check.stderr).not.toContain('internal error');

    const apply = await runCli(['.'], dir);
    expect(apply.status).toBe(1);
    expect(skippedLines(apply.stderr)).toEqual([skipped]);
    expect(readTree(dir)).toEqual({ ...AFTER, [file]: text });
  });

  // The parse and the search for sites walk without recursion, so --check reads a very long flat expression whole;
  // the rewrite's own walks recurse and run out: apply names the file, says why, and leaves it as it was.
  it('is read whole by --check when it holds a 20,000-term sum, and skipped by apply with its own line', async () => {
    const dir = copyFixture(FIXTURE, temps);
    const file = 'src/deep-sum.ts';
    const text = `${CLIENT}const a = 1;\nexport const total = ${Array(20_000).fill('a').join(' + ')};\n`;
    writeFileSync(join(dir, file), text);
    const check = await runCli(['.', '--check'], dir);
    expect(check.status).toBe(1);
    const sites = check.stdout.split('\n').filter((line) => line.endsWith('outside the singleton'));
    expect(sites).toHaveLength(4);
    expect(sites).toContain(`${file}:2:16 new PrismaClient() outside the singleton`);
    expect(skippedLines(check.stderr)).toEqual([]);

    const apply = await runCli(['.'], dir);
    expect(apply.status).toBe(1);
    expect(skippedLines(apply.stderr)).toEqual([`skipped ${file} is nested too deeply to analyse; left untouched (the rewrite ran out of stack)`]);
    expect(apply.stdout).toContain(`${file}:2:16 left for review`);
    expect(readTree(dir)).toEqual({ ...AFTER, [file]: text });
  });
});

describe('files that are not regular files', () => {
  it('passes over a FIFO named like a source file instead of waiting on it forever', { timeout: 20_000 }, async () => {
    const dir = copyFixture('already-migrated', temps);
    expect(spawnSync('mkfifo', [join(dir, 'src/pipe.ts')]).status).toBe(0);
    const check = await runCli(['.', '--check'], dir);
    expect({ status: check.status, skipped: skippedLines(check.stderr) }).toEqual({
      status: 0,
      skipped: ['skipped src/pipe.ts is not a regular file; not read'],
    });
    const apply = await runCli(['.'], dir);
    expect(apply.status).toBe(0);
    unlinkSync(join(dir, 'src/pipe.ts'));
  });

  it('notes a link to nothing or a link loop, and --check stays green', async () => {
    const dir = copyFixture('already-migrated', temps);
    symlinkSync('nowhere.ts', join(dir, 'src/gone.ts'));
    symlinkSync('loop.ts', join(dir, 'src/loop.ts'));
    const check = await runCli(['.', '--check'], dir);
    expect({ status: check.status, skipped: skippedLines(check.stderr) }).toEqual({
      status: 0,
      skipped: [
        'skipped src/gone.ts is a symbolic link that leads nowhere; nothing to read (its target does not exist)',
        'skipped src/loop.ts is a symbolic link that leads nowhere; nothing to read (it leads back to itself)',
      ],
    });
  });
});

describe('paths as they are on disk', () => {
  it('names a file called quote"and\\back.ts as it is, and rewrites it under that name', async () => {
    const dir = copyFixture(FIXTURE, temps);
    const odd = 'src/services/quote"and\\back.ts';
    writeFileSync(join(dir, odd), `${CLIENT}export const count = () => prisma.user.count();\n`);
    const check = await runCli(['.', '--check'], dir);
    expect(check.stdout).toContain(`${odd}:2:16 new PrismaClient() outside the singleton`);
    const json = await runCli(['.', '--check', '--reporter', 'json'], dir);
    expect(JSON.parse(json.stdout).findings.map((f: { path: string }) => f.path)).toContain(odd);
    const apply = await runCli(['.'], dir);
    expect(apply.status).toBe(0);
    expect(apply.stdout).toContain(`rewrote ${odd}\n`);
    expect(readTree(dir)[odd]).toContain("from '../lib/prisma.js'");
  });
});

describe('config files and flags that cannot be used', () => {
  const cases: ReadonlyArray<{ name: string; setup?: (dir: string) => void; args: string[]; stderr: string | ((dir: string) => string) }> = [
    {
      name: 'a package.json that does not parse',
      setup: (dir) => writeFileSync(join(dir, 'package.json'), '{\n  "name": "api",\n}\n'),
      args: [],
      stderr: `${NAME}: package.json:3:1 does not parse (Expected double-quoted property name); fix it and run again\n`,
    },
    {
      name: 'an empty package.json',
      setup: (dir) => writeFileSync(join(dir, 'package.json'), ''),
      args: ['--check'],
      stderr: `${NAME}: package.json:1:1 does not parse (Unexpected end of JSON input); fix it and run again\n`,
    },
    {
      name: 'a tsconfig.json that does not parse',
      setup: (dir) => writeFileSync(join(dir, 'tsconfig.json'), '{ "compilerOptions": { "strict": true '),
      args: ['--dry-run'],
      stderr: `${NAME}: tsconfig.json:1:39 does not parse ('}' expected.); fix it and run again\n`,
    },
    {
      name: 'a --schema that names nothing',
      args: ['--schema', 'nope.prisma'],
      stderr: (dir) => `${NAME}: --schema nope.prisma (resolved to ${join(dir, 'nope.prisma')}): no such file (nor a folder with a schema.prisma)\n`,
    },
    {
      name: '--singleton naming a folder',
      args: ['--singleton', 'src'],
      stderr: (dir) => `${NAME}: --singleton src (resolved to ${join(dir, 'src')}): is a folder; name the file, for example --singleton src/prisma.ts\n`,
    },
    {
      name: '--singleton without an extension',
      args: ['--singleton', 'src/db'],
      stderr: (dir) =>
        `${NAME}: --singleton src/db (resolved to ${join(dir, 'src/db')}): name a .ts or .js file (.ts, .tsx, .mts, .cts, .js, .jsx, .mjs or .cjs)\n`,
    },
    {
      name: '--singleton naming JSON',
      args: ['--singleton', 'src/db.json'],
      stderr: (dir) =>
        `${NAME}: --singleton src/db.json (resolved to ${join(dir, 'src/db.json')}): name a .ts or .js file (.ts, .tsx, .mts, .cts, .js, .jsx, .mjs or .cjs)\n`,
    },
    {
      name: '--singleton naming a declaration file',
      args: ['--singleton', 'src/db.d.ts'],
      stderr: (dir) => `${NAME}: --singleton src/db.d.ts (resolved to ${join(dir, 'src/db.d.ts')}): a declaration file holds no code; name a .ts or .js file\n`,
    },
    {
      name: '--singleton under node_modules',
      args: ['--singleton', 'node_modules/db/index.ts'],
      stderr: (dir) =>
        `${NAME}: --singleton node_modules/db/index.ts (resolved to ${join(dir, 'node_modules/db/index.ts')}): node_modules/ is never scanned (dependencies or git's data); name a file among the sources\n`,
    },
    {
      name: '--singleton under the build output the tsconfig declares',
      setup: (dir: string) => {
        const tsconfig = join(dir, 'tsconfig.json');
        writeFileSync(tsconfig, readFileSync(tsconfig, 'utf8').replace('"noEmit": true,', '"outDir": "dist",'));
        mkdirSync(join(dir, 'dist'));
      },
      args: ['--singleton', 'dist/prisma.js'],
      stderr: (dir) =>
        `${NAME}: --singleton dist/prisma.js (resolved to ${join(dir, 'dist/prisma.js')}): dist/ is never scanned (build output); name a file among the sources\n`,
    },
  ];

  it.each(cases)('exits 2 with one line for $name, writing nothing', async ({ setup, args, stderr }) => {
    const dir = copyFixture(FIXTURE, temps);
    setup?.(dir);
    const before = readTree(dir);
    const result = await runCli(['.', ...args], dir);
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: typeof stderr === 'string' ? stderr : stderr(dir),
    });
    expect(readTree(dir)).toEqual(before);
  });

  it('notes a schema that package.json names but that does not exist, and goes on', async () => {
    const dir = copyFixture(FIXTURE, temps);
    const pkg = JSON.parse(BEFORE['package.json'] ?? '{}');
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ ...pkg, prisma: { schema: 'db/schema.prisma' } }, null, 2)}\n`);
    rmSync(join(dir, 'prisma'), { recursive: true });
    const result = await runCli(['.', '--check'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'note: the schema db/schema.prisma (named in package.json or prisma.config) does not exist; client output folders it would declare are not known\n',
    );
  });
});
