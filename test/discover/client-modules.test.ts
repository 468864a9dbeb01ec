import { describe, expect, it } from 'vitest';
import { clientModules, type ClientModuleRef } from '../../src/discover/client-modules.js';

const withSchema = clientModules({
  clientOutputs: ['src/generated/prisma', 'node_modules/@prisma-db-mongo/client', '../../generated/client'],
  schemaFound: true,
  pathAliases: [['@/*', 'src/*']],
});
const noSchema = clientModules({ clientOutputs: [], schemaFound: false, pathAliases: [] });

const client = (clientModule: string, edge = false): ClientModuleRef => ({ clientModule, edge });

/** [name, classifier, specifier, importing file, expected]. */
const rows: ReadonlyArray<readonly [string, typeof withSchema, string, string, ClientModuleRef | undefined]> = [
  ['names @prisma/client', withSchema, '@prisma/client', 'src/a.ts', client('@prisma/client')],
  ['names its index subpath with an extension', withSchema, '@prisma/client/index.js', 'src/a.ts', client('@prisma/client')],
  ['names its default entry', withSchema, '@prisma/client/default', 'src/a.ts', client('@prisma/client')],
  ['marks its edge entry', withSchema, '@prisma/client/edge', 'src/a.ts', client('@prisma/client', true)],
  ['marks its wasm entry as edge', withSchema, '@prisma/client/wasm.js', 'src/a.ts', client('@prisma/client', true)],
  ['names the default output .prisma/client as the same client', withSchema, '.prisma/client', 'src/a.ts', client('@prisma/client')],
  ['ignores the runtime subpath', withSchema, '@prisma/client/runtime/library', 'src/a.ts', undefined],
  ['names a generator output by a relative path', withSchema, '../generated/prisma', 'src/routes/a.ts', client('src/generated/prisma')],
  ['names its client entry', withSchema, './generated/prisma/client.js', 'src/a.ts', client('src/generated/prisma')],
  ['names it with a trailing slash and index', withSchema, './generated/prisma/index.ts', 'src/a.ts', client('src/generated/prisma')],
  ['names it through a tsconfig alias', withSchema, '@/generated/prisma', 'app/page.ts', client('src/generated/prisma')],
  [
    'names a generator output inside node_modules by its package name',
    withSchema,
    '@prisma-db-mongo/client',
    'src/a.ts',
    client('node_modules/@prisma-db-mongo/client'),
  ],
  [
    'names an output outside the root (a monorepo schema)',
    withSchema,
    '../../../../generated/client/index.js',
    'src/lib/db.ts',
    client('../../generated/client'),
  ],
  ['ignores another module of the output folder', withSchema, './generated/prisma/models.js', 'src/a.ts', undefined],
  ['ignores a generated-looking path that is not an output when a schema exists', withSchema, '../generated/other', 'src/a.ts', undefined],
  ['names node_modules/@prisma/client by a relative path', withSchema, '../node_modules/@prisma/client', 'src/a.ts', client('@prisma/client')],
  ['names node_modules/@prisma/client written bare (baseUrl, an auto-import)', withSchema, 'node_modules/@prisma/client', 'src/a.ts', client('@prisma/client')],
  ['names it written bare without a schema, as the same client', noSchema, 'node_modules/@prisma/client/index.js', 'src/a.ts', client('@prisma/client')],
  [
    'names an output by its folder and entry through an alias no tsconfig declares',
    withSchema,
    '@generated/prisma/client',
    'src/a.ts',
    client('src/generated/prisma'),
  ],
  ['ignores a one-word specifier that is an output folder name', withSchema, 'prisma', 'src/a.ts', undefined],
  ['names generated/prisma by its shape without a schema', noSchema, '../../generated/prisma', 'src/lib/db.ts', client('generated/prisma')],
  [
    'names Prisma 7 generated/prisma/client as that folder without a schema',
    noSchema,
    '../generated/prisma/client.js',
    'src/db.ts',
    client('generated/prisma'),
  ],
  ['names a .../client folder without a schema', noSchema, '@repo/db/client', 'src/db.ts', client('@repo/db/client')],
  ['names its edge entry without a schema', noSchema, '../generated/prisma/edge', 'src/db.ts', client('generated/prisma', true)],
  ['ignores other packages without a schema', noSchema, 'express', 'src/db.ts', undefined],
];

describe('clientModules().classify', () => {
  it.each(rows)('%s', (_name, modules, specifier, from, expected) => expect(modules.classify(specifier, from)).toEqual(expected));
});

describe('clientModules().needles', () => {
  it('holds text that every specifier classify accepts contains: /client, packages, output names, aliases that name an output', () => {
    const aliased = clientModules({
      clientOutputs: ['src/generated/prisma'],
      schemaFound: true,
      pathAliases: [
        ['#db', 'src/generated/prisma/index.ts'],
        ['@client/*', 'src/generated/prisma/*'],
        ['@/*', 'src/*'],
      ],
      clientPackages: ['@repo/db'],
    });
    expect(aliased.needles).toEqual(['/client', '@repo/db', 'prisma', '#db', '@client/']);
    const accepted = ['@prisma/client/edge', '.prisma/client', '@repo/db', '../generated/prisma', '#db', '@client/index', '@/generated/prisma/client.js'];
    for (const specifier of accepted) {
      expect(aliased.classify(specifier, 'src/a/b.ts'), specifier).toBeDefined();
      expect(
        aliased.needles.some((needle) => specifier.includes(needle)),
        specifier,
      ).toBe(true);
    }
    expect(noSchema.needles).toEqual(['/client', 'generated/prisma', 'client']);
  });
});

describe('clientModules().unresolved', () => {
  const modules = clientModules({
    clientOutputs: ['src/generated/prisma'],
    schemaFound: true,
    pathAliases: [['@/*', 'src/*']],
    dependencies: new Set(['express', '@acme/ui']),
  });
  it.each([
    ['an alias only a framework config declares', '$db', true],
    ['a package package.json does not list', '@repo/db', true],
    ['a declared package or its subpath', '@acme/ui/button', false],
    ['a Node built-in, with or without node:', 'fs/promises', false],
    ['node: built-ins', 'node:path', false],
    ['a tsconfig alias', '@/lib/db', false],
    ['a relative path', '../db', false],
    ['a client module', '@prisma/client', false],
  ])('is %s: %s -> %s', (_name, specifier, expected) => expect(modules.unresolved(specifier, 'src/a.ts')).toBe(expected));
});
