import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/types.js';
import { REPO, remove, STUB_ADAPTER_PG, STUB_CLIENT, tempDir, writeFiles } from '../support/helpers.js';
import { planFiles } from '../support/plan-files.js';
import { generatedPrisma7Client, installPrisma7Client, PRISMA7_SCHEMA } from '../support/prisma7-client.js';
import { typecheckProject } from '../support/typecheck.js';

// Every singleton variant the tool can generate, planned from a small project by the real planner and then
// type-checked with the client typed, with the client as `any` (a fresh clone before `prisma generate`), and with
// the client the real Prisma 7 generator produces, under strict settings and three module systems.

const STRICT = {
  target: 'ES2022',
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noUnusedLocals: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
};

interface ModuleSystem {
  readonly name: string;
  readonly compilerOptions: Record<string, string>;
  /** package.json `type`. */
  readonly packageType: 'module' | 'commonjs';
}

const MODULES: readonly ModuleSystem[] = [
  { name: 'nodenext', compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' }, packageType: 'module' },
  { name: 'commonjs', compilerOptions: { module: 'CommonJS', moduleResolution: 'Node10' }, packageType: 'commonjs' },
  { name: 'preserve', compilerOptions: { module: 'Preserve', moduleResolution: 'Bundler' }, packageType: 'module' },
];

type Client = 'typed' | 'untyped' | 'prisma7';

interface Variant {
  readonly name: string;
  readonly language: 'ts' | 'js';
  /** The site file, by module system: relative imports need `.js` under NodeNext. */
  readonly files: (module: ModuleSystem) => Record<string, string>;
  readonly clients: readonly Client[];
  readonly schema?: string;
  /** The variant's syntax is CommonJS TypeScript: it exists under module commonjs only. */
  readonly commonJsOnly?: boolean;
}

const ADAPTER = 'new PrismaPg({ connectionString: process.env.DATABASE_URL })';
const USE = (name: string): string => `export async function count(): Promise<number> {\n  return ${name}.user.count();\n}\n`;

const VARIANTS: readonly Variant[] = [
  {
    name: 'TypeScript, prisma-client-js',
    language: 'ts',
    clients: ['typed', 'untyped'],
    files: () => ({ 'src/db.ts': `import { PrismaClient } from '@prisma/client';\n\nexport const db = new PrismaClient();\n\n${USE('db')}` }),
  },
  {
    name: 'TypeScript, prisma-client-js with an adapter',
    language: 'ts',
    clients: ['typed', 'untyped'],
    files: () => ({
      'src/db.ts': `import { PrismaClient } from '@prisma/client';\nimport { PrismaPg } from '@prisma/adapter-pg';\n\nexport const db = new PrismaClient({ adapter: ${ADAPTER} });\n\n${USE('db')}`,
    }),
  },
  {
    name: 'TypeScript, Prisma 7 prisma-client with an adapter',
    language: 'ts',
    clients: ['typed', 'prisma7'],
    schema: PRISMA7_SCHEMA,
    files: (module) => ({
      'src/db.ts': `import { PrismaClient } from './generated/prisma/client${module.name === 'nodenext' ? '.js' : ''}';\nimport { PrismaPg } from '@prisma/adapter-pg';\n\nexport const db = new PrismaClient({ adapter: ${ADAPTER} });\n\n${USE('db')}`,
    }),
  },
  {
    // Compiled to CommonJS under verbatimModuleSyntax, a TypeScript file cannot use ESM syntax: import-equals.
    name: 'TypeScript compiled to CommonJS, with an adapter',
    language: 'ts',
    clients: ['typed', 'untyped'],
    commonJsOnly: true,
    files: () => ({
      'src/db.ts': `import prismaClient = require('@prisma/client');\nimport adapterPg = require('@prisma/adapter-pg');\n\nconst db = new prismaClient.PrismaClient({ adapter: new adapterPg.PrismaPg({ connectionString: process.env.DATABASE_URL }) });\n\nexport = { count: (): Promise<number> => db.user.count() };\n`,
    }),
  },
  {
    name: 'TypeScript compiled to CommonJS',
    language: 'ts',
    clients: ['typed', 'untyped'],
    commonJsOnly: true,
    files: () => ({
      'src/db.ts': `import prismaClient = require('@prisma/client');\n\nconst db = new prismaClient.PrismaClient();\n\nexport = { count: (): Promise<number> => db.user.count() };\n`,
    }),
  },
  {
    name: 'JavaScript',
    language: 'js',
    clients: ['typed', 'untyped'],
    files: (module) => ({
      'src/db.js':
        module.packageType === 'commonjs'
          ? `const { PrismaClient } = require('@prisma/client');\n\nconst db = new PrismaClient();\n\nasync function count() {\n  return db.user.count();\n}\n\nmodule.exports = { db, count };\n`
          : `import { PrismaClient } from '@prisma/client';\n\nexport const db = new PrismaClient();\n\nexport async function count() {\n  return db.user.count();\n}\n`,
    }),
  },
  {
    name: 'JavaScript with an adapter',
    language: 'js',
    clients: ['typed', 'untyped'],
    files: (module) => ({
      'src/db.js':
        module.packageType === 'commonjs'
          ? `const { PrismaClient } = require('@prisma/client');\nconst { PrismaPg } = require('@prisma/adapter-pg');\n\nconst db = new PrismaClient({ adapter: ${ADAPTER} });\n\nmodule.exports = { db };\n`
          : `import { PrismaClient } from '@prisma/client';\nimport { PrismaPg } from '@prisma/adapter-pg';\n\nexport const db = new PrismaClient({ adapter: ${ADAPTER} });\n`,
    }),
  },
];

const temps: string[] = [];
afterAll(() => temps.forEach(remove));
beforeAll(() => {
  generatedPrisma7Client();
}, 60_000);

function tsconfig(variant: Variant, module: ModuleSystem): string {
  const javascript = variant.language === 'js' ? { allowJs: true, checkJs: true } : {};
  return JSON.stringify({ compilerOptions: { ...STRICT, ...module.compilerOptions, ...javascript }, include: ['src'] }, null, 2);
}

function packageJson(module: ModuleSystem, client: Client): string {
  const version = client === 'prisma7' ? '7.10.0' : '6.0.0';
  return JSON.stringify({ name: 'app', type: module.packageType, dependencies: { '@prisma/client': version, '@prisma/adapter-pg': version } });
}

function plan(variant: Variant, module: ModuleSystem, client: Client): Plan {
  const config = { packageJson: packageJson(module, client), tsconfigs: [{ path: 'tsconfig.json', text: tsconfig(variant, module) }] };
  return planFiles(variant.files(module), {}, variant.schema ? { ...config, schemas: [{ path: 'prisma/schema.prisma', text: variant.schema }] } : config);
}

function install(root: string, variant: Variant, client: Client): void {
  if (client === 'prisma7') {
    installPrisma7Client(root, 'src/generated/prisma');
    return;
  }
  // The typed stub stands in for a generated client too.
  if (variant.schema) writeFiles(root, { 'src/generated/prisma/client.ts': "export { PrismaClient } from '@prisma/client';\n" });
  mkdirSync(join(root, 'node_modules', '@prisma'), { recursive: true });
  const stub = client === 'typed' ? STUB_CLIENT : join(REPO, 'test', 'stubs', 'prisma-client-untyped');
  cpSync(stub, join(root, 'node_modules', '@prisma', 'client'), { recursive: true });
  cpSync(STUB_ADAPTER_PG, join(root, 'node_modules', '@prisma', 'adapter-pg'), { recursive: true });
  symlinkSync(join(REPO, 'node_modules', '@types'), join(root, 'node_modules', '@types'));
}

/** Diagnostics in the project's own files: Prisma's generated sources are Prisma's to keep clean. */
function ownDiagnostics(root: string): string[] {
  return typecheckProject(root).filter((line) => !line.startsWith('src/generated/'));
}

const CELLS = VARIANTS.flatMap((variant) =>
  MODULES.filter((module) => (variant.commonJsOnly ? module.packageType === 'commonjs' : variant.language === 'js' || module.packageType === 'module')).flatMap(
    (module) => variant.clients.map((client) => ({ variant, module, client, label: `${variant.name}, module ${module.name}, ${client} client` })),
  ),
);

/**
 * npm test type-checks a sample that still has every variant, module system and client in it at least once (each
 * cell is a program of its own, about half a second); npm run test:ci sets PSC_COMPILE_MATRIX=all for every cell.
 */
function sampleCoveringEach(cells: typeof CELLS): typeof CELLS {
  const seen = new Set<string>();
  return cells.filter(({ variant, module, client }) => {
    const facets = [`v:${variant.name}`, `m:${module.name}`, `c:${client}`];
    if (facets.every((facet) => seen.has(facet))) return false;
    for (const facet of facets) seen.add(facet);
    return true;
  });
}

const CHECKED = process.env['PSC_COMPILE_MATRIX'] === 'all' ? CELLS : sampleCoveringEach(CELLS);

describe(`the generated singleton compiles (${CHECKED.length} of ${CELLS.length} cells)`, () => {
  it.each(CHECKED)('type-checks with the rewritten files: $label', ({ variant, module, client }) => {
    const result = plan(variant, module, client);
    const singleton = result.changes.find((change) => change.before === null);
    expect(singleton?.path, JSON.stringify(result.findings)).toMatch(/^src\/lib\/prisma\.[jt]s$/);
    const root = tempDir();
    temps.push(root);
    writeFiles(root, { 'package.json': packageJson(module, client), 'tsconfig.json': tsconfig(variant, module), ...variant.files(module) });
    install(root, variant, client);
    expect(ownDiagnostics(root), 'the project before the rewrite').toEqual([]);
    writeFiles(root, Object.fromEntries(result.changes.map((change) => [change.path, change.after])));
    expect(ownDiagnostics(root)).toEqual([]);
  });
});
