import type { FindingAction, ReasonId } from '../../src/core/types.js';

/**
 * One way public code binds and constructs a PrismaClient (see README.md in this folder), as a small project of our
 * own: its files, the flags, and every site `--check` must report. A site is named by a needle: the text at the
 * site, with `|` where the site starts when that is not the needle's start (`extends |PrismaClient`); the nth
 * needle in the file when several read alike.
 */
export interface PatternCase {
  readonly id: string;
  readonly files: Readonly<Record<string, string>>;
  readonly args?: readonly string[];
  readonly target?: string;
  readonly sites: readonly ExpectedSite[];
}

export interface ExpectedSite {
  readonly path: string;
  readonly needle: string;
  readonly action: FindingAction;
  readonly reason?: ReasonId;
  readonly nth?: number;
}

const PACKAGE = '{ "name": "app", "private": true, "type": "module", "dependencies": { "@prisma/client": "^6.0.0" } }\n';
const TSCONFIG = '{ "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext", "strict": true } }\n';
const SCHEMA = 'generator client {\n  provider = "prisma-client-js"\n}\n\ndatasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n';
/** What `prisma generate` leaves in an output folder, as far as types go (the stub client stands in for it). */
const GENERATED = "export { PrismaClient, Prisma } from '@prisma/client';\n";

/** A TypeScript ESM project with the default schema, plus `files`. */
function ts(files: Record<string, string>): Record<string, string> {
  return { 'package.json': PACKAGE, 'tsconfig.json': TSCONFIG, 'prisma/schema.prisma': SCHEMA, ...files };
}

const rewrite = (path: string, needle = 'new ', nth?: number): ExpectedSite => ({ path, needle, action: 'rewrite', ...(nth ? { nth } : {}) });
const review = (path: string, needle: string, reason: ReasonId, nth?: number): ExpectedSite => ({
  path,
  needle,
  action: 'review',
  reason,
  ...(nth ? { nth } : {}),
});
const allowed = (path: string, needle: string, reason: ReasonId): ExpectedSite => ({ path, needle, action: 'allowed', reason });

const NEST_PACKAGE =
  '{ "name": "api", "private": true, "dependencies": { "@nestjs/common": "^11.0.0", "@nestjs/core": "^11.0.0", "@prisma/client": "^6.0.0" } }\n';
const NEST_TSCONFIG = '{ "compilerOptions": { "module": "commonjs", "experimentalDecorators": true, "emitDecoratorMetadata": true, "strict": true } }\n';
const NEST_PROVIDER =
  "import { Injectable, OnModuleInit } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n\n@Injectable()\nexport class PrismaService extends PrismaClient implements OnModuleInit {\n  async onModuleInit() {\n    await this.$connect();\n  }\n}\n";

/** A NestJS project (CommonJS, the Nest CLI's layout) with the default schema, plus `files`. */
function nest(files: Record<string, string>): Record<string, string> {
  return { 'package.json': NEST_PACKAGE, 'tsconfig.json': NEST_TSCONFIG, 'prisma/schema.prisma': SCHEMA, ...files };
}

const injected = (path: string, needle = 'new ', nth?: number): ExpectedSite => ({
  path,
  needle,
  action: 'rewrite',
  reason: 'nest-inject',
  ...(nth ? { nth } : {}),
});
const extraProvider = (path: string, needle: string): ExpectedSite => ({ path, needle, action: 'rewrite', reason: 'nest-extra-provider' });

/** A private db package from a registry that passes the client on (rows 56 and 58). */
const ACME_DB = {
  'node_modules/@acme/db/package.json': '{ "name": "@acme/db", "version": "1.2.0", "types": "./index.d.ts" }\n',
  'node_modules/@acme/db/index.d.ts': "export { PrismaClient, Prisma } from '@prisma/client';\n",
};

