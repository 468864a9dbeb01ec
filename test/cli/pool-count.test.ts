import { afterAll, describe, expect, it } from 'vitest';
import { remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const PACKAGE = JSON.stringify({ name: 'api', type: 'module', dependencies: { '@prisma/client': '^6.0.0' } });
const STRAY = "import { PrismaClient } from '@prisma/client';\n\nconst db = new PrismaClient();\n\nexport const count = () => db.user.count();\n";
const SINGLETON = "import { PrismaClient } from '@prisma/client';\n\nexport const prisma = new PrismaClient();\n";
const USER = "import { prisma } from '../lib/prisma.js';\n\nexport const list = () => prisma.user.findMany();\n";

async function verdict(files: Record<string, string>): Promise<string | undefined> {
  const dir = tempDir('psc-pools-');
  temps.push(dir);
  writeFiles(dir, { 'package.json': PACKAGE, ...files });
  const check = await runCli(['.', '--check'], dir);
  expect(check.status).toBe(1);
  return check.stderr.split('\n').find((line) => line.startsWith('✖'));
}

// Round 5: one stray beside the singleton read "1 connection pool where one would do" (the process has two), and a
// project's lone client in a plugin function read the same, which says nothing is wrong.
describe('the --check verdict counts the pools the process holds', () => {
  it("counts the existing singleton's own pool beside the strays", async () => {
    expect(await verdict({ 'src/lib/prisma.ts': SINGLETON, 'src/routes/users.ts': USER, 'src/routes/stats.ts': STRAY })).toBe(
      '✖ 1 PrismaClient instantiation outside the singleton in 1 file: 2 connection pools where one would do',
    );
  });

  it('counts the strays alone when no singleton exists yet', async () => {
    expect(await verdict({ 'src/routes/a.ts': STRAY, 'src/routes/b.ts': STRAY })).toBe(
      '✖ 2 PrismaClient instantiations outside the singleton in 2 files: 2 connection pools where one would do',
    );
  });

  it('says a lone client is kept by no shared module, not that one pool is too many', async () => {
    expect(
      await verdict({
        'src/plugins/db.ts': STRAY.replace('const db = new PrismaClient();\n', 'export function plugin() {\n  return new PrismaClient();\n}\n').replace(
          '\nexport const count = () => db.user.count();\n',
          '',
        ),
      }),
    ).toBe('✖ 1 PrismaClient instantiation outside the singleton in 1 file: 1 connection pool, kept by no shared module');
  });
});
