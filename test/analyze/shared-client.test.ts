import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryClient } from '../../src/analyze/shared-client.js';
import { clientModules } from '../../src/discover/client-modules.js';

/** A package's modules by path; the loader resolves relative specifiers with or without an extension. */
function entryOf(files: Record<string, string>, entry = 'src/index.ts') {
  const load = (from: string, specifier: string) => {
    const target = posix.normalize(posix.join(posix.dirname(from), specifier)).replace(/\.js$/, '');
    const path = [`${target}.ts`, `${target}/index.ts`, target].find((candidate) => candidate in files);
    return path === undefined ? undefined : { path, text: files[path] ?? '' };
  };
  const modules = clientModules({ clientOutputs: ['src/generated/prisma'], schemaFound: true, pathAliases: [] });
  return entryClient({ path: entry, text: files[entry] ?? '' }, load, modules);
}

const SINGLETON = [
  "import { PrismaClient } from '@prisma/client';",
  'const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };',
  'export const prisma = globalForPrisma.prisma ?? new PrismaClient();',
  'if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;',
  '',
].join('\n');

describe('entryClient', () => {
  it('finds the client when the entry is the singleton itself', () => {
    expect(entryOf({ 'src/index.ts': SINGLETON })).toEqual({
      singleton: { path: 'src/index.ts', exportName: 'prisma', moduleExportName: 'prisma', clientModule: '@prisma/client', key: '' },
      reexportsClient: false,
    });
  });

  it('follows a named re-export, under the name the entry gives it, and sees PrismaClient passed on after it', () => {
    const found = entryOf({ 'src/index.ts': "export { prisma as db } from './client.js';\nexport * from '@prisma/client';\n", 'src/client.ts': SINGLETON });
    expect(found).toEqual({
      singleton: { path: 'src/client.ts', exportName: 'db', moduleExportName: 'prisma', clientModule: '@prisma/client', key: '' },
      reexportsClient: true,
    });
  });

  it('follows `export *` chains, and a generated client re-exported through them counts as PrismaClient', () => {
    const found = entryOf({
      'src/index.ts': "export * from './db';\n",
      'src/db/index.ts': "export * from './client';\nexport * from '../generated/prisma/client';\n",
      'src/db/client.ts': SINGLETON.replace("'@prisma/client'", "'../generated/prisma/client'"),
    });
    expect(found.singleton).toMatchObject({ path: 'src/db/client.ts', exportName: 'prisma', clientModule: 'src/generated/prisma' });
    expect(found.reexportsClient).toBe(true);
  });

  it.each([
    ['a CommonJS shim that is the client module', 'index.js', "module.exports = require('@prisma/client');\n"],
    ['a CommonJS shim that spreads it', 'index.js', "const P = require('@prisma/client');\nmodule.exports = { ...P, retries: 3 };\n"],
    ['a default export of the whole module', 'index.ts', "import pkg from '@prisma/client';\nexport default pkg;\n"],
    ['a constructor exported under the name', 'index.ts', "import * as P from '@prisma/client';\nexport const PrismaClient = P.PrismaClient;\n"],
  ])('counts PrismaClient passed on by %s', (_name, file, text) => {
    expect(entryOf({ [`src/${file}`]: text }, `src/${file}`)).toEqual({ singleton: undefined, reexportsClient: true });
  });

  it('does not count a module that only uses the client module', () => {
    expect(entryOf({ 'src/index.ts': "import pkg from '@prisma/client';\nexport const roles = pkg.Role;\n" }).reexportsClient).toBe(false);
  });

  it('does not count PrismaClient a named re-export does not pass on', () => {
    const found = entryOf({ 'src/index.ts': "export { prisma } from './client';\n", 'src/client.ts': `${SINGLETON}export * from '@prisma/client';\n` });
    expect(found.reexportsClient).toBe(false);
    expect(found.singleton?.exportName).toBe('prisma');
  });

  it('finds no shared client in a package that exports a factory or only types', () => {
    const factory = "import { PrismaClient } from '@prisma/client';\nexport function createClient() {\n  return new PrismaClient();\n}\n";
    expect(entryOf({ 'src/index.ts': factory })).toEqual({ singleton: undefined, reexportsClient: false });
    expect(entryOf({ 'src/index.ts': "export type { User } from '@prisma/client';\n" })).toEqual({ singleton: undefined, reexportsClient: false });
  });

  it('keeps the connection options of the shared client, so that sites with other options are not merged into it', () => {
    const withUrl = SINGLETON.replace('new PrismaClient()', 'new PrismaClient({ datasourceUrl: process.env.REPLICA_URL })');
    expect(entryOf({ 'src/index.ts': withUrl }).singleton?.key).not.toBe('');
  });
});