export const CASES: readonly PatternCase[] = [
  {
    id: 'nest-field-and-module-constant-in-providers',
    files: nest({
      'src/users/users.service.ts':
        "import { Injectable } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n\n@Injectable()\nexport class UsersService {\n  private prisma = new PrismaClient();\n\n  list() {\n    return this.prisma.user.findMany();\n  }\n}\n",
      'src/menu/menu.service.ts':
        "import { Injectable } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\n\n@Injectable()\nexport class MenuService {\n  async getMenu() {\n    return prisma.menuItem.findMany();\n  }\n}\n",
      'src/users/users.controller.ts':
        "import { Controller, Get } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n\n@Controller('users')\nexport class UsersController {\n  private readonly prisma: PrismaClient;\n\n  constructor() {\n    this.prisma = new PrismaClient();\n  }\n\n  @Get()\n  list() {\n    return this.prisma.user.findMany();\n  }\n}\n",
    }),
    sites: [injected('src/users/users.service.ts'), injected('src/menu/menu.service.ts'), injected('src/users/users.controller.ts')],
  },
  {
    id: 'nest-provider-re-provided-and-constructed',
    files: nest({
      'src/prisma/prisma.service.ts': NEST_PROVIDER,
      'src/prisma/index.ts': "export * from './prisma.service';\n",
      'src/users/users.module.ts':
        "import { Module } from '@nestjs/common';\nimport { PrismaService } from '../prisma/prisma.service';\nimport { UsersService } from './users.service';\n\n@Module({ providers: [UsersService, PrismaService] })\nexport class UsersModule {}\n",
      'src/posts/posts.module.ts':
        "import { Module } from '@nestjs/common';\nimport { PrismaService } from '../prisma';\n\n@Module({\n  providers: [\n    PrismaService,\n  ],\n})\nexport class PostsModule {}\n",
      'src/users/users.service.ts':
        "import { Injectable } from '@nestjs/common';\nimport { PrismaService } from '../prisma';\n\n@Injectable()\nexport class UsersService {\n  private readonly prisma = new PrismaService();\n}\n",
      'src/stock/stock.module.ts':
        "import { Module } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n\n@Module({ providers: [PrismaClient] })\nexport class StockModule {}\n",
    }),
    sites: [
      extraProvider('src/users/users.module.ts', 'PrismaService]'),
      extraProvider('src/posts/posts.module.ts', 'PrismaService,'),
      review('src/stock/stock.module.ts', 'PrismaClient]', 'nest-client-provider'),
      injected('src/users/users.service.ts'),
    ],
  },
  {
    // Round 5: `controllers: [UsersController, PrismaService]` in three feature modules of a Nest 10 back end.
    id: 'nest-client-in-controllers',
    files: nest({
      'src/prisma/prisma.service.ts': NEST_PROVIDER,
      'src/prisma/prisma.module.ts':
        "import { Global, Module } from '@nestjs/common';\nimport { PrismaService } from './prisma.service';\n\n@Global()\n@Module({ providers: [PrismaService], exports: [PrismaService] })\nexport class PrismaModule {}\n",
      'src/orders/orders.module.ts':
        "import { Module } from '@nestjs/common';\nimport { PrismaService } from '../prisma/prisma.service';\nimport { OrdersController } from './orders.controller';\n\n@Module({ controllers: [OrdersController, PrismaService] })\nexport class OrdersModule {}\n",
      'src/orders/orders.controller.ts': "import { Controller } from '@nestjs/common';\n\n@Controller('orders')\nexport class OrdersController {}\n",
      'src/stock/stock.module.ts':
        "import { Module } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n\n@Module({ controllers: [PrismaClient] })\nexport class StockModule {}\n",
    }),
    sites: [
      review('src/orders/orders.module.ts', 'PrismaService]', 'nest-client-controller'),
      review('src/stock/stock.module.ts', 'PrismaClient]', 'nest-client-controller'),
    ],
  },
  {
    // A custom provider whose class Nest builds: one more instance for its token, under any module.
    id: 'nest-use-class-providers',
    files: nest({
      'src/prisma/prisma.service.ts': NEST_PROVIDER,
      'src/prisma/prisma.module.ts':
        "import { Global, Module } from '@nestjs/common';\nimport { PrismaService } from './prisma.service';\n\n@Global()\n@Module({ providers: [{ provide: PrismaService, useClass: PrismaService }], exports: [PrismaService] })\nexport class PrismaModule {}\n",
      'src/audit/audit.module.ts':
        "import { Module } from '@nestjs/common';\nimport * as P from '@prisma/client';\nimport { PrismaClient } from '@prisma/client';\nimport { PrismaService } from '../prisma/prisma.service';\n\n@Module({\n  providers: [\n    { provide: 'AUDIT_DB', useClass: PrismaClient },\n    { provide: 'ARCHIVE_DB', useClass: P.PrismaClient },\n    { provide: 'AUDIT_SERVICE', useClass: PrismaService },\n    { provide: 'SHARED', useExisting: PrismaService },\n  ],\n})\nexport class AuditModule {}\n",
    }),
    sites: [
      // The second of each: the first is in the import list.
      review('src/audit/audit.module.ts', 'PrismaClient }', 'nest-client-provider', 2),
      review('src/audit/audit.module.ts', 'P.PrismaClient', 'nest-client-provider'),
      review('src/audit/audit.module.ts', 'PrismaService }', 'nest-provider-use-class', 2),
    ],
  },
  {
    // Round 6: a React Router app on Neon exports an HTTP client and a WebSocket one from app/db/db.server.ts.
    id: 'several-exported-clients',
    files: ts({
      'src/data/conn.ts':
        "import { PrismaClient } from '@prisma/client';\n\nexport const httpDb = new PrismaClient({ datasourceUrl: process.env.HTTP_URL });\nexport const wsDb = new PrismaClient({ datasourceUrl: process.env.WS_URL });\n",
      'src/pages/list.ts': "import { httpDb } from '../data/conn.js';\n\nexport const list = () => httpDb.item.findMany();\n",
      'src/pages/log.ts': "import { wsDb } from '../data/conn.js';\n\nexport const log = () => wsDb.item.count();\n",
    }),
    sites: [review('src/data/conn.ts', 'new ', 'several-exported-clients'), review('src/data/conn.ts', 'new ', 'several-exported-clients', 2)],
  },
  {
    // Round 7: tsyringe, Inversify and awilix build the class they are handed, once per resolve or consumer.
    id: 'class-handed-to-a-container',
    files: ts({
      'src/di/tsyringe.ts':
        "import { container } from 'tsyringe';\nimport { PrismaClient } from '@prisma/client';\n\ncontainer.register('Db', { useClass: PrismaClient });\ncontainer.register<PrismaClient>('Db2', PrismaClient);\nexport const resolveDb = () => container.resolve(PrismaClient);\n",
      'src/di/inversify.ts':
        "import { Container } from 'inversify';\nimport { PrismaClient } from '@prisma/client';\n\nexport const ioc = new Container();\nioc.bind<PrismaClient>('Db').to(PrismaClient);\n",
      'src/di/awilix.ts':
        "import { asClass, createContainer } from 'awilix';\nimport { PrismaClient } from '@prisma/client';\n\nexport const box = createContainer().register({ db: asClass(PrismaClient) });\n",
      'src/di/nest-lookup.ts':
        "import { PrismaClient } from '@prisma/client';\n\ndeclare function Inject(token: unknown): ParameterDecorator;\ndeclare const app: { get<T>(c: new () => T): T };\n\nexport class Reports {\n  constructor(@Inject(PrismaClient) readonly db: PrismaClient) {}\n}\n\nexport const fetched = () => app.get(PrismaClient);\n",
      'src/di/enhanced.ts':
        "import { PrismaClient } from '@prisma/client';\n\ndeclare function enhance<T>(c: T): T;\n\nconst Enhanced = enhance(PrismaClient);\n\nexport const db = new Enhanced();\n",
      'src/types.d.ts':
        "declare module 'tsyringe' {\n  export const container: { register(t: string, p: unknown): void; resolve<T>(c: new () => T): T };\n}\ndeclare module 'inversify' {\n  export class Container {\n    bind<T>(t: string): { to(c: unknown): void };\n  }\n}\ndeclare module 'awilix' {\n  export function asClass(c: unknown): unknown;\n  export function createContainer(): { register(r: object): unknown };\n}\n",
    }),
    sites: [
      review('src/di/awilix.ts', 'asClass(', 'client-class-handed-on'),
      // What a call hands back is no constructor the tool can pin down: its `new` is the site, the call is not.
      review('src/di/enhanced.ts', 'new ', 'unresolved-constructor'),
      review('src/di/inversify.ts', 'ioc.bind', 'client-class-handed-on'),
      review('src/di/tsyringe.ts', "container.register('Db',", 'client-class-handed-on'),
      review('src/di/tsyringe.ts', 'container.register<', 'client-class-handed-on'),
      review('src/di/tsyringe.ts', 'container.resolve', 'client-class-handed-on'),
    ],
  },
  {
    // A file that hands the class on under another name builds nothing itself: no `new`, no export. The prefilter
    // must still send it to the parser (found in round 7's left list; none of these files has a construction token).
    id: 'class-handed-on-under-another-name',
    files: ts({
      'src/di/renamed.ts':
        "import { container } from 'tsyringe';\nimport { PrismaClient as Db } from '@prisma/client';\n\ncontainer.register('Db', { useClass: Db });\n",
      'src/di/aliased.ts':
        "import { container } from 'tsyringe';\nimport { PrismaClient } from '@prisma/client';\n\nconst Client = PrismaClient;\ncontainer.register('Client', Client);\n",
      'src/di/required.ts':
        "import { container } from 'tsyringe';\nconst { PrismaClient: Required } = require('@prisma/client');\n\ncontainer.register('Required', { useClass: Required });\n",
      'src/di/audit-db.ts': "import { PrismaClient } from '@prisma/client';\n\nexport class AuditDb extends PrismaClient {}\n",
      'src/di/project.ts':
        "import { container } from 'tsyringe';\nimport { AuditDb } from './audit-db';\n\ncontainer.register('Audit', { useClass: AuditDb });\n",
      'src/di/namespace.ts':
        "import { container } from 'tsyringe';\nimport * as P from '@prisma/client';\n\ncontainer.register('Ns', { useClass: P.PrismaClient });\n",
      'src/di/typed-only.ts':
        "import { PrismaClient } from '@prisma/client';\n\nexport type Db = PrismaClient;\nexport const describeDb = (db: PrismaClient): string => typeof db;\n",
      'src/types.d.ts': "declare module 'tsyringe' {\n  export const container: { register(t: string, p: unknown): void };\n}\n",
    }),
    sites: [
      review('src/di/aliased.ts', 'container.register(', 'client-class-handed-on'),
      review('src/di/audit-db.ts', 'extends |PrismaClient', 'client-subclass'),
      review('src/di/namespace.ts', 'container.register(', 'client-class-handed-on'),
      review('src/di/renamed.ts', 'container.register(', 'client-class-handed-on'),
      review('src/di/project.ts', 'container.register(', 'client-class-handed-on'),
      review('src/di/required.ts', 'container.register(', 'client-class-handed-on'),
    ],
  },
  {
    id: 'nest-clients-outside-injection',
    files: nest({
      'src/prisma/prisma.service.ts': NEST_PROVIDER,
      'src/main.ts':
        "import { NestFactory } from '@nestjs/core';\nimport { PrismaClient } from '@prisma/client';\nimport { AppModule } from './app.module';\n\nasync function bootstrap() {\n  const prisma = new PrismaClient();\n  await prisma.$connect();\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nvoid bootstrap();\n",
      'src/app.module.ts': "import { Module } from '@nestjs/common';\n\n@Module({})\nexport class AppModule {}\n",
      'src/jobs/cleanup.service.ts':
        "import { Injectable } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n\n@Injectable()\nexport class CleanupService {\n  private static readonly shared = new PrismaClient();\n\n  async run() {\n    const local = new PrismaClient();\n    await local.user.deleteMany();\n    return CleanupService.shared.user.count();\n  }\n}\n",
      'src/common/injectable.ts': 'export function Injectable(): ClassDecorator {\n  return () => undefined;\n}\n',
      'src/legacy/report.service.ts':
        "import { PrismaClient } from '@prisma/client';\nimport { Injectable } from '../common/injectable';\n\n@Injectable()\nexport class ReportService {\n  private prisma = new PrismaClient();\n}\n",
    }),
    sites: [
      review('src/main.ts', 'new ', 'nest-outside-di'),
      review('src/jobs/cleanup.service.ts', 'new ', 'nest-inject-by-hand'),
      review('src/jobs/cleanup.service.ts', 'new ', 'nest-inject-by-hand', 2),
      review('src/legacy/report.service.ts', 'new ', 'nest-outside-di'),
    ],
  },
  {
    id: 'named-import',
    files: ts({
      'src/routes/users.ts':
        "import { PrismaClient } from '@prisma/client';\n\nconst prisma = new PrismaClient();\n\nexport const list = () => prisma.user.findMany();\n",
    }),
    sites: [rewrite('src/routes/users.ts')],
  },
  {
    id: 'generated-output-relative',
    files: ts({
      'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n  output   = "../src/generated/client"\n}\n',
      'src/generated/client/index.ts': GENERATED,
      'src/jobs/cleanup.ts':
        "import { PrismaClient } from '../generated/client/index.js';\n\nexport async function cleanup() {\n  const db = new PrismaClient();\n  return db.user.deleteMany();\n}\n",
    }),
    sites: [rewrite('src/jobs/cleanup.ts')],
  },
  {
    id: 'prisma7-client-entry',
    files: ts({
      'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client"\n  output   = "../src/generated/prisma"\n}\n',
      'src/generated/prisma/client.ts': GENERATED,
      'src/api/orders.ts': "import { PrismaClient } from '../generated/prisma/client.js';\n\nexport const orders = new PrismaClient().order;\n",
    }),
    sites: [rewrite('src/api/orders.ts')],
  },
  {
    id: 'path-alias-to-generated',
    files: ts({
      'tsconfig.json': '{ "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext", "paths": { "@/*": ["./src/*"] } } }\n',
      'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n  output   = "../src/generated/prisma"\n}\n',
      'src/generated/prisma/index.ts': GENERATED,
      'src/app/api/route.ts':
        "import { PrismaClient } from '@/generated/prisma';\n\nexport async function GET() {\n  const prisma = new PrismaClient();\n  return Response.json(await prisma.user.findMany());\n}\n",
    }),
    sites: [rewrite('src/app/api/route.ts')],
  },
  {
    // Nest CLI projects set `baseUrl`, and editors' auto-imports then write the generated client as a bare path.
    id: 'baseurl-bare-generated',
    files: ts({
      'tsconfig.json': '{ "compilerOptions": { "module": "commonjs", "baseUrl": "./" } }\n',
      'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n  output   = "../generated/prisma"\n}\n',
      'generated/prisma/index.ts': GENERATED,
      'src/users/users.service.ts':
        "import { PrismaClient } from 'generated/prisma';\n\nexport class UsersService {\n  private readonly prisma = new PrismaClient();\n}\n",
    }),
    sites: [rewrite('src/users/users.service.ts')],
  },
  {
    id: 'baseurl-bare-prisma7-entry',
    files: ts({
      'tsconfig.json': '{ "compilerOptions": { "module": "commonjs", "baseUrl": "./" } }\n',
      'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client"\n  output   = "../src/generated/prisma"\n}\n',
      'src/generated/prisma/client.ts': GENERATED,
      'src/reports.ts': "import { PrismaClient } from 'src/generated/prisma/client';\n\nexport const reports = new PrismaClient();\n",
    }),
    sites: [rewrite('src/reports.ts')],
  },
  {
    // Nuxt (nitro `imports` presets, anything `server/utils/` exports) and unplugin-auto-import declare the class
    // globally in a generated .d.ts: the file that constructs it imports nothing.
    id: 'framework-auto-import',
    files: ts({
      'types/auto-imports.d.ts': "export {};\ndeclare global {\n  const PrismaClient: typeof import('@prisma/client').PrismaClient;\n}\n",
      'server/api/audit.get.ts': "const audit = new PrismaClient({ log: ['query'] });\n\nexport default () => audit.user.count();\n",
      'server/api/report.get.ts': 'export default async () => {\n  const db = new (PrismaClient)();\n  return db.user.count();\n};\n',
      'server/utils/tenant.ts': 'export class TenantClient extends PrismaClient {}\n',
      'server/api/raw.get.ts': 'export default () => Reflect.construct(PrismaClient, []).user.count();\n',
      'server/api/alias.get.ts': 'const Client = PrismaClient;\n\nexport default () => new Client().user.count();\n',
      // Handed to a container, in a file with no construction of its own.
      'server/utils/di.ts': "declare const container: { register(t: string, c: unknown): void };\n\ncontainer.register('Db', PrismaClient);\n",
    }),
    sites: [
      review('server/api/audit.get.ts', 'new ', 'undeclared-client'),
      review('server/api/report.get.ts', 'new ', 'undeclared-client'),
      review('server/utils/tenant.ts', 'extends |PrismaClient', 'client-subclass'),
      review('server/api/raw.get.ts', 'Reflect', 'reflect-construct'),
      review('server/api/alias.get.ts', 'new ', 'undeclared-client'),
      review('server/utils/di.ts', 'container.register(', 'client-class-handed-on'),
    ],
  },
  {
    // SvelteKit defines $lib in .svelte-kit/tsconfig.json, which a checkout does not have.
    id: 'sveltekit-lib-alias',
    files: ts({
      'package.json': '{ "name": "kit", "type": "module", "devDependencies": { "@sveltejs/kit": "^2.0.0" }, "dependencies": { "@prisma/client": "^6.0.0" } }\n',
      'tsconfig.json': '{ "extends": "./.svelte-kit/tsconfig.json", "compilerOptions": { "strict": true } }\n',
      'src/lib/server/db.ts':
        "import { PrismaClient } from '@prisma/client';\n\nconst g = globalThis as unknown as { prisma?: PrismaClient };\nexport const prisma = g.prisma ?? new PrismaClient();\n",
      'src/routes/users/+page.server.ts': "import { prisma } from '$lib/server/db';\n\nexport const load = () => prisma.user.findMany();\n",
      'src/routes/stats/+page.server.ts': "import { PrismaClient } from '@prisma/client';\n\nexport const load = () => new PrismaClient().user.count();\n",
    }),
    sites: [rewrite('src/routes/stats/+page.server.ts')],
  },
  {
    id: 'dot-prisma-client',
    files: ts({ 'src/db.ts': "import { PrismaClient } from '.prisma/client';\n\nexport const db = new PrismaClient();\n" }),
    sites: [rewrite('src/db.ts')],
  },
  {
    id: 'client-subpaths-and-edge',
    files: ts({
      'src/a.ts': "import { PrismaClient } from '@prisma/client/index.js';\nexport const a = new PrismaClient();\n",
      'src/b.ts': "import { PrismaClient } from '@prisma/client/default';\nexport const b = new PrismaClient();\n",
      'src/edge.ts': "import { PrismaClient } from '@prisma/client/edge';\nexport function handler() {\n  return new PrismaClient().user.count();\n}\n",
    }),
    sites: [rewrite('src/a.ts'), rewrite('src/b.ts'), review('src/edge.ts', 'new ', 'edge-client-unknown-runtime')],
  },
  {
    id: 'aliased-import',
    files: ts({ 'src/db.ts': "import { PrismaClient as DbClient } from '@prisma/client';\n\nexport const db = new DbClient();\n" }),
    sites: [rewrite('src/db.ts')],
  },
  {
    id: 'default-import-destructured',
    files: ts({ 'src/infra/db.ts': "import pkg from '@prisma/client';\n\nconst { PrismaClient } = pkg;\n\nexport const db = new PrismaClient();\n" }),
    sites: [rewrite('src/infra/db.ts')],
  },
  {
    id: 'default-import-member-alias',
    files: ts({
      'plugins/prisma.ts':
        "import Pkg from '@prisma/client';\n\nconst PrismaClient = Pkg.PrismaClient;\n\nexport const prisma = new PrismaClient({ log: ['error'] });\n",
    }),
    sites: [rewrite('plugins/prisma.ts')],
  },
  {
    id: 'default-import-as-namespace',
    files: ts({ 'src/hooks.ts': "import prismaPkg from '@prisma/client';\n\nexport const db = new prismaPkg.PrismaClient();\n" }),
    sites: [rewrite('src/hooks.ts')],
  },
  {
    id: 'namespace-import-and-member-alias',
    files: ts({
      'src/a.ts': "import * as P from '@prisma/client';\n\nexport const a = new P.PrismaClient();\n",
      'src/b.ts': "import * as P from '@prisma/client';\n\nconst Client = P.PrismaClient;\nexport const b = new Client();\n",
    }),
    sites: [rewrite('src/a.ts'), rewrite('src/b.ts')],
  },
  {
    id: 'interop-either-binding',
    files: ts({
      'src/lib/db.ts':
        "import Default, * as Named from '@prisma/client';\n\nconst PrismaClient = Default?.PrismaClient || Named?.PrismaClient;\n\nexport const db = new PrismaClient();\n",
    }),
    sites: [rewrite('src/lib/db.ts')],
  },
  {
    id: 'require-destructured-and-member',
    files: {
      'package.json': '{ "name": "api", "private": true }\n',
      'src/users.js':
        "const { PrismaClient } = require('@prisma/client');\n\nconst prisma = new PrismaClient();\n\nmodule.exports = { list: () => prisma.user.findMany() };\n",
      'src/posts.js':
        "const prismaCtor = require('@prisma/client').PrismaClient;\n\nconst db = new prismaCtor();\n\nmodule.exports = { count: () => db.post.count() };\n",
      'src/stats.js': "const Prisma = require('@prisma/client');\n\nconst db = new Prisma.PrismaClient();\n\nexports.total = () => db.user.count();\n",
    },
    sites: [rewrite('src/posts.js'), rewrite('src/stats.js'), rewrite('src/users.js')],
  },
  {
    id: 'inline-require-new',
    files: {
      'package.json': '{ "name": "api", "private": true }\n',
      'src/worker.js':
        "async function run() {\n  await new (require('@prisma/client').PrismaClient)().job.create({ data: {} });\n}\n\nmodule.exports = { run };\n",
    },
    sites: [rewrite('src/worker.js')],
  },
  {
    id: 'dynamic-import-await',
    files: ts({
      'src/lazy.ts':
        "export async function getDb() {\n  const { PrismaClient } = await import('@prisma/client');\n  const db = new PrismaClient();\n  return db;\n}\n",
    }),
    sites: [rewrite('src/lazy.ts')],
  },
  {
    id: 'dynamic-import-then-namespace-subpath',
    files: ts({
      'src/lib/server/prisma.ts':
        "let prisma: unknown;\n\nimport('@prisma/client/index.js').then((mod) => (prisma = new mod.PrismaClient()));\n\nexport const get = () => prisma;\n",
    }),
    sites: [rewrite('src/lib/server/prisma.ts')],
  },
  {
    id: 'type-only-import',
    files: ts({
      'src/repo.ts':
        "import type { PrismaClient } from '@prisma/client';\n\n// new PrismaClient() lives in src/lib/prisma.ts\nexport class UserRepo {\n  constructor(private readonly db: PrismaClient) {}\n  list() {\n    return this.db.user.findMany();\n  }\n}\n",
    }),
    sites: [],
  },
  {
    id: 'local-re-export',
    files: ts({
      'src/db/index.ts': "export { PrismaClient } from '@prisma/client';\n",
      'src/app.ts': "import { PrismaClient } from './db/index.js';\n\nexport const db = new PrismaClient();\n",
    }),
    sites: [review('src/app.ts', 'new ', 'project-reexport')],
  },
  {
    id: 'package-subpath-import-generated',
    files: ts({
      'package.json':
        '{ "name": "app", "private": true, "type": "module", "imports": { "#prisma/*": "./src/generated/prisma/*" }, "dependencies": { "@prisma/client": "^6.0.0" } }\n',
      'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client"\n  output   = "../src/generated/prisma"\n}\n',
      'src/generated/prisma/client.ts': GENERATED,
      'src/report.ts': "import { PrismaClient } from '#prisma/client.js';\n\nexport const report = new PrismaClient();\n",
    }),
    sites: [rewrite('src/report.ts')],
  },
  {
    id: 'db-package-from-registry',
    files: ts({
      'package.json': '{ "name": "api", "private": true, "type": "module", "dependencies": { "@acme/db": "^1.2.0" } }\n',
      ...ACME_DB,
      'src/users.ts': "import { PrismaClient } from '@acme/db';\n\nexport const users = new PrismaClient();\n",
      'src/db/index.ts': "export { PrismaClient } from '@acme/db';\n",
      'src/store/index.ts': "export * from '@acme/db';\n",
      'src/audit.ts': "import { PrismaClient } from './store/index.js';\n\nexport const audit = new PrismaClient();\n",
      'src/report.ts':
        "import { PrismaClient } from './db/index.js';\n\nexport async function report() {\n  const db = new PrismaClient();\n  return db.$queryRaw`select 1`;\n}\n",
    }),
    sites: [
      review('src/users.ts', 'new ', 'package-client'),
      review('src/report.ts', 'new ', 'package-client'),
      review('src/audit.ts', 'new ', 'project-reexport'),
    ],
  },
  {
    id: 'unread-barrel-whole-binding',
    files: ts({
      'package.json': '{ "name": "api", "private": true, "type": "module", "dependencies": { "@acme/db": "^1.2.0", "http-errors": "^2.0.0" } }\n',
      ...ACME_DB,
      'src/store/index.ts': "export * from '@acme/db';\n",
      'src/store/legacy.cts': "import db = require('@acme/db');\n\nexport = db;\n",
      'src/handlers.ts': 'export class Created {}\nexport class Deleted {}\n',
      'src/audit.ts': "import * as store from './store/index.js';\n\nexport const audit = new store.PrismaClient();\n",
      'src/jobs.ts':
        "export async function job() {\n  const { PrismaClient } = await import('./store/index.js');\n  const db = new PrismaClient();\n  return db.$queryRaw`select 1`;\n}\n",
      'src/legacy.ts': "import legacy from './store/legacy.cjs';\n\nexport const old = new legacy.PrismaClient();\n",
      'src/keyed.ts': "import * as store from './store/index.js';\n\nconst CLASS = 'PrismaClient' as const;\n\nexport const keyed = new store[CLASS]();\n",
      'src/events.ts':
        "import type { PrismaClient } from './store/index.js';\nimport * as errors from 'http-errors';\nimport * as handlers from './handlers.js';\n\nexport type Db = PrismaClient;\nexport const make = (name: 'Created' | 'Deleted') => new handlers[name]();\nexport const fail = (name: 'NotFound' | 'Conflict') => new errors[name]();\n",
    }),
    sites: [
      review('src/audit.ts', 'new ', 'project-reexport'),
      review('src/jobs.ts', 'new ', 'project-reexport'),
      review('src/keyed.ts', 'new ', 'unresolved-constructor'),
      review('src/legacy.ts', 'new ', 'project-reexport'),
    ],
  },
  {
    id: 'project-namespace-passed-on',
    files: ts({
      'src/db/service.ts': "import { PrismaClient } from '@prisma/client';\n\nexport class DbService extends PrismaClient {}\nexport { PrismaClient };\n",
      'src/db/index.ts': "export * as db from './service.js';\n",
      'src/lib.ts': "import * as service from './db/service.js';\n\nexport { service };\n",
      'src/jobs.ts': "import { db } from './db/index.js';\n\nexport const jobs = new db.DbService();\nexport const raw = new db.PrismaClient();\n",
      'src/report.ts': "import { service } from './lib.js';\n\nexport const report = new service.DbService();\n",
    }),
    sites: [
      review('src/db/service.ts', 'extends |PrismaClient', 'client-subclass'),
      review('src/jobs.ts', 'new ', 'client-subclass'),
      review('src/jobs.ts', 'new ', 'project-reexport', 2),
      review('src/report.ts', 'new ', 'client-subclass'),
    ],
  },
  {
    id: 'node-modules-path-under-baseurl',
    files: ts({
      'tsconfig.json': '{ "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext", "baseUrl": "./", "strict": true } }\n',
      'src/users.ts': "import { PrismaClient } from 'node_modules/@prisma/client';\n\nexport const users = new PrismaClient();\n",
    }),
    sites: [rewrite('src/users.ts')],
  },
  {
    id: 'cached-block-callback-singleton',
    files: ts({
      'src/utils/remember.ts':
        'const cache = globalThis as unknown as Record<string, unknown>;\n\nexport function remember<T>(name: string, make: () => T): T {\n  cache[name] ??= make();\n  return cache[name] as T;\n}\n',
      'src/utils/db.server.ts':
        "import { PrismaClient } from '@prisma/client';\nimport { remember } from './remember.js';\n\nexport const prisma = remember('prisma', () => {\n  const client = new PrismaClient();\n  void client.$connect();\n  return client;\n});\n",
      'src/routes/users.ts': "import { prisma } from '../utils/db.server.js';\n\nexport const loader = () => prisma.user.findMany();\n",
      'src/routes/stats.ts':
        "import { PrismaClient } from '@prisma/client';\n\nconst db = new PrismaClient();\n\nexport const loader = () => db.user.count();\n",
    }),
    sites: [rewrite('src/routes/stats.ts')],
  },
  {
    id: 'lazy-accessor-singleton',
    files: ts({
      'src/lib/db.ts':
        "import { PrismaClient } from '@prisma/client';\n\nconst globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };\n\nexport function getPrismaClient(): PrismaClient {\n  if (!globalForPrisma.prisma) globalForPrisma.prisma = new PrismaClient();\n  return globalForPrisma.prisma;\n}\n",
      'src/routes/users.ts': "import { getPrismaClient } from '../lib/db.js';\n\nexport const list = () => getPrismaClient().user.findMany();\n",
      'src/routes/stats.ts':
        "import { PrismaClient } from '@prisma/client';\n\nconst db = new PrismaClient();\n\nexport const count = () => db.user.count();\n",
    }),
    sites: [review('src/routes/stats.ts', 'new ', 'accessor-singleton')],
  },
  {
    id: 'computed-member-key',
    files: ts({
      'src/db.ts':
        "import * as P from '@prisma/client';\n\nconst CLASS = 'PrismaClient' as const;\n\nexport const db = new P[CLASS]();\n\nconst { [CLASS]: Client } = P;\n\nexport const other = new Client();\n",
    }),
    sites: [review('src/db.ts', 'new ', 'unresolved-constructor'), review('src/db.ts', 'new ', 'unresolved-constructor', 2)],
  },
  {
    id: 'barrel-star-reexport',
    files: ts({
      'src/db/index.ts': "export * from '@prisma/client';\n",
      'src/app.ts': "import { PrismaClient } from './db/index.js';\n\nexport const db = new PrismaClient();\n",
    }),
    sites: [review('src/app.ts', 'new ', 'project-reexport')],
  },
  {
    id: 'barrel-namespace-reexport',
    files: ts({
      'src/db/index.ts': "export * as Db from '@prisma/client';\n",
      'src/app.ts': "import { Db } from './db/index.js';\n\nexport const db = new Db.PrismaClient();\n",
    }),
    sites: [review('src/app.ts', 'new ', 'project-reexport')],
  },
  {
    id: 'barrel-namespace-import-exported',
    files: ts({
      'src/db/index.ts': "import * as P from '@prisma/client';\n\nexport { P };\n",
      'src/jobs/cleanup.ts':
        "import { P } from '../db/index.js';\n\nexport async function cleanup() {\n  const db = new P.PrismaClient();\n  return db.user.deleteMany();\n}\n",
    }),
    sites: [review('src/jobs/cleanup.ts', 'new ', 'project-reexport')],
  },
  {
    id: 'barrel-default-import-exported',
    files: ts({
      'src/db/index.ts': "import pkg from '@prisma/client';\n\nexport default pkg;\n",
      'src/app.ts': "import prisma from './db/index.js';\n\nconst { PrismaClient } = prisma;\n\nexport const db = new PrismaClient();\n",
    }),
    sites: [review('src/app.ts', 'new ', 'project-reexport')],
  },
  {
    id: 'barrel-commonjs',
    files: {
      'package.json': '{ "name": "api", "private": true }\n',
      'src/db.js': "module.exports = require('@prisma/client');\n",
      'src/shared.js': "const P = require('@prisma/client');\n\nmodule.exports = { ...P, retries: 3 };\n",
      'src/users.js': "const { PrismaClient } = require('./db');\n\nconst db = new PrismaClient();\n\nmodule.exports = { count: () => db.user.count() };\n",
      'src/posts.js': "const shared = require('./shared');\n\nconst db = new shared.PrismaClient();\n\nmodule.exports = { count: () => db.post.count() };\n",
    },
    sites: [review('src/posts.js', 'new ', 'project-reexport'), review('src/users.js', 'new ', 'project-reexport')],
  },
  {
    id: 'barrel-chain-generated-client',
    files: ts({
      'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client"\n  output   = "../src/generated/prisma"\n}\n',
      'src/generated/prisma/client.ts': GENERATED,
      'src/db/client.ts': "export * from '../generated/prisma/client.js';\n",
      'src/db/index.ts': "export * from './client.js';\n",
      'src/app.ts': "import { PrismaClient } from './db/index.js';\n\nexport const db = new PrismaClient();\n",
    }),
    sites: [review('src/app.ts', 'new ', 'project-reexport')],
  },
  {
    id: 'nest-subclass-across-files',
    files: ts({
      'src/prisma/prisma.service.ts':
        "import { PrismaClient } from '@prisma/client';\n\nfunction Injectable(): ClassDecorator {\n  return () => undefined;\n}\n\n@Injectable()\nexport class PrismaService extends PrismaClient {\n  async onModuleInit() {\n    await this.$connect();\n  }\n}\n",
      'src/prisma/index.ts': "export * from './prisma.service.js';\n",
      'src/users/users.service.ts':
        "import { PrismaService } from '../prisma/index.js';\n\nexport class UsersService {\n  private readonly prisma = new PrismaService();\n}\n",
    }),
    sites: [
      review('src/prisma/prisma.service.ts', 'extends |PrismaClient', 'client-subclass'),
      review('src/users/users.service.ts', 'new ', 'client-subclass'),
    ],
  },
  {
    id: 'nest-provider-marked-intentional',
    files: ts({
      'src/prisma.service.ts':
        "import { PrismaClient } from '@prisma/client';\n\nfunction Injectable(): ClassDecorator {\n  return () => undefined;\n}\n\n// prisma-singleton-codemod-ignore: the one provider, constructed once by Nest\n@Injectable()\nexport class PrismaService extends PrismaClient {}\n",
    }),
    sites: [allowed('src/prisma.service.ts', 'extends |PrismaClient', 'ignore-comment')],
  },
  {
    id: 'local-subclass-shadowing-the-name',
    files: ts({
      'src/logic/prisma.ts':
        "import { PrismaClient as BasePrismaClient } from '@prisma/client';\n\nclass PrismaClient extends BasePrismaClient {}\n\nexport const prisma = new PrismaClient();\n",
    }),
    sites: [review('src/logic/prisma.ts', 'extends |BasePrismaClient', 'client-subclass'), review('src/logic/prisma.ts', 'new ', 'client-subclass')],
  },
  {
    id: 'wrapper-returns-a-class',
    files: ts({
      'db/index.ts':
        "import { PrismaClient } from '@prisma/client';\n\nfunction enhance<T>(ctor: T): T {\n  return ctor;\n}\n\nconst EnhancedPrisma = enhance(PrismaClient);\n\nexport default new EnhancedPrisma();\n",
    }),
    sites: [review('db/index.ts', 'new ', 'unresolved-constructor')],
  },
  {
    id: 'proxy-construct-trap',
    files: ts({
      'src/prisma-proxy.ts':
        "import { PrismaClient } from '@prisma/client';\n\nconst ProxyPrisma = new Proxy(PrismaClient, {\n  construct(target, args) {\n    console.log('new client');\n    return new target(...(args as []));\n  },\n});\n\nexport const prisma = new ProxyPrisma();\n",
    }),
    sites: [review('src/prisma-proxy.ts', 'new target', 'unresolved-constructor'), review('src/prisma-proxy.ts', 'new ProxyPrisma', 'unresolved-constructor')],
  },
  {
    id: 'reflect-construct',
    files: ts({
      'src/probe.ts': "import * as Generated from '@prisma/client';\n\nexport const client = Reflect.construct(Generated.PrismaClient, [{}]);\n",
    }),
    sites: [review('src/probe.ts', 'Reflect', 'reflect-construct')],
  },
  {
    id: 'parenthesised-commented-and-split-new',
    files: ts({
      'src/c.ts':
        "import { PrismaClient } from '@prisma/client';\n\nexport const c1 = new (PrismaClient)();\nexport const c2 = new /* pooled */ PrismaClient();\nexport const c3 = new\n  PrismaClient();\nexport const c4 = new PrismaClient;\n",
    }),
    sites: [rewrite('src/c.ts', 'new ', 1), rewrite('src/c.ts', 'new ', 2), rewrite('src/c.ts', 'new\n', 1), rewrite('src/c.ts', 'new ', 3)],
  },
  {
    id: 'let-then-assign-and-lazy-getter',
    files: ts({
      'src/db.ts':
        "import { PrismaClient } from '@prisma/client';\n\nlet client: PrismaClient | undefined;\n\nexport function getPrisma() {\n  if (!client) client = new PrismaClient();\n  return client;\n}\n",
    }),
    sites: [rewrite('src/db.ts')],
  },
  {
    id: 'factory-and-helper-callbacks',
    files: ts({
      'app/db.server.ts':
        "import { PrismaClient } from '@prisma/client';\n\nfunction singleton<T>(name: string, make: () => T): T {\n  return make();\n}\n\nexport const db = singleton('db', () => new PrismaClient());\n",
      'src/context.ts': "import { PrismaClient } from '@prisma/client';\n\nexport const createContext = () => ({ prisma: new PrismaClient() });\n",
    }),
    sites: [rewrite('app/db.server.ts'), rewrite('src/context.ts')],
  },
  {
    id: 'class-field-constructor-and-static-singleton',
    files: ts({
      'src/services/users.service.ts':
        "import { PrismaClient } from '@prisma/client';\n\nexport class UsersService {\n  private prisma = new PrismaClient();\n}\n\nexport class Audit {\n  private readonly db: PrismaClient;\n  constructor() {\n    this.db = new PrismaClient();\n  }\n}\n\nexport class Database {\n  private static instance?: PrismaClient;\n  static get() {\n    return (this.instance ??= new PrismaClient());\n  }\n}\n",
    }),
    sites: [
      rewrite('src/services/users.service.ts', 'new ', 1),
      rewrite('src/services/users.service.ts', 'new ', 2),
      rewrite('src/services/users.service.ts', 'new ', 3),
    ],
  },
  {
    id: 'extends-chain-and-adapter',
    files: ts({
      'src/db.ts':
        "import { PrismaClient } from '@prisma/client';\nimport { PrismaPg } from '@prisma/adapter-pg';\n\nconst adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL });\n\nexport const db = new PrismaClient({ adapter }).$extends({});\n",
    }),
    sites: [rewrite('src/db.ts', 'new PrismaClient')],
  },
  {
    id: 'per-request-with-request-env',
    files: ts({
      'src/index.ts':
        "import { PrismaClient } from '@prisma/client/edge';\n\nexport default {\n  async fetch(request: Request, env: { DATABASE_URL: string }) {\n    const prisma = new PrismaClient({ datasourceUrl: env.DATABASE_URL });\n    return Response.json(await prisma.user.count());\n  },\n};\n",
      'src/handler.ts':
        "import { PrismaClient } from '@prisma/client';\n\nexport function handle(c: { env: { DB_URL: string } }) {\n  return new PrismaClient({ datasourceUrl: c.env.DB_URL }).user.count();\n}\n",
    }),
    sites: [review('src/handler.ts', 'new ', 'options-not-portable'), allowed('src/index.ts', 'new ', 'edge-runtime')],
  },
  {
    id: 'tests-and-seeds',
    files: ts({
      'prisma/seed.ts':
        "import { PrismaClient } from '@prisma/client';\n\nconst prisma = new PrismaClient();\nawait prisma.user.create({ data: { email: 'a@b.c' } });\n",
      'src/users.test.ts': "import { PrismaClient } from '@prisma/client';\n\nexport const db = new PrismaClient();\n",
    }),
    sites: [allowed('prisma/seed.ts', 'new ', 'role-seed'), allowed('src/users.test.ts', 'new ', 'role-test')],
  },
  {
    id: 'component-scripts',
    files: ts({
      'src/App.vue':
        '<template>\n  <p>{{ count }}</p>\n</template>\n\n<script setup lang="ts">\nimport { PrismaClient } from \'@prisma/client\';\nconst count = await new PrismaClient().user.count();\n</script>\n',
      'src/routes/+page.svelte':
        '<script context="module" lang="ts">\n  import { PrismaClient } from \'@prisma/client\';\n</script>\n\n<script lang="ts">\n  const db = new PrismaClient();\n</script>\n\n<p>users</p>\n',
      'src/pages/index.astro':
        "---\nimport { PrismaClient } from '@prisma/client';\nconst users = await new PrismaClient().user.findMany();\n---\n<ul>{users.length}</ul>\n",
    }),
    sites: [
      review('src/App.vue', 'new ', 'component-file'),
      review('src/pages/index.astro', 'new ', 'component-file'),
      review('src/routes/+page.svelte', 'new ', 'component-file'),
    ],
  },
  {
    id: 'server-only-and-build-named-folders',
    files: ts({
      'app/.server/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n",
      'src/modules/build/queue.ts': "import { PrismaClient } from '@prisma/client';\nexport const q = new PrismaClient();\n",
    }),
    sites: [rewrite('app/.server/db.ts'), rewrite('src/modules/build/queue.ts')],
  },
  {
    id: 'monorepo-schema-outside-the-target',
    target: 'apps/api',
    // Like Prisma's flag, the path is relative to where the command runs (here the repository's root).
    args: ['--schema', 'prisma/schema.prisma'],
    files: {
      'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client"\n  output   = "../generated/prisma"\n}\n',
      'generated/prisma/client.ts': GENERATED,
      'apps/api/package.json': PACKAGE,
      'apps/api/tsconfig.json': TSCONFIG,
      'apps/api/src/db.ts': "import { PrismaClient } from '../../../generated/prisma/client.js';\n\nexport const db = new PrismaClient();\n",
    },
    sites: [rewrite('src/db.ts')],
  },
  {
    id: 'no-schema-generated-path',
    target: 'apps/web',
    files: {
      'apps/web/package.json': PACKAGE,
      'apps/web/src/lib/db.ts': "import { PrismaClient } from '../../../../generated/prisma';\n\nexport const db = new PrismaClient();\n",
      'generated/prisma/index.ts': GENERATED,
    },
    sites: [rewrite('src/lib/db.ts')],
  },
  {
    id: 'second-schema-and-second-generator',
    files: ts({
      'prisma/schema.prisma':
        'generator client {\n  provider = "prisma-client-js"\n  output   = "../src/generated/main"\n}\n\ngenerator dbml {\n  provider = "prisma-dbml-generator"\n  output   = "."\n}\n',
      'prisma/analytics.prisma': 'generator analytics {\n  provider = "prisma-client-js"\n  output   = "../src/generated/analytics"\n}\n',
      'src/generated/main/index.ts': GENERATED,
      'src/generated/analytics/index.ts': GENERATED,
      'src/users.ts': "import { PrismaClient } from './generated/main/index.js';\nexport const users = new PrismaClient();\n",
      'src/orders.ts': "import { PrismaClient } from './generated/main/index.js';\nexport const orders = new PrismaClient();\n",
      'src/events.ts': "import { PrismaClient as Analytics } from './generated/analytics/index.js';\nexport const events = new Analytics();\n",
    }),
    sites: [rewrite('src/events.ts'), rewrite('src/orders.ts'), rewrite('src/users.ts')],
  },
  {
    id: 'import-equals-require',
    files: ts({ 'src/legacy.ts': "import Prisma = require('@prisma/client');\n\nexport const db = new Prisma.PrismaClient();\n" }),
    sites: [rewrite('src/legacy.ts')],
  },
  {
    id: 'create-require-in-esm',
    files: {
      'package.json': '{ "name": "web", "private": true, "type": "module" }\n',
      'src/routes/users.mjs':
        "import { createRequire } from 'node:module';\n\nconst require = createRequire(import.meta.url);\nconst { PrismaClient } = require('@prisma/client');\n\nconst prisma = new PrismaClient();\n\nexport function load() {\n  return prisma.user.findMany();\n}\n",
    },
    sites: [rewrite('src/routes/users.mjs')],
  },
  {
    id: 'create-require-other-name',
    files: ts({
      'src/routes/users.ts':
        "import { createRequire } from 'node:module';\n\nconst requireCjs = createRequire(import.meta.url);\nconst { PrismaClient } = requireCjs('@prisma/client');\n\nexport const users = new PrismaClient();\n",
      'src/routes/posts.ts':
        "import * as nodeModule from 'node:module';\n\nconst load = nodeModule.createRequire(import.meta.url);\n\nexport const posts = new (load('@prisma/client').PrismaClient)();\n",
    }),
    sites: [rewrite('src/routes/posts.ts'), rewrite('src/routes/users.ts')],
  },
  {
    id: 'global-cache-singleton',
    files: ts({
      'src/lib/prisma.ts':
        "import { PrismaClient } from '@prisma/client';\n\nconst globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };\n\nexport const prisma = globalForPrisma.prisma ?? new PrismaClient();\n\nif (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;\n",
      'src/routes/users.ts': "import { prisma } from '../lib/prisma.js';\n\nexport const list = () => prisma.user.findMany();\n",
    }),
    sites: [],
  },
];
