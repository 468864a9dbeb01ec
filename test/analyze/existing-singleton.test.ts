import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analyze/analyze-file.js';
import { findExistingSingletons, singletonExport, singletonExportName } from '../../src/analyze/existing-singleton.js';
import { parseSource } from '../../src/analyze/parse.js';
import { clientModules } from '../../src/discover/client-modules.js';

const IMPORT = "import { PrismaClient } from '@prisma/client';\n";

function exportName(body: string): string | undefined {
  const modules = clientModules({ clientOutputs: [], schemaFound: true, pathAliases: [] });
  const { sourceFile } = parseSource('src/db.ts', IMPORT + body);
  return singletonExportName(analyzeFile(sourceFile, { modules, classes: new Map() }));
}

describe('singletonExportName', () => {
  // A module whose exports make a client per call is no singleton: reusing it would leave its sites unreported and
  // hand other files a function where they expect a client.
  it.each([
    ['an exported arrow factory', 'export const getDb = () => new PrismaClient();\n'],
    ['an exported function expression factory', 'export const getDb = function () { return new PrismaClient(); };\n'],
    [
      'an arrow controller that builds a client per request',
      'export const list = async () => {\n  const prisma = new PrismaClient();\n  return prisma.user.findMany();\n};\n',
    ],
    ['a request context factory', 'export const createContext = () => ({ prisma: new PrismaClient() });\n'],
    [
      'a plugin whose register callback builds a client',
      'const plugin = (f: () => Promise<void>) => f;\nconst prismaPlugin = plugin(async () => {\n  const prisma = new PrismaClient();\n  await prisma.$connect();\n});\nexport default prismaPlugin;\n',
    ],
    [
      'a callback that builds a client without returning it',
      "export const ready = register('db', () => {\n  new PrismaClient();\n});\ndeclare function register(n: string, f: () => void): void;\n",
    ],
    ['a class expression with a client field', 'export const Repo = class {\n  db = new PrismaClient();\n};\n'],
    // Round 7 (an Express + awilix app): the container holding the client was taken for the client, and a stray was
    // rewritten to import the container under the client's name (TS2339, then a TypeError at run time).
    [
      'a container that holds the client among its registrations',
      'declare function asValue<T>(v: T): T;\ndeclare const createContainer: () => { register(r: object): unknown };\nconst container = createContainer().register({ prismaClient: asValue(new PrismaClient()) });\nexport default container;\n',
    ],
    ['an object that holds the client', 'export const services = { db: new PrismaClient(), startedAt: Date.now() };\n'],
    ['an array of clients', 'export const pool = [new PrismaClient()];\n'],
    ['a member of a client', 'export const users = new PrismaClient().user;\n'],
    // Round 5 (a Next.js + Keystone 6 app): Keystone builds its own client from the namespace it is handed; the
    // module keeps the context on globalThis, constructs no client, and was reused as the singleton.
    [
      'a module that constructs nothing and caches something else on globalThis',
      "import * as PrismaModule from '@prisma/client';\ndeclare function getContext(c: unknown, m: unknown): unknown;\nexport const ctx = (globalThis as any).ctx ?? getContext({}, PrismaModule);\nif (process.env.NODE_ENV !== 'production') (globalThis as any).ctx = ctx;\n",
    ],
    ['a local function that builds a client it never returns', 'function warm() {\n  new PrismaClient();\n  return 1;\n}\nexport const ready = warm();\n'],
    ['a factory that calls itself', 'function again(): unknown {\n  return again();\n}\nexport const x = again();\nnew PrismaClient();\n'],
    [
      'a callback whose local client is not what it returns',
      "declare function remember<T>(n: string, f: () => T): T;\nexport const x = remember('p', () => {\n  const client = new PrismaClient();\n  return client.user;\n});\n",
    ],
    ['a function handed by name to no call', 'function getClient() {\n  return new PrismaClient();\n}\nexport const prisma = getClient;\n'],
  ])('finds no exported client in %s', (_name, body) => {
    expect(exportName(body)).toBeUndefined();
  });

  it.each([
    ['a module-level client', 'export const prisma = new PrismaClient();\n', 'prisma'],
    ['a caching helper handed an arrow that returns the client', "export const db = singleton('db', () => new PrismaClient());\n", 'db'],
    ['a caching helper handed a block that returns the client', "export const db = singleton('db', () => {\n  return new PrismaClient();\n});\n", 'db'],
    ['a global cache', 'const g = globalThis as unknown as { prisma?: PrismaClient };\nexport const prisma = g.prisma ?? new PrismaClient();\n', 'prisma'],
    ['a default export of the client', 'export default new PrismaClient();\n', 'default'],
    [
      "a default export of a class the tool cannot pin down (Blitz's enhancePrisma), as when it is named first",
      'declare function enhance<T>(c: T): T;\nconst EnhancedPrisma = enhance(PrismaClient);\nexport default new EnhancedPrisma();\n',
      'default',
    ],
    [
      'a global cache filled by a local factory function',
      'function makeClient() {\n  return new PrismaClient().$extends({});\n}\nconst g = globalThis as unknown as { db?: ReturnType<typeof makeClient> };\nexport const db = g.db ?? makeClient();\n',
      'db',
    ],
    ['a local arrow factory', 'const make = () => new PrismaClient();\nexport const prisma = make();\n', 'prisma'],
    ['a wrapper handed the construction', 'declare function withLogging<T>(c: T): T;\nexport const prisma = withLogging(new PrismaClient());\n', 'prisma'],
    [
      'a caching helper handed a block that keeps the client in a local and returns it (the Epic Stack)',
      "declare function remember<T>(n: string, f: () => T): T;\nexport const prisma = remember('prisma', () => {\n  const client = new PrismaClient();\n  void client.$connect();\n  return client;\n});\n",
      'prisma',
    ],
    [
      'a caching helper handed a module-level function by name',
      "declare function remember<T>(n: string, f: () => T): T;\nfunction getClient() {\n  const client = new PrismaClient();\n  return client;\n}\nexport const prisma = remember('prisma', getClient);\n",
      'prisma',
    ],
  ])('finds the exported client in %s', (_name, body, expected) => {
    expect(exportName(body)).toBe(expected);
  });
});

