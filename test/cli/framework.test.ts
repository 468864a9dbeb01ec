import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

describe('--framework', () => {
  it('none: a Nest project gets the module singleton, as before Nest mode', async () => {
    const dir = copyFixture('nestjs-no-prisma-service', temps);
    const result = await runCli(['.', '--framework', 'none'], dir);
    expect(result.status).toBe(0);
    expect(existsSync(join(dir, 'src/lib/prisma.ts'))).toBe(true);
    expect(existsSync(join(dir, 'src/prisma/prisma.service.ts'))).toBe(false);
  });

  it('nest: a project without @nestjs/core in package.json is migrated to the provider', async () => {
    const dir = copyFixture('nestjs-subclass-reported', temps);
    const result = await runCli(['.', '--framework', 'nest', '--check'], dir);
    // Its decorator is a local stand-in, not Nest's: nothing there is injected by Nest.
    expect(result.stdout).toContain('src/orders/orders.service.ts:6:20 new PrismaClient() outside the provider needs a person: constructs a client outside');
    expect(result.status).toBe(1);
  });
});

describe('the Nest summary', () => {
  it('counts an existing module that nothing imports as no instance: Nest never builds it', async () => {
    // DatabaseModule provides and exports DatabaseService, but here no module imports it: the users and posts modules
    // each register DatabaseService themselves (2 instances) and one service builds its own client (1): 3, not 4.
    const dir = copyFixture('nestjs-existing-prisma-module', temps);
    writeFileSync(
      join(dir, 'src/users/users.module.ts'),
      [
        "import { Module } from '@nestjs/common';",
        "import { DatabaseService } from '../database/database.service';",
        "import { UsersService } from './users.service';",
        '',
        '@Module({',
        '  providers: [UsersService, DatabaseService],',
        '  exports: [UsersService],',
        '})',
        'export class UsersModule {}',
        '',
      ].join('\n'),
    );
    // The root module's other imports, written the ways Nest code writes them, name other modules: still 3.
    writeFileSync(
      join(dir, 'src/app.module.ts'),
      [
        "import { Module, forwardRef } from '@nestjs/common';",
        "import { CommentsModule } from './comments/comments.module';",
        "import { ConfigModule } from './config/config.module';",
        "import { PostsModule } from './posts/posts.module';",
        "import { UsersModule } from './users/users.module';",
        '',
        '@Module({',
        '  imports: [ConfigModule.forRoot({ isGlobal: true }), UsersModule, PostsModule, forwardRef(() => CommentsModule)],',
        '})',
        'export class AppModule {}',
        '',
      ].join('\n'),
    );
    const result = await runCli(['.', '--dry-run'], dir);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('3 instantiations would be replaced');
    expect(result.stderr).toContain('3 PrismaClient instances (3 connection pools) -> 1');
  });

  it('counts the existing module as an instance when a module imports it, also as forwardRef(() => X) or X.forRoot()', async () => {
    for (const listed of ['DatabaseModule', 'forwardRef(() => DatabaseModule)', 'DatabaseModule.forRoot()']) {
      const dir = copyFixture('nestjs-existing-prisma-module', temps);
      const path = join(dir, 'src/users/users.module.ts');
      writeFileSync(path, readFileSync(path, 'utf8').replace('imports: [DatabaseModule]', `imports: [${listed}]`));
      const result = await runCli(['.', '--dry-run'], dir);
      expect(result.stderr).toContain('2 instantiations would be replaced');
      expect(result.stderr).toContain('3 PrismaClient instances (3 connection pools) -> 1');
    }
  });

  it('does not count a registration in a module that no import reaches: Nest never builds that module', async () => {
    // PostsModule registers DatabaseService itself, but the root module no longer imports PostsModule: its
    // registration is removed all the same, and the count is DatabaseModule's instance and CommentsService's client.
    const dir = copyFixture('nestjs-existing-prisma-module', temps);
    const path = join(dir, 'src/app.module.ts');
    writeFileSync(path, readFileSync(path, 'utf8').replace('PostsModule, ', ''));
    const result = await runCli(['.', '--dry-run'], dir);
    expect(result.stderr).toContain('2 instantiations would be replaced');
    expect(result.stderr).toContain('2 PrismaClient instances (2 connection pools) -> 1');
  });

  it('does not import the module again where imports already name it as X.forRoot() or forwardRef(() => X)', async () => {
    for (const listed of ['forwardRef(() => DatabaseModule)', 'DatabaseModule.forRoot()']) {
      const dir = copyFixture('nestjs-existing-prisma-module', temps);
      const path = join(dir, 'src/posts/posts.module.ts');
      const text = readFileSync(path, 'utf8')
        .replace(
          "import { Module } from '@nestjs/common';",
          "import { Module, forwardRef } from '@nestjs/common';\nimport { DatabaseModule } from '../database/database.module';",
        )
        .replace('  providers: [PostsService, DatabaseService],', `  imports: [${listed}],\n  providers: [PostsService, DatabaseService],`);
      writeFileSync(path, text);
      const result = await runCli(['.', '--framework', 'nest'], dir);
      expect(result.status).toBe(0);
      const after = readFileSync(path, 'utf8');
      expect(after).toContain(`  imports: [${listed}],\n  providers: [PostsService],`);
    }
  });
});

