import { afterAll, describe, expect, it } from 'vitest';
import { remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const PROVIDER =
  "import { Injectable } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n\n@Injectable()\nexport class StoreService extends PrismaClient {}\n";
const MODULE =
  "import { Module } from '@nestjs/common';\nimport { StoreService } from './store/store.service';\nimport { OrdersService } from './orders.service';\n\n@Module({ providers: [StoreService, OrdersService] })\nexport class AppModule {}\n";
const ORDERS =
  "import { Injectable } from '@nestjs/common';\nimport { StoreService } from './store/store.service';\n\n@Injectable()\nexport class OrdersService {\n  constructor(private readonly store: StoreService) {}\n}\n";

// Round 4 (an Nx workspace): the project has no package.json of its own, so nothing it declares says Nest, and its
// one provider, registered once and injected, failed --check as "a subclass ... make it the one shared instance".
describe('a Nest project whose own package.json does not depend on @nestjs/core', () => {
  it('is planned as Nest when its files import Nest: the provider registered once is the singleton', async () => {
    const dir = tempDir('psc-nx-nest-');
    temps.push(dir);
    writeFiles(dir, {
      'package.json': JSON.stringify({
        name: 'ws',
        private: true,
        dependencies: { '@nestjs/common': '^10.0.0', '@nestjs/core': '^10.0.0', '@prisma/client': '^5.0.0' },
      }),
      'nx.json': '{}\n',
      'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n}\n',
      'apps/shop/project.json': JSON.stringify({ name: 'shop', sourceRoot: 'apps/shop/src', projectType: 'application' }),
      'apps/shop/src/app.module.ts': MODULE,
      'apps/shop/src/orders.service.ts': ORDERS,
      'apps/shop/src/store/store.service.ts': PROVIDER,
    });
    for (const target of ['.', 'apps/shop']) {
      const check = await runCli([target, '--check'], dir);
      expect(check.status, `${target}: ${check.stdout}${check.stderr}`).toBe(0);
      expect(check.stdout).toBe('');
    }
  });
});
