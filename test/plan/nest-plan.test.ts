import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/types.js';
import { readProjectFacts } from '../../src/discover/project-facts.js';
import { moduleSpecifiersIn } from '../../src/discover/specifiers.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { isNestMode } from '../../src/plan/nest-plan.js';
import { afterOf } from '../support/plan-files.js';

const PACKAGE = JSON.stringify({ name: 'api', dependencies: { '@nestjs/core': '^11.0.0', '@prisma/client': '^6.0.0' } });
const TSCONFIG = JSON.stringify({ compilerOptions: { module: 'commonjs', experimentalDecorators: true, emitDecoratorMetadata: true } });
const APP_MODULE = [
  "import { Module } from '@nestjs/common';",
  "import { UsersModule } from './users/users.module';",
  '',
  '@Module({ imports: [UsersModule] })',
  'export class AppModule {}',
  '',
].join('\n');
const USERS_MODULE = [
  "import { Module } from '@nestjs/common';",
  "import { UsersService } from './users.service';",
  '',
  '@Module({ providers: [UsersService] })',
  'export class UsersModule {}',
  '',
].join('\n');
const SERVICE = 'src/users/users.service.ts';

/** Plans a Nest project in memory, as run() does: candidates mention PrismaClient, every file is a Nest file. */
function nestPlan(files: Record<string, string>, check = false): Plan {
  const all: Record<string, string> = { 'src/app.module.ts': APP_MODULE, 'src/users/users.module.ts': USERS_MODULE, ...files };
  const paths = Object.keys(all).sort();
  const texts = paths.map((path) => ({ path, text: all[path] ?? '' }));
  return buildPlan({
    files: texts.filter((f) => f.text.includes('PrismaClient')),
    nestFiles: texts,
    skipped: [],
    project: readProjectFacts({ packageJson: PACKAGE, tsconfigs: [{ path: 'tsconfig.json', text: TSCONFIG }] }),
    hasSrcDir: true,
    sourcePaths: new Set(paths),
    specifiers: paths.flatMap((path) => moduleSpecifiersIn(all[path] ?? '')),
    options: { singletonPath: undefined, all: false, importExtension: undefined, findingsOnly: check },
  });
}

/** A service file: the imports, then the class body lines. */
function service(body: readonly string[], head: readonly string[] = []): string {
  return [
    "import { Injectable } from '@nestjs/common';",
    "import { PrismaClient } from '@prisma/client';",
    ...head,
    '',
    '@Injectable()',
    'export class UsersService {',
    ...body,
    '}',
    '',
  ].join('\n');
}

describe('Nest mode', () => {
  it.each([
    { name: 'package.json depends on @nestjs/core and no flag says otherwise', framework: undefined, dependencies: ['@nestjs/core'], expected: true },
    { name: 'package.json does not depend on @nestjs/core', framework: undefined, dependencies: ['express'], expected: false },
    { name: '--framework nest forces it without @nestjs/core', framework: 'nest', dependencies: [], expected: true },
    { name: '--framework none turns it off with @nestjs/core', framework: 'none', dependencies: ['@nestjs/core'], expected: false },
  ] as const)('is on: $expected when $name', ({ framework, dependencies, expected }) => {
    expect(isNestMode(framework, { dependencies: new Set(dependencies) })).toBe(expected);
  });
});

