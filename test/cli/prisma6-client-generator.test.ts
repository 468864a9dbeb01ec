import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const project = (version: string | undefined): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'tasks', type: 'module', dependencies: version ? { '@prisma/client': version } : {} }),
  'prisma/schema.prisma':
    'generator client {\n  provider = "prisma-client"\n  output   = "../src/generated/prisma"\n}\n\ndatasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
  'src/generated/prisma/client.ts': "export { PrismaClient } from '@prisma/client';\n",
  'src/routes/tasks.ts':
    "import { PrismaClient } from '../generated/prisma/client.js';\n\nconst db = new PrismaClient();\n\nexport const list = () => db.task.findMany();\n",
});

// Round 6 (a Deno tRPC server on Prisma 6.12): the prisma-client generator was taken for Prisma 7, and apply asked
// for a driver adapter Prisma 6 does not need (it accepts one only behind a preview feature).
describe('the prisma-client generator', () => {
  it('builds a singleton without an adapter when package.json declares Prisma 6', async () => {
    const root = tempDir('psc-prisma6-generator-');
    temps.push(root);
    writeFiles(root, project('^6.12.0'));
    const apply = await runCli(['.'], root);
    expect(apply.status, apply.stderr).toBe(0);
    const singleton = readFileSync(join(root, 'src/lib/prisma.ts'), 'utf8');
    expect(singleton).toContain("import { PrismaClient } from '../generated/prisma/client.js';");
    expect(singleton).not.toContain('adapter');
  });

  it('still means Prisma 7, and its adapter, when no version is declared', async () => {
    const root = tempDir('psc-prisma6-generator-');
    temps.push(root);
    writeFiles(root, project(undefined));
    const apply = await runCli(['.'], root);
    expect(apply.status).toBe(2);
    expect(apply.stderr).toContain('Prisma 7 needs a driver adapter');
  });
});
