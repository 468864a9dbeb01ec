import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTree, remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

// --singleton, --schema and --baseline resolve against the current directory, like every CLI's path options. An error
// about one says what it resolved to and, when the value only makes sense from the project folder, the value that works.

const NAME = 'prisma-singleton-codemod';
const temps: string[] = [];
afterAll(() => temps.forEach(remove));

/** A folder holding the project `next/` (a Next.js app with src/ and a schema), as a monorepo root would. */
function parentOfNext(): string {
  const dir = tempDir();
  temps.push(dir);
  writeFiles(dir, {
    'next/package.json': `${JSON.stringify({ name: 'web', dependencies: { '@prisma/client': '5.22.0' } })}\n`,
    'next/src/server/users.ts': "import { PrismaClient } from '@prisma/client';\nexport const users = new PrismaClient();\n",
    'next/prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
    'next/prisma-baseline.json': '{ "version": 1, "files": {} }\n',
  });
  return dir;
}

describe('path options: what a value resolved to, and what it may have meant', () => {
  const cases: ReadonlyArray<{ name: string; args: string[]; stderr: (dir: string) => string }> = [
    {
      name: 'suggests the project-relative --singleton when the value typed outside the project names a folder of the project',
      args: ['./next', '--singleton', 'src/server/db.ts'],
      stderr: (dir) =>
        `--singleton src/server/db.ts (resolved to ${join(dir, 'src/server/db.ts')}, ../src/server/db.ts from the project): outside the project; the singleton must be a file inside it; did you mean --singleton next/src/server/db.ts?`,
    },
    {
      name: 'suggests nothing when the value names nothing in the project either',
      args: ['./next', '--singleton', 'lib/db.ts'],
      stderr: (dir) =>
        `--singleton lib/db.ts (resolved to ${join(dir, 'lib/db.ts')}, ../lib/db.ts from the project): outside the project; the singleton must be a file inside it`,
    },
    {
      name: 'suggests the project-relative --schema when the value typed outside the project names its schema',
      args: ['./next', '--schema', 'prisma/schema.prisma'],
      stderr: (dir) =>
        `--schema prisma/schema.prisma (resolved to ${join(dir, 'prisma/schema.prisma')}, ../prisma/schema.prisma from the project): no such file (nor a folder with a schema.prisma); did you mean --schema next/prisma/schema.prisma?`,
    },
    {
      name: 'suggests the project-relative --baseline when the value typed outside the project names its baseline',
      args: ['./next', '--check', '--baseline', 'prisma-baseline.json'],
      stderr: (dir) =>
        `--baseline prisma-baseline.json (resolved to ${join(dir, 'prisma-baseline.json')}, ../prisma-baseline.json from the project) does not exist; write it with --check --baseline <file> --update-baseline; did you mean --baseline next/prisma-baseline.json?`,
    },
    {
      name: 'spells the example as typed when --singleton names a folder of the project',
      args: ['./next', '--singleton', 'next/src'],
      stderr: (dir) =>
        `--singleton next/src (resolved to ${join(dir, 'next/src')}, src in the project): is a folder; name the file, for example --singleton next/src/prisma.ts`,
    },
    {
      name: 'says the value as typed when --singleton names a declaration file',
      args: ['./next', '--singleton', 'next/src/db.d.ts'],
      stderr: (dir) =>
        `--singleton next/src/db.d.ts (resolved to ${join(dir, 'next/src/db.d.ts')}, src/db.d.ts in the project): a declaration file holds no code; name a .ts or .js file`,
    },
  ];

  it.each(cases)('$name', async ({ args, stderr }) => {
    const dir = parentOfNext();
    const before = readTree(dir);
    const result = await runCli(args, dir);
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 2, stdout: '', stderr: `${NAME}: ${stderr(dir)}\n` });
    expect(readTree(dir)).toEqual(before);
  });

  it('resolves --singleton against the current directory when the value is typed from there', async () => {
    const dir = parentOfNext();
    const result = await runCli(['./next', '--dry-run', '--singleton', 'next/src/server/db.ts'], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('+++ b/next/src/server/db.ts\n');
    expect(result.stdout).toContain("+import { prisma as users } from './db';\n");
  });
});