describe('injection into Nest providers', () => {
  it.each([
    {
      name: 'adds a constructor before the first method when a field built the client and the class has no constructor',
      body: ['  private prisma = new PrismaClient();', '', '  list() {', '    return this.prisma.user.findMany();', '  }'],
      expected: ['  constructor(private readonly prisma: PrismaService) {}', '', '  list() {', '    return this.prisma.user.findMany();', '  }'],
    },
    {
      name: 'appends to a one-line parameter list, keeping decorators, when the class has a constructor',
      body: ['  protected db = new PrismaClient();', "  constructor(@Inject('CFG') private readonly cfg: string) {}"],
      expected: ["  constructor(@Inject('CFG') private readonly cfg: string, protected readonly db: PrismaService) {}"],
    },
    {
      name: 'appends on its own line, trailing comma kept, when the parameter list spans lines',
      body: ['  private readonly db = new PrismaClient();', '', '  constructor(', '    private readonly cfg: string,', '  ) {}'],
      expected: ['  constructor(', '    private readonly cfg: string,', '    private readonly db: PrismaService,', '  ) {}'],
    },
    {
      name: 'keeps the super call and the other statements when the constructor assigned the client',
      body: [
        '  private readonly prisma: PrismaClient;',
        '',
        '  constructor(log: string) {',
        '    super(log);',
        '    this.prisma = new PrismaClient();',
        '    this.ready();',
        '  }',
      ],
      expected: ['  constructor(log: string, private readonly prisma: PrismaService) {', '    super(log);', '    this.ready();', '  }'],
    },
    {
      name: 'empties the constructor to {} when the assignment was its only statement',
      body: ['  private prisma: PrismaClient;', '  constructor() {', '    this.prisma = new PrismaClient();', '  }'],
      expected: ['  constructor(private readonly prisma: PrismaService) {}'],
    },
  ])('$name', ({ body, expected }) => {
    const plan = nestPlan({ [SERVICE]: service(body) });
    const after = afterOf(plan, SERVICE) ?? '';
    expect(after.split('\n').slice(5, -2)).toEqual(expected);
    expect(after).toContain("import { PrismaService } from '../prisma/prisma.service';");
    expect(after).not.toContain('PrismaClient');
    expect(plan.findings.map((f) => `${f.action} ${f.reason}`)).toEqual(['rewrite nest-inject']);
  });

  it('turns reads of a module constant into this.<name>, shorthand properties included, and removes $disconnect()', () => {
    const before = service(
      [
        '  async count() {',
        '    try {',
        '      return await prisma.user.count();',
        '    } finally {',
        '      await prisma.$disconnect();',
        '    }',
        '  }',
        '  pair() {',
        '    return { prisma };',
        '  }',
      ],
      ['const prisma = new PrismaClient();'],
    );
    const plan = nestPlan({ [SERVICE]: before });
    expect(afterOf(plan, SERVICE)).toBe(
      [
        "import { Injectable } from '@nestjs/common';",
        "import { PrismaService } from '../prisma/prisma.service';",
        '',
        '@Injectable()',
        'export class UsersService {',
        '  constructor(private readonly prisma: PrismaService) {}',
        '',
        '  async count() {',
        '    return await this.prisma.user.count();',
        '  }',
        '  pair() {',
        '    return { prisma: this.prisma };',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    expect(plan.warnings.map((w) => w.kind)).toEqual(['disconnect-removed']);
  });

  it('reuses a parameter of the provider type for a module constant, and imports nothing new', () => {
    const provider =
      "import { Injectable } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n\n@Injectable()\nexport class PrismaService extends PrismaClient {}\n";
    const before = service(
      ['  constructor(private readonly db: PrismaService) {}', '  count() {', '    return prisma.user.count();', '  }'],
      ["import { PrismaService } from '../prisma/prisma.service';", 'const prisma = new PrismaClient();'],
    );
    const plan = nestPlan({ 'src/prisma/prisma.service.ts': provider, [SERVICE]: before });
    const after = afterOf(plan, SERVICE) ?? '';
    expect(after).toContain('  constructor(private readonly db: PrismaService) {}\n  count() {\n    return this.db.user.count();');
    expect(after.match(/PrismaService/g)?.length).toBe(2);
  });

  it.each([
    { name: 'a static member', body: ['  static shared = new PrismaClient();'], head: [], reason: 'nest-inject-by-hand' },
    {
      name: 'a local of a method',
      body: ['  run() {', '    const local = new PrismaClient();', '    return local.user.count();', '  }'],
      head: [],
      reason: 'nest-inject-by-hand',
    },
    {
      name: 'a field another field initialiser reads',
      body: ['  private prisma = new PrismaClient();', '  private users = this.prisma.user;'],
      head: [],
      reason: 'nest-inject-by-hand',
    },
    {
      name: 'a module constant a plain function reads too',
      body: ['  count() {', '    return prisma.user.count();', '  }'],
      head: ['const prisma = new PrismaClient();', 'export const ping = () => prisma.$queryRaw`SELECT 1`;'],
      reason: 'nest-outside-di',
    },
  ] as const)('leaves the client for a person ($reason) when it is $name', ({ body, head, reason }) => {
    const plan = nestPlan({ [SERVICE]: service(body, head) });
    expect(afterOf(plan, SERVICE)).toBeUndefined();
    expect(plan.findings.map((f) => `${f.action} ${f.reason}`)).toEqual([`review ${reason}`]);
    expect(plan.changes).toEqual([]);
  });

  it('leaves a subclass without a constructor for a person: its implicit constructor forwards every argument to super', () => {
    const before = service(['  private prisma = new PrismaClient();']).replace('export class UsersService {', 'export class UsersService extends Base {');
    const plan = nestPlan({ [SERVICE]: `${before}class Base {}\n` });
    expect(plan.findings.map((f) => `${f.action} ${f.reason}`)).toEqual(['review nest-inject-by-hand']);
  });

  it('reports a client in a class whose Injectable is a local stand-in, not Nest', () => {
    const before =
      "import { PrismaClient } from '@prisma/client';\n\nfunction Injectable(): ClassDecorator {\n  return () => undefined;\n}\n\n@Injectable()\nexport class UsersService {\n  private prisma = new PrismaClient();\n}\n";
    const plan = nestPlan({ [SERVICE]: before });
    expect(plan.findings.map((f) => `${f.line}:${f.column} ${f.action} ${f.reason}`)).toEqual(['9:20 review nest-outside-di']);
  });

  it('tells a CommonJS job that Node runs by itself that it cannot load the provider, not to inject it', () => {
    const worker =
      "const { PrismaClient } = require('@prisma/client');\n\nconst prisma = new PrismaClient();\nmodule.exports = { run: () => prisma.job.count() };\n";
    const plan = nestPlan({ [SERVICE]: service(['  private prisma = new PrismaClient();']), 'jobs/deposits.js': worker });
    const findings = plan.findings.map((f) => `${f.path}:${f.line}:${f.column} ${f.action} ${f.reason}`);
    expect(findings).toEqual(['jobs/deposits.js:3:16 review javascript-cannot-load-typescript', `${SERVICE}:6:20 rewrite nest-inject`]);
    expect(afterOf(plan, 'jobs/deposits.js')).toBeUndefined();
  });

  it('sees the root module import the provider module through a barrel, and imports it no second time', () => {
    const dbModule =
      "import { Global, Module } from '@nestjs/common';\nimport { DbService } from './db.service';\n\n@Global()\n@Module({ providers: [DbService], exports: [DbService] })\nexport class DbModule {}\n";
    const dbService =
      "import { Injectable } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n\n@Injectable()\nexport class DbService extends PrismaClient {}\n";
    const appModule =
      "import { Module } from '@nestjs/common';\nimport { DbModule } from './db';\nimport { UsersModule } from './users/users.module';\n\n@Module({ imports: [DbModule, UsersModule] })\nexport class AppModule {}\n";
    const plan = nestPlan({
      'src/app.module.ts': appModule,
      'src/db/index.ts': "export * from './db.module';\nexport * from './db.service';\n",
      'src/db/db.module.ts': dbModule,
      'src/db/db.service.ts': dbService,
      [SERVICE]: service(['  private prisma = new PrismaClient();']),
    });
    expect(plan.changes.map((c) => c.path)).toEqual([SERVICE]);
    expect(plan.nest).toMatchObject({ providerPath: 'src/db/db.service.ts', moduleName: 'DbModule', moduleCreated: false });
  });

  it('creates the provider and a global module, imported by the root module, and never src/lib/prisma.ts', () => {
    const plan = nestPlan({ [SERVICE]: service(['  private prisma = new PrismaClient();']) });
    expect(plan.changes.map((c) => `${c.path} ${c.before === null ? 'created' : 'rewritten'}`)).toEqual([
      'src/app.module.ts rewritten',
      'src/prisma/prisma.module.ts created',
      'src/prisma/prisma.service.ts created',
      'src/users/users.service.ts rewritten',
    ]);
    expect(afterOf(plan, 'src/app.module.ts')).toContain(
      "import { PrismaModule } from './prisma/prisma.module';\n\n@Module({ imports: [UsersModule, PrismaModule] })",
    );
    expect(plan.nest).toMatchObject({ providerPath: 'src/prisma/prisma.service.ts', moduleName: 'PrismaModule', moduleCreated: true, global: true });
  });

  it('plans no edit under --check, with the same findings as apply', () => {
    const files = { [SERVICE]: service(['  private prisma = new PrismaClient();']) };
    const check = nestPlan(files, true);
    expect(check.changes).toEqual([]);
    expect(check.findings).toEqual(nestPlan(files).findings);
  });
});

describe('the module that provides the provider', () => {
  const provider =
    "import { Injectable } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n\n@Injectable()\nexport class PrismaService extends PrismaClient {}\n";
  const recipeRoot = [
    "import { Module } from '@nestjs/common';",
    "import { PrismaService } from './prisma.service';",
    "import { UsersService } from './users/users.service';",
    '',
    '@Module({ providers: [PrismaService, UsersService] })',
    'export class AppModule {}',
    '',
  ].join('\n');

  it('keeps the official recipe (one registration, in the module of every class that uses it): nothing to report', () => {
    const plan = nestPlan({
      'src/prisma.service.ts': provider,
      'src/app.module.ts': recipeRoot,
      [SERVICE]: service(['  private prisma = new PrismaClient();']),
    });
    expect(plan.findings.map((f) => `${f.path} ${f.action} ${f.reason}`)).toEqual(['src/users/users.service.ts rewrite nest-inject']);
    expect(plan.changes.map((c) => c.path)).toEqual([SERVICE]);
    expect(plan.nest).toMatchObject({ modulePath: 'src/app.module.ts', moduleName: 'AppModule', moduleCreated: false });
  });

  it('moves the one registration into a global PrismaModule when a class of another module needs the provider', () => {
    const plan = nestPlan({
      'src/prisma.service.ts': provider,
      'src/app.module.ts': recipeRoot,
      'src/users/other.service.ts': service(['  private prisma = new PrismaClient();']).replace('UsersService', 'OtherService'),
    });
    expect(plan.findings.map((f) => `${f.path} ${f.action} ${f.reason}`)).toEqual([
      'src/app.module.ts rewrite nest-extra-provider',
      'src/users/other.service.ts rewrite nest-inject',
    ]);
    expect(afterOf(plan, 'src/app.module.ts')).toContain('@Module({ imports: [PrismaModule], providers: [UsersService] })');
    expect(afterOf(plan, 'src/prisma.module.ts')).toContain('export class PrismaModule {}');
  });
});

// Round 5 (a Nest CLI monorepo): the extra registration left `exports: [PrismaService]` behind, and Nest refused to
// boot ("cannot export a provider/module that is not a part of the currently processed module").
describe('an extra registration that the module also exports', () => {
  const provider =
    "import { Injectable } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n\n@Injectable()\nexport class PrismaService extends PrismaClient {}\n";
  const owner = (global: boolean) =>
    [
      global ? "import { Global, Module } from '@nestjs/common';" : "import { Module } from '@nestjs/common';",
      "import { PrismaService } from './prisma.service';",
      '',
      ...(global ? ['@Global()'] : []),
      '@Module({ providers: [PrismaService], exports: [PrismaService] })',
      'export class PrismaModule {}',
      '',
    ].join('\n');
  const extra = [
    "import { Module } from '@nestjs/common';",
    "import { PrismaService } from '../prisma/prisma.service';",
    '',
    '@Module({ providers: [PrismaService], exports: [PrismaService] })',
    'export class DbModule {}',
    '',
  ].join('\n');

  it('leaves exports with it when the kept module is global', () => {
    const plan = nestPlan({ 'src/prisma/prisma.service.ts': provider, 'src/prisma/prisma.module.ts': owner(true), 'src/db/db.module.ts': extra });
    expect(plan.findings.map((f) => `${f.path} ${f.action} ${f.reason}`)).toEqual(['src/db/db.module.ts rewrite nest-extra-provider']);
    expect(afterOf(plan, 'src/db/db.module.ts')).toContain('@Module({ providers: [], exports: [] })');
    expect(afterOf(plan, 'src/db/db.module.ts')).not.toContain('PrismaService');
  });

  it("passes the kept module on in its place when that module is not global, so the module's importers still get the provider", () => {
    const plan = nestPlan({ 'src/prisma/prisma.service.ts': provider, 'src/prisma/prisma.module.ts': owner(false), 'src/db/db.module.ts': extra });
    // Neither module is global: the first by path is kept, and the other one imports it and passes it on.
    expect(plan.findings.map((f) => `${f.path} ${f.action} ${f.reason}`)).toEqual(['src/prisma/prisma.module.ts rewrite nest-extra-provider']);
    const after = afterOf(plan, 'src/prisma/prisma.module.ts');
    expect(after).toContain('imports: [DbModule]');
    expect(after).toContain('exports: [DbModule]');
    expect(after).toContain("import { DbModule } from '../db/db.module';");
    expect(after).not.toContain('PrismaService');
  });
});

// Round 5 (a multi-tenant Nest 10 back end): a request-scoped subclass was reused as the one provider, and every
// service that injected it became request-scoped too: one client and pool per request where there had been two.
describe('a client subclass Nest builds more than once', () => {
  const scoped = (options: string) =>
    `import { Injectable, Scope } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n\n@Injectable(${options})\nexport class TenantDb extends PrismaClient {}\n`;

  it.each([
    ['request-scoped', '{ scope: Scope.REQUEST }'],
    ['transient', '{ scope: Scope.TRANSIENT }'],
    ['durable', '{ scope: Scope.REQUEST, durable: true }'],
  ])('is never the one provider (%s): the plan creates PrismaService, and the subclass is left for review', (_name, options) => {
    const plan = nestPlan({ 'src/tenant-db.service.ts': scoped(options), [SERVICE]: service(['  private prisma = new PrismaClient();']) });
    expect(plan.findings.map((f) => `${f.path} ${f.action} ${f.reason}`)).toEqual([
      'src/tenant-db.service.ts review client-subclass',
      'src/users/users.service.ts rewrite nest-inject',
    ]);
    expect(plan.nest).toMatchObject({ providerName: 'PrismaService', providerPath: 'src/prisma/prisma.service.ts', moduleCreated: true });
  });

  it('is the provider when its scope is the default one', () => {
    const plan = nestPlan({ 'src/tenant-db.service.ts': scoped('{ scope: Scope.DEFAULT }'), [SERVICE]: service(['  private prisma = new PrismaClient();']) });
    expect(plan.nest).toMatchObject({ providerName: 'TenantDb', providerPath: 'src/tenant-db.service.ts' });
  });
});

// Round 5: a root module that imports another library's `PrismaModule` got a second import of that name (TS2300).
describe('the created module imported where the name is taken', () => {
  it('comes in under a free name', () => {
    const appModule = [
      "import { Module } from '@nestjs/common';",
      "import { PrismaModule } from '@acme/prisma-kit';",
      "import { UsersModule } from './users/users.module';",
      '',
      '@Module({ imports: [PrismaModule.forRoot(), UsersModule] })',
      'export class AppModule {}',
      '',
    ].join('\n');
    const plan = nestPlan({ 'src/app.module.ts': appModule, [SERVICE]: service(['  private prisma = new PrismaClient();']) });
    const after = afterOf(plan, 'src/app.module.ts');
    expect(after).toContain("import { PrismaModule as PrismaModule2 } from './prisma/prisma.module';");
    expect(after).toContain('imports: [PrismaModule.forRoot(), UsersModule, PrismaModule2]');
    expect(after).toContain("import { PrismaModule } from '@acme/prisma-kit';");
  });
});
