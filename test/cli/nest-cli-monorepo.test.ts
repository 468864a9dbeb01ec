import { afterAll, describe, expect, it } from 'vitest';
import { workspaceAt } from '../../src/discover/workspaces.js';
import { readTree, remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const SERVICE =
  "import { Injectable } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n\n@Injectable()\nexport class PrismaService extends PrismaClient {}\n";
const providing = (global: boolean, name: string, from: string) =>
  [
    global ? "import { Global, Module } from '@nestjs/common';" : "import { Module } from '@nestjs/common';",
    `import { PrismaService } from '${from}';`,
    '',
    ...(global ? ['@Global()'] : []),
    '@Module({ providers: [PrismaService], exports: [PrismaService] })',
    `export class ${name} {}`,
    '',
  ].join('\n');
const appModule = (name: string, from: string) =>
  `import { Module } from '@nestjs/common';\nimport { ${name} } from '${from}';\n\n@Module({ imports: [${name}] })\nexport class AppModule {}\n`;
const MAIN = "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\n\nvoid NestFactory.create(AppModule);\n";

// Round 5 (a Nest CLI monorepo, four apps): run at the root, one app's global module was taken to provide another
// app's PrismaService, whose only registration apply removed; that app no longer booted.
describe('a Nest CLI monorepo (nest-cli.json, "monorepo": true)', () => {
  const files = {
    'package.json': JSON.stringify({
      name: 'apps',
      private: true,
      dependencies: { '@nestjs/common': '^10.4.0', '@nestjs/core': '^10.4.0', '@prisma/client': '^6.3.0' },
    }),
    'nest-cli.json': JSON.stringify({
      monorepo: true,
      root: 'apps/shop',
      projects: {
        shop: { type: 'application', root: 'apps/shop', sourceRoot: 'apps/shop/src' },
        chat: { type: 'application', root: 'apps/chat', sourceRoot: 'apps/chat/src' },
        common: { type: 'library', root: 'libs/common', sourceRoot: 'libs/common/src' },
      },
    }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', experimentalDecorators: true, emitDecoratorMetadata: true } }),
    'apps/shop/src/db/prisma.service.ts': SERVICE,
    'apps/shop/src/core.module.ts': providing(true, 'CoreModule', './db/prisma.service'),
    'apps/shop/src/app.module.ts': appModule('CoreModule', './core.module'),
    'apps/shop/src/main.ts': MAIN,
    'apps/chat/src/db/prisma.service.ts': SERVICE,
    'apps/chat/src/db/prisma.module.ts': providing(false, 'PrismaModule', './prisma.service'),
    'apps/chat/src/app.module.ts': appModule('PrismaModule', './db/prisma.module'),
    'apps/chat/src/main.ts': MAIN,
  };

  it('has each project it finds for a package of its own', () => {
    const root = tempDir('psc-nestcli-');
    temps.push(root);
    writeFiles(root, files);
    // libs/common is named but not in the tree: no package.
    expect(workspaceAt(root)?.packages.map((p) => p.dir)).toEqual(['apps/chat', 'apps/shop']);
    expect(workspaceAt(root)?.kind).toBe('nest');
  });

  it('plans each app on its own at the root: one provider each is no extra registration, and nothing is written', async () => {
    const root = tempDir('psc-nestcli-');
    temps.push(root);
    writeFiles(root, files);
    const before = readTree(root);
    const check = await runCli(['.', '--check'], root);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const apply = await runCli(['.'], root);
    expect(apply.status, apply.stderr).toBe(0);
    expect(readTree(root)).toEqual(before);
  });
});
