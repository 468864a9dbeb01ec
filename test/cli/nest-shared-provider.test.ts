import { afterAll, describe, expect, it } from 'vitest';
import { readTree, remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const DB_SERVICE =
  "import { Injectable, OnModuleInit } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n\n@Injectable()\nexport class DbService extends PrismaClient implements OnModuleInit {\n  async onModuleInit() {\n    await this.$connect();\n  }\n}\n";
const DB_MODULE =
  "import { Module } from '@nestjs/common';\nimport { DbService } from './db.service';\n\n@Module({ providers: [DbService], exports: [DbService] })\nexport class DbModule {}\n";
const appFiles = (from: string): Record<string, string> => ({
  'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { DbModule } from '${from}';\nimport { ShiftsService } from './shifts.service';\nimport { StatsService } from './stats.service';\n\n@Module({ imports: [DbModule], providers: [ShiftsService, StatsService] })\nexport class AppModule {}\n`,
  'src/shifts.service.ts': `import { Injectable } from '@nestjs/common';\nimport { DbService } from '${from}';\n\n@Injectable()\nexport class ShiftsService {\n  constructor(private readonly db: DbService) {}\n\n  list() {\n    return this.db.shift.findMany();\n  }\n}\n`,
  'src/stats.service.ts':
    "import { Injectable } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n\n@Injectable()\nexport class StatsService {\n  private readonly client = new PrismaClient();\n\n  count() {\n    return this.client.shift.count();\n  }\n}\n",
});
const inside = (dir: string, files: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(files).map(([path, text]) => [`${dir}/${path}`, text]));

/** An npm workspace whose db package holds the Nest provider, and an Nx repository whose lib does, reached by a path. */
const LAYOUTS: ReadonlyArray<[string, Record<string, string>, string]> = [
  [
    'an npm workspace package the app depends on',
    {
      'package.json': JSON.stringify({ name: 'crew', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'packages/db/package.json': JSON.stringify({
        name: '@crew/db',
        main: './src/index.ts',
        dependencies: { '@nestjs/common': '^11.0.0', '@prisma/client': '^6.5.0' },
      }),
      'packages/db/prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n}\n',
      'packages/db/src/index.ts': "export * from './db.module';\nexport * from './db.service';\n",
      'packages/db/src/db.module.ts': DB_MODULE,
      'packages/db/src/db.service.ts': DB_SERVICE,
      'apps/api/package.json': JSON.stringify({
        name: '@crew/api',
        dependencies: { '@crew/db': '*', '@nestjs/common': '^11.0.0', '@nestjs/core': '^11.0.0', '@prisma/client': '^6.5.0' },
      }),
      ...inside('apps/api', appFiles('@crew/db')),
    },
    'DbService from @crew/db',
  ],
  [
    'an Nx lib the app reaches through a tsconfig path',
    {
      'package.json': JSON.stringify({
        name: 'nx-demo',
        private: true,
        dependencies: { '@nestjs/common': '^11.0.0', '@nestjs/core': '^11.0.0', '@prisma/client': '^6.5.0' },
      }),
      'nx.json': '{}\n',
      'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n}\n',
      'tsconfig.base.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@nx-demo/prisma-db': ['libs/prisma-db/src/index.ts'] } } }),
      'libs/prisma-db/project.json': JSON.stringify({ name: 'prisma-db', sourceRoot: 'libs/prisma-db/src' }),
      'libs/prisma-db/src/index.ts': "export * from './lib/db.module';\nexport * from './lib/db.service';\n",
      'libs/prisma-db/src/lib/db.module.ts': DB_MODULE,
      'libs/prisma-db/src/lib/db.service.ts': DB_SERVICE,
      'apps/api/project.json': JSON.stringify({ name: 'api', sourceRoot: 'apps/api/src' }),
      'apps/api/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json' }),
      ...inside('apps/api', appFiles('@nx-demo/prisma-db')),
    },
    'DbService from @nx-demo/prisma-db',
  ],
];

// Round 4 (jakubgornik/timeworth, thebinod7/nx-fullstack-demo): the app got a PrismaService and a global PrismaModule
// of its own beside the package's DbService, which it already injected: two clients in one process.
describe('a Nest app that injects the provider of a workspace package', () => {
  it.each(LAYOUTS)('gets no second provider: its stray is for review, naming the one to inject (%s)', async (_name, files, named) => {
    const root = tempDir('psc-nest-shared-');
    temps.push(root);
    writeFiles(root, files);
    const before = readTree(root);
    const check = await runCli(['.', '--check', '--reporter', 'json'], root);
    expect(check.status, check.stderr).toBe(1);
    const report: { findings: Array<{ path: string; action: string; reason: string | null }> } = JSON.parse(check.stdout);
    expect(report.findings.map((f) => `${f.path} ${f.action} ${f.reason}`)).toEqual(['apps/api/src/stats.service.ts review nest-shared-provider']);
    const apply = await runCli(['.'], root);
    expect(apply.status).toBe(1);
    expect(apply.stderr).toContain(`${named} is the Nest provider to inject`);
    expect(readTree(root)).toEqual(before);
  });
});

// Round 5 (a Nest 10 back end on nestjs-prisma): the app got its own PrismaService and PrismaModule beside the
// library's, and app.module.ts imported two bindings named PrismaModule (TS2300: duplicate identifier).
describe("a Nest app on nestjs-prisma, whose PrismaModule provides the library's PrismaService", () => {
  it('gets no second provider: its stray is for review, naming the one to inject', async () => {
    const root = tempDir('psc-nest-library-');
    temps.push(root);
    writeFiles(root, {
      'package.json': JSON.stringify({
        name: 'bbs',
        dependencies: { '@nestjs/common': '^10.0.0', '@nestjs/core': '^10.0.0', '@prisma/client': '^5.16.0', 'nestjs-prisma': '^0.23.0' },
      }),
      'src/app.module.ts':
        "import { Module } from '@nestjs/common';\nimport { PrismaModule } from 'nestjs-prisma';\nimport { StatsService } from './stats.service';\n\n@Module({ imports: [PrismaModule.forRoot({ isGlobal: true })], providers: [StatsService] })\nexport class AppModule {}\n",
      'src/stats.service.ts': appFiles('unused')['src/stats.service.ts'] ?? '',
    });
    const before = readTree(root);
    const check = await runCli(['.', '--check', '--reporter', 'json'], root);
    expect(check.status, check.stderr).toBe(1);
    const report: { findings: Array<{ path: string; action: string; reason: string | null }> } = JSON.parse(check.stdout);
    expect(report.findings.map((f) => `${f.path} ${f.action} ${f.reason}`)).toEqual(['src/stats.service.ts review nest-shared-provider']);
    const apply = await runCli(['.'], root);
    expect(apply.status).toBe(1);
    expect(apply.stderr).toContain('PrismaService from nestjs-prisma is the Nest provider to inject');
    expect(readTree(root)).toEqual(before);
  });
});
