import { afterAll, describe, expect, it } from 'vitest';
import { readTree, remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const NUXT = {
  'package.json': JSON.stringify({ name: 'bio', private: true, dependencies: { nuxt: '^3.12.0', '@prisma/client': '^5.20.0' } }),
  'nuxt.config.ts': 'export default defineNuxtConfig({})\n',
  'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n}\n',
  'server/utils/prisma.ts':
    "import { PrismaClient } from '@prisma/client'\n\nlet client: PrismaClient | undefined\n\nexport function usePrisma() {\n  if (!client)\n    client = new PrismaClient()\n  return client\n}\n",
  'server/api/users.get.ts': 'export default defineEventHandler(() => usePrisma().user.findMany())\n',
};
const NEXT = {
  'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { next: '^15.0.0', '@prisma/client': '^6.0.0' } }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, baseUrl: '.', paths: { '@/*': ['./*'] } } }),
  'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n}\n',
  'lib/db.ts':
    "import { PrismaClient } from '@prisma/client'\n\nconst globalForPrisma = globalThis as unknown as { prisma?: PrismaClient }\n\nexport function getPrismaClient(): PrismaClient {\n  if (!globalForPrisma.prisma) globalForPrisma.prisma = new PrismaClient()\n  return globalForPrisma.prisma\n}\n",
  'app/api/users/route.ts':
    "import { getPrismaClient } from '@/lib/db'\n\nexport async function GET() {\n  return Response.json(await getPrismaClient().user.findMany())\n}\n",
};
const STRAY = "import { PrismaClient } from '@prisma/client'\n\nconst db = new PrismaClient()\n\nexport const count = () => db.user.count()\n";

// Round 4 (fumeapp/bio, a Next.js app): a module that builds the project's one client on first use and hands it out
// through a function was reported, and apply created lib/prisma.ts around it: two modules for one client.
describe('a singleton that hands its client out through a function', () => {
  it.each([
    ['Nuxt, auto-imported (usePrisma)', NUXT, 'server/utils/prisma.ts', 'usePrisma()', 'server/api/stats.get.ts'],
    ['Next.js, cached on globalThis (getPrismaClient)', NEXT, 'lib/db.ts', 'getPrismaClient()', 'app/api/stats/route.ts'],
  ])('is the singleton: --check passes, and a stray is left for a person to call it (%s)', async (_name, files, singleton, accessor, strayPath) => {
    const root = tempDir('psc-accessor-');
    temps.push(root);
    writeFiles(root, files);
    const clean = await runCli(['.', '--check'], root);
    expect(clean.status, clean.stderr).toBe(0);
    expect(clean.stderr).toContain(`no PrismaClient instantiation outside the singleton (${singleton})`);
    expect(clean.stderr).toContain(`hands out a client through ${accessor}`);
    writeFiles(root, { [strayPath]: STRAY });
    const before = readTree(root);
    const check = await runCli(['.', '--check', '--reporter', 'json'], root);
    expect(check.status).toBe(1);
    const report: { findings: Array<{ path: string; action: string; reason: string | null }> } = JSON.parse(check.stdout);
    expect(report.findings.map((f) => `${f.path} ${f.action} ${f.reason}`)).toEqual([`${strayPath} review accessor-singleton`]);
    const apply = await runCli(['.'], root);
    expect(apply.status).toBe(1);
    expect(readTree(root)).toEqual(before);
  });

  it('at the default path, imported by nothing and keeping its client in a module variable, is still the singleton', async () => {
    const root = tempDir('psc-accessor-default-');
    temps.push(root);
    writeFiles(root, {
      'package.json': JSON.stringify({ name: 'api', type: 'module', dependencies: { '@prisma/client': '^6.0.0' } }),
      'src/lib/prisma.ts':
        "import { PrismaClient } from '@prisma/client';\n\nlet client: PrismaClient | undefined;\n\nexport function getDb() {\n  if (!client) client = new PrismaClient();\n  return client;\n}\n",
      'src/routes/users.ts': STRAY,
    });
    const before = readTree(root);
    const check = await runCli(['.', '--check', '--reporter', 'json'], root);
    const report: { findings: Array<{ path: string; reason: string | null }>; singleton: { path: string } | null } = JSON.parse(check.stdout);
    expect(report.findings.map((f) => `${f.path} ${f.reason}`)).toEqual(['src/routes/users.ts accessor-singleton']);
    expect(report.singleton?.path).toBe('src/lib/prisma.ts');
    await runCli(['.'], root);
    expect(readTree(root)).toEqual(before);
  });
});