// Prisma's Hono guide keeps a withPrisma middleware in src/lib/prisma.ts: the tool stopped with exit 2 and an empty
// report, and the per-request client in that file was never named.
describe('the default singleton path taken by a module that is no singleton', () => {
  it('puts the singleton beside it, says so, and reports the module’s own clients', async () => {
    const dir = tempDir('psc-taken-default-');
    temps.push(dir);
    writeFiles(dir, {
      'package.json': JSON.stringify({ name: 'api', type: 'module', dependencies: { hono: '^4.0.0', '@prisma/client': '^6.0.0' } }),
      'tsconfig.json': '{ "compilerOptions": { "module": "NodeNext", "strict": true } }\n',
      'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n}\n',
      'src/lib/prisma.ts':
        "import { PrismaClient } from '@prisma/client';\n\nexport function withPrisma(c: { set(key: string, value: unknown): void }) {\n  c.set('prisma', new PrismaClient());\n}\n",
      'src/routes/users.ts':
        "import { PrismaClient } from '@prisma/client';\n\nconst db = new PrismaClient();\n\nexport const list = () => db.user.findMany();\n",
    });
    const check = await runCli(['.', '--check'], dir);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('src/lib/prisma.ts:4:19 new PrismaClient() outside the singleton');
    expect(check.stdout).toContain('src/routes/users.ts:3:12 new PrismaClient() outside the singleton');
    expect(check.stderr).toContain('note: src/lib/prisma.ts holds other code (it exports no PrismaClient instance): the singleton goes to src/lib/db.ts');
    const dryRun = await runCli(['.', '--dry-run'], dir);
    expect(dryRun.stdout).toContain('+++ b/src/lib/db.ts');
    expect(dryRun.stdout).toContain("+import { prisma as db } from '../lib/db.js';");
  });

  // Round 5 (a Workers + D1 app): with nothing to create, the note still said where the singleton would go.
  it('says where the singleton goes only when one is created there', async () => {
    const dir = tempDir('psc-taken-default-');
    temps.push(dir);
    writeFiles(dir, {
      'package.json': JSON.stringify({ name: 'api', type: 'module', dependencies: { hono: '^4.0.0', '@prisma/client': '^6.0.0' } }),
      'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n}\n',
      'src/lib/prisma.ts':
        "import { PrismaClient } from '@prisma/client';\n\n// prisma-singleton-codemod-ignore\nexport const clientFor = (url: string) => new PrismaClient({ datasourceUrl: url });\n",
      'src/routes/users.ts': "import { clientFor } from '../lib/prisma.js';\n\nexport const list = (url: string) => clientFor(url).user.findMany();\n",
    });
    for (const mode of ['--check', '--dry-run']) {
      const run = await runCli(['.', mode], dir);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).not.toContain('the singleton goes to');
    }
  });

  it('reuses a singleton elsewhere first: a default path that only re-exports it stopped the run with exit 2', async () => {
    const dir = tempDir('psc-default-reexport-');
    temps.push(dir);
    writeFiles(dir, {
      'package.json': JSON.stringify({ name: 'api', type: 'module', dependencies: { '@prisma/client': '^6.0.0' } }),
      'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n}\n',
      'src/lib/db.ts':
        "import { PrismaClient } from '@prisma/client';\n\nconst g = globalThis as unknown as { db?: PrismaClient };\nexport const db = g.db ?? new PrismaClient();\n",
      'src/lib/prisma.ts': "export { db as prisma } from './db.js';\n",
      'src/routes/users.ts': "import { db } from '../lib/db.js';\n\nexport const list = () => db.user.findMany();\n",
      'src/routes/stats.ts':
        "import { PrismaClient } from '@prisma/client';\n\nconst stats = new PrismaClient();\n\nexport const count = () => stats.user.count();\n",
    });
    const dryRun = await runCli(['.', '--dry-run'], dir);
    expect(dryRun.status, dryRun.stderr).toBe(0);
    expect(dryRun.stderr).toContain('singleton reused: src/lib/db.ts');
    expect(dryRun.stdout).toContain("+import { db as stats } from '../lib/db.js';");
  });

  it('keeps the module there as the singleton when it exports a client, whatever else it exports', async () => {
    const dir = tempDir('psc-default-with-more-');
    temps.push(dir);
    writeFiles(dir, {
      'package.json': JSON.stringify({ name: 'api', type: 'module', dependencies: { '@prisma/client': '^6.0.0' } }),
      'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n}\n',
      'src/lib/prisma.ts':
        "import { PrismaClient } from '@prisma/client';\n\nexport const prisma = new PrismaClient();\n\nexport const userSchema = { name: 'string' };\n",
      'src/routes/users.ts': "import { prisma } from '../lib/prisma.js';\n\nexport const list = () => prisma.user.findMany();\n",
    });
    const dryRun = await runCli(['.', '--dry-run'], dir);
    expect(dryRun.status).toBe(0);
    expect(dryRun.stderr).toContain('nothing to change: the application already uses src/lib/prisma.ts');
  });
});