describe('Nest mode in a project whose sources are not in src/', () => {
  it("creates the provider in the tsconfig's source folder, where the rootDir build compiles it", async () => {
    const dir = copyFixture('nestjs-no-prisma-service', temps);
    renameSync(join(dir, 'src'), join(dir, 'server'));
    const tsconfig = readFileSync(join(dir, 'tsconfig.json'), 'utf8');
    writeFileSync(
      join(dir, 'tsconfig.json'),
      tsconfig.replace('"outDir": "dist",', '"outDir": "dist",\n    "rootDir": "server",').replace('["src"]', '["server"]'),
    );
    const result = await runCli(['.'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(dir, 'server/prisma/prisma.service.ts'))).toBe(true);
    expect(existsSync(join(dir, 'server/prisma/prisma.module.ts'))).toBe(true);
    expect(existsSync(join(dir, 'prisma.service.ts'))).toBe(false);
  });
});

describe('a @nestjs/core dependency no file imports', () => {
  it('is no Nest application: the routes get the module singleton, not a provider to inject', async () => {
    const dir = tempDir('psc-not-nest-');
    temps.push(dir);
    writeFiles(dir, {
      'package.json': JSON.stringify({ name: 'web', dependencies: { next: '^14.0.0', '@nestjs/core': '^10.0.0', '@prisma/client': '^5.0.0' } }),
      'tsconfig.json': '{ "compilerOptions": { "strict": true, "paths": { "@/*": ["./src/*"] } } }\n',
      'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n}\n',
      'src/pages/api/users.ts':
        "import { PrismaClient } from '@prisma/client';\n\nconst prisma = new PrismaClient();\n\nexport default async function handler() {\n  return prisma.user.findMany();\n}\n",
    });
    const check = await runCli(['.', '--check'], dir);
    expect(check.stdout).toBe('src/pages/api/users.ts:3:16 new PrismaClient() outside the singleton\n');
    const result = await runCli(['.'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(dir, 'src/lib/prisma.ts'))).toBe(true);
    expect(existsSync(join(dir, 'src/prisma/prisma.service.ts'))).toBe(false);
  });
});

// Round 3: in a Nest CLI monorepo, the second application's service was given the first application's provider
// through '../../api/src/...', which that application's root module never imports: it failed at boot.
describe('a Nest CLI monorepo with two applications', () => {
  it('leaves a site for review when the provider belongs to the other application, and injects it in its own', async () => {
    const dir = tempDir('psc-nest-apps-');
    temps.push(dir);
    const service = (name: string) =>
      `import { Injectable } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n\n@Injectable()\nexport class ${name} {\n  private prisma = new PrismaClient();\n}\n`;
    const main = (module: string, file: string) =>
      `import { NestFactory } from '@nestjs/core';\nimport { ${module} } from './${file}';\n\nvoid NestFactory.create(${module});\n`;
    writeFiles(dir, {
      'package.json': JSON.stringify({ name: 'mono', dependencies: { '@nestjs/common': '^10.0.0', '@nestjs/core': '^10.0.0', '@prisma/client': '^5.0.0' } }),
      'tsconfig.json': '{ "compilerOptions": { "module": "commonjs", "experimentalDecorators": true, "emitDecoratorMetadata": true } }\n',
      'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n}\n',
      'apps/api/src/main.ts': main('AppModule', 'app.module'),
      'apps/api/src/app.module.ts':
        "import { Module } from '@nestjs/common';\nimport { DbModule } from './db/db.module';\nimport { UsersService } from './users.service';\n\n@Module({ imports: [DbModule], providers: [UsersService] })\nexport class AppModule {}\n",
      'apps/api/src/db/db.service.ts':
        "import { Injectable } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n\n@Injectable()\nexport class DbService extends PrismaClient {}\n",
      'apps/api/src/db/db.module.ts':
        "import { Global, Module } from '@nestjs/common';\nimport { DbService } from './db.service';\n\n@Global()\n@Module({ providers: [DbService], exports: [DbService] })\nexport class DbModule {}\n",
      'apps/api/src/users.service.ts': service('UsersService'),
      'apps/prices/src/main.ts': main('PricesModule', 'prices.module'),
      'apps/prices/src/prices.module.ts':
        "import { Module } from '@nestjs/common';\nimport { PricesService } from './prices.service';\n\n@Module({ providers: [PricesService] })\nexport class PricesModule {}\n",
      'apps/prices/src/prices.service.ts': service('PricesService'),
    });
    const check = await runCli(['.', '--check', '--reporter', 'json'], dir);
    const report: { findings: Array<{ path: string; action: string; reason: string | null }> } = JSON.parse(check.stdout);
    expect(report.findings.map((f) => `${f.path} ${f.action} ${f.reason}`)).toEqual([
      'apps/api/src/users.service.ts rewrite nest-inject',
      'apps/prices/src/prices.service.ts review nest-other-application',
    ]);
  });
});