describe('findExistingSingletons', () => {
  const modules = clientModules({ clientOutputs: [], schemaFound: true, pathAliases: [] });
  const CACHED = `${IMPORT}const g = globalThis as unknown as { db?: PrismaClient };\nexport const db = g.db ?? new PrismaClient();\n`;
  const found = (text: string) => findExistingSingletons([{ path: 'src/db.ts', text }], modules).map((s) => s.exportName);

  // Round 5 (a Blitz app): enhancePrisma's class hands back one instance kept on globalThis; the tool said the
  // module kept its client in a module variable.
  it("counts Blitz's enhancePrisma class as caching its client on globalThis, and no look-alike", () => {
    const blitz = (from: string) =>
      `${IMPORT}import { enhancePrisma } from '${from}';\n\nconst EnhancedPrisma = enhancePrisma(PrismaClient);\n\nexport default new EnhancedPrisma();\n`;
    const cached = (text: string) => findExistingSingletons([{ path: 'src/db.ts', text }], modules).map((s) => s.cached);
    expect(cached(blitz('blitz'))).toEqual([true]);
    expect(cached(blitz('@blitzjs/next'))).toEqual([true]);
    expect(cached(blitz('./enhance'))).toEqual([false]);
  });

  // Round 6 (a Next.js app in a pnpm monorepo): the write-back to globalThis sits in the module's own factory; under
  // a name that does not start with `global` the module was no singleton at all, and a second one was planned.
  it('takes a module whose factory writes its client back to globalThis, whatever the alias is called', () => {
    const writeBack = (alias: string) =>
      `${IMPORT}const ${alias} = globalThis as unknown as { prisma?: PrismaClient };\n\nfunction makeClient() {\n  const client = new PrismaClient();\n  if (process.env.NODE_ENV !== 'production') {\n    ${alias}.prisma = client;\n  }\n  return client;\n}\n\nexport const prisma = ${alias}.prisma ?? makeClient();\n`;
    const seen = (text: string) => findExistingSingletons([{ path: 'src/db.ts', text }], modules).map((s) => `${s.exportName} ${s.cached}`);
    expect(seen(writeBack('globalForPrisma'))).toEqual(['prisma true']);
    expect(seen(writeBack('cache'))).toEqual(['prisma true']);
  });

  // Round 6 (Remix, Nuxt and Epic Stack apps): three common singletons kept on globalThis through a call got the
  // note that they keep their client in a module variable.
  it('counts a client kept on globalThis through a factory call or a name-keyed memo helper as cached', () => {
    const cached = (text: string) => findExistingSingletons([{ path: 'src/db.ts', text }], modules).map((s) => `${s.exportName} ${s.cached}`);
    const docs = `${IMPORT}const prismaClientSingleton = () => new PrismaClient();\n\ndeclare const globalThis: { prismaGlobal: ReturnType<typeof prismaClientSingleton> } & typeof global;\n\nconst prisma = globalThis.prismaGlobal ?? prismaClientSingleton();\n\nexport default prisma;\n\nif (process.env.NODE_ENV !== 'production') globalThis.prismaGlobal = prisma;\n`;
    expect(cached(docs)).toEqual(['default true']);
    const remember = `${IMPORT}import { remember } from '@epic-web/remember';\n\nexport const prisma = remember('prisma', () => {\n  const client = new PrismaClient();\n  void client.$connect();\n  return client;\n});\n`;
    expect(cached(remember)).toEqual(['prisma true']);
    const helper = `${IMPORT}import { singleton } from './singleton.server';\n\nexport const prisma = singleton('prisma', () => new PrismaClient());\n`;
    expect(cached(helper)).toEqual(['prisma true']);
    // A factory whose call nothing keeps on the global object: a module variable, and the note is right.
    expect(cached(`${IMPORT}const make = () => new PrismaClient();\n\nexport const prisma = make();\n`)).toEqual(['prisma false']);
  });

  // Round 6 (a React Router app on Neon): the shared module exports an HTTP client and a WebSocket one; with the second
  // marked intentional, the other was still reported as a client no shared module keeps.
  it('takes a module whose other exported clients are marked intentional, and names the one it shares', () => {
    const two = (mark: string) =>
      `${IMPORT}\nexport const httpDb = new PrismaClient({ datasourceUrl: process.env.HTTP_URL });\n${mark}export const wsDb = new PrismaClient({ datasourceUrl: process.env.WS_URL });\n`;
    expect(found(two(''))).toEqual([]);
    expect(found(two('// prisma-singleton-codemod-ignore\n'))).toEqual(['httpDb']);
    expect(
      found(`${IMPORT}\n// prisma-singleton-codemod-ignore\nexport const httpDb = new PrismaClient();\nexport const wsDb = new PrismaClient();\n`),
    ).toEqual(['wsDb']);
  });

  // Round 7 (a Next.js 15 app): `export default db` beside `export const db` made the module two values, no singleton;
  // --check failed on it and apply created a second singleton that it then re-exported.
  it('counts one client exported by name and as the default as one value', () => {
    expect(found(`${CACHED}export default db;\n`)).toEqual(['db']);
    expect(found(`${IMPORT}const db = new PrismaClient();\nexport { db };\nexport { db as default };\n`)).toEqual(['db']);
    expect(found(`${CACHED}const other = { ready: true };\nexport default other;\n`)).toEqual([]);
  });

  it('takes a module that also exports helpers that only connect or disconnect its client', () => {
    expect(found(`${CACHED}export async function closeDb() {\n  await db.$disconnect();\n}\nexport const open = () => db.$connect();\n`)).toEqual(['db']);
    // Whatever the helper is called: the text filter counts calls, not names.
    expect(found(`${CACHED}export async function teardown() {\n  await db.$disconnect();\n}\n`)).toEqual(['db']);
  });

  it("takes a module that also passes the client package's own exports on by name", () => {
    expect(found(`${CACHED}export { PrismaClient, Prisma, Role } from '@prisma/client';\n`)).toEqual(['db']);
    expect(found(`${CACHED}export { helper } from './helper';\n`)).toEqual([]);
  });

  it('counts default and CommonJS exports as exports: a resource module with a schema and its own client is no singleton', () => {
    expect(found(`${IMPORT}export const PostInput = { title: 'string' };\nexport default new PrismaClient();\n`)).toEqual([]);
    expect(found(`${IMPORT}export default new PrismaClient();\n`)).toEqual(['default']);
    const commonJs = "const { PrismaClient } = require('@prisma/client');\nconst prisma = new PrismaClient();\n";
    expect(found(`${commonJs}async function disconnect() {\n  await prisma.$disconnect();\n}\nmodule.exports = { prisma, disconnect };\n`)).toEqual(['prisma']);
    expect(found(`${commonJs}function list() {\n  return prisma.user.findMany();\n}\nmodule.exports = { prisma, list };\n`)).toEqual([]);
  });

  it('takes a module that also exports an accessor returning its client, or exports the client through a cast', () => {
    expect(found(`${CACHED}export function getDb() {\n  return db;\n}\nexport const current = () => db;\n`)).toEqual(['db']);
    expect(found(`${IMPORT}export default (new PrismaClient() as PrismaClient & { extra?: number });\n`)).toEqual(['default']);
    expect(found(`${IMPORT}export default new PrismaClient() satisfies PrismaClient;\n`)).toEqual(['default']);
    expect(
      found(`${CACHED}export function listUsers() {\n  return users;\n}\nconst users = 1;\nexport function count() {\n  return db.user.count();\n}\n`),
    ).toEqual([]);
  });

  it('takes a module that keeps functions of its own to build the client', () => {
    expect(found(`${IMPORT}function wrap(c: PrismaClient) {\n  return c;\n}\nexport const db = wrap(new PrismaClient());\n`)).toEqual(['db']);
  });

  it('passes over a module that exports other functions, or declares a class', () => {
    expect(found(`${CACHED}export function listUsers() {\n  return db.user.findMany();\n}\n`)).toEqual([]);
    expect(found(`${CACHED}export async function reset() {\n  await db.user.deleteMany();\n  await db.$disconnect();\n}\n`)).toEqual([]);
    expect(found(`${CACHED}class Cache {}\n`)).toEqual([]);
  });
});

// Round 4 (fumeapp/bio and a Next.js app): a module whose only export is a function that builds the client on first
// use and hands the same one out after was reported, and apply wrapped a second module around it.
describe('a lazy accessor', () => {
  const modules = clientModules({ clientOutputs: [], schemaFound: true, pathAliases: [] });
  const found = (body: string) => findExistingSingletons([{ path: 'src/db.ts', text: IMPORT + body }], modules);
  const GLOBAL = 'const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };\n';

  it.each([
    [
      'a module variable filled under an if',
      'let client: PrismaClient | undefined;\n\nexport function usePrisma() {\n  if (!client) client = new PrismaClient();\n  return client;\n}\n',
      'usePrisma',
      false,
    ],
    [
      'a braced if and an async function',
      'let client: PrismaClient | undefined;\n\nexport async function getDb() {\n  if (client === undefined) {\n    client = new PrismaClient();\n  }\n  return client;\n}\n',
      'getDb',
      false,
    ],
    [
      'the client on globalThis',
      `${GLOBAL}\nexport function getPrismaClient(): PrismaClient {\n  if (!globalForPrisma.prisma) globalForPrisma.prisma = new PrismaClient();\n  return globalForPrisma.prisma;\n}\n`,
      'getPrismaClient',
      true,
    ],
    ['an arrow with ??=', 'let db: PrismaClient | undefined;\n\nexport const getDb = () => (db ??= new PrismaClient());\n', 'getDb', false],
    [
      '?? with an assignment, exported by a list',
      'let db: PrismaClient | undefined;\n\nconst getDb = () => db ?? (db = new PrismaClient());\n\nexport { getDb as usePrisma };\n',
      'usePrisma',
      false,
    ],
    [
      'a CommonJS export of the function',
      'let client: PrismaClient | undefined;\n\nfunction getPrisma() {\n  if (!client) client = new PrismaClient();\n  return client;\n}\n\nmodule.exports = { getPrisma };\n',
      'getPrisma',
      false,
    ],
    [
      'a default export',
      'let client: PrismaClient | undefined;\n\nfunction usePrisma() {\n  client ??= new PrismaClient();\n  return client;\n}\n\nexport default usePrisma;\n',
      'default',
      false,
    ],
    [
      'a client handed out with extensions (they share its pool)',
      'let client: PrismaClient | undefined;\n\nexport function usePrisma() {\n  if (!client) client = new PrismaClient();\n  return client.$extends({}).$extends({});\n}\n',
      'usePrisma',
      false,
    ],
    // Round 5 (a Fastify API on Prisma 7): the accessor fills its holder from a factory of the module's own, which
    // was reported as a stray on every --check, and apply planned a second singleton around the first.
    [
      'a local factory the accessor calls',
      'let client: PrismaClient | null = null;\n\nfunction createClient() {\n  const url = process.env.DATABASE_URL;\n  return new PrismaClient({ datasourceUrl: url });\n}\n\nexport function getPrismaClient() {\n  if (!client) client = createClient();\n  return client;\n}\n',
      'getPrismaClient',
      false,
    ],
    [
      'an arrow factory and ??=',
      'let db: PrismaClient | undefined;\n\nconst build = () => new PrismaClient();\n\nexport const getDb = () => (db ??= build());\n',
      'getDb',
      false,
    ],
  ])('is the existing singleton: %s', (_name, body, exportName, cached) => {
    expect(found(body)).toEqual([{ path: 'src/db.ts', exportName, cached, accessor: true }]);
  });

  // Each of these builds a client on every call (or keeps none between calls): a factory, never a singleton.
  it.each([
    ['a store with no guard', 'let client: PrismaClient | undefined;\n\nexport function getClient() {\n  client = new PrismaClient();\n  return client;\n}\n'],
    [
      'a guard on something else',
      'let client: PrismaClient | undefined;\nlet ready = false;\n\nexport function getClient() {\n  if (!ready) client = new PrismaClient();\n  return client;\n}\n',
    ],
    [
      'a variable of the function itself',
      'export function getClient() {\n  let client: PrismaClient | undefined;\n  if (!client) client = new PrismaClient();\n  return client;\n}\n',
    ],
    [
      'a function that returns something else',
      'let client: PrismaClient | undefined;\n\nexport function connect() {\n  if (!client) client = new PrismaClient();\n  return client.$connect();\n}\n',
    ],
    [
      'a function the module does not export',
      'let client: PrismaClient | undefined;\n\nfunction usePrisma() {\n  if (!client) client = new PrismaClient();\n  return client;\n}\nexport const ready = true;\n',
    ],
    [
      'a factory the module also exports',
      'let client: PrismaClient | undefined;\n\nexport function build() {\n  return new PrismaClient();\n}\n\nexport function getClient() {\n  if (!client) client = build();\n  return client;\n}\n',
    ],
    [
      'a factory also called where nothing keeps its client',
      'let client: PrismaClient | undefined;\n\nfunction build() {\n  return new PrismaClient();\n}\n\nexport function getClient() {\n  if (!client) client = build();\n  return client;\n}\n\nexport const fresh = () => build();\n',
    ],
    [
      'a factory passed on by name',
      'let client: PrismaClient | undefined;\n\nfunction build() {\n  return new PrismaClient();\n}\n\nexport function getClient() {\n  if (!client) client = build();\n  return client;\n}\n\nexport const factories = [build];\n',
    ],
  ])('is not one: %s', (_name, body) => {
    expect(found(body)).toEqual([]);
    // Asked of the module directly, as the judge asks of the chosen singleton path (no lexical shortcut first).
    const { sourceFile } = parseSource('src/db.ts', IMPORT + body);
    expect(singletonExport(analyzeFile(sourceFile, { modules, classes: new Map() })).exportName).toBeUndefined();
  });
});
