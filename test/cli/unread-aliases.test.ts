import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KIT_PACKAGE, remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

/** A project of `files`; the check's findings as `path:line:column action reason`. */
async function findings(files: Record<string, string>): Promise<{ status: number | null; sites: string[]; singleton: string | undefined; pools: string }> {
  const dir = tempDir('psc-unread-');
  temps.push(dir);
  writeFiles(dir, files);
  const result = await runCli(['.', '--check', '--reporter', 'json'], dir);
  const report: { findings: Array<{ path: string; line: number; column: number; action: string; reason: string | null }>; singleton: { path: string } | null } =
    JSON.parse(result.stdout);
  const sites = report.findings.map((f) => `${f.path}:${f.line}:${f.column} ${f.action}${f.reason ? ` ${f.reason}` : ''}`);
  // How many pools apply would leave: one per client the sites construct.
  const dryRun = await runCli(['.', '--dry-run'], dir);
  const pools = /connection pools?\) -> .*/.exec(dryRun.stderr)?.[0] ?? dryRun.stderr;
  return { status: result.status, sites, singleton: report.singleton?.path, pools };
}

const SINGLETON = (from: string) => `import { PrismaClient } from '${from}';\n\nexport const db = new PrismaClient();\n`;
const STRAY = (from: string) =>
  `import { PrismaClient } from '${from}';\n\nexport async function load() {\n  const client = new PrismaClient();\n  return client.visit.count();\n}\n`;
const schema = (output: string) => `generator client {\n  provider = "prisma-client"\n  output   = "${output}"\n}\n`;

// Each tree imports its generated client through an alias the tool cannot read: --check said clean (exit 0) on all.
describe('a generated client imported through an alias no tsconfig declares', () => {
  it("is found through package.json's subpath imports (#prisma/*), and the module that builds it is the singleton", async () => {
    const seen = await findings({
      'package.json': JSON.stringify({
        name: 'rr',
        type: 'module',
        imports: { '#prisma/*': './app/generated/prisma/*' },
        dependencies: { '@prisma/client': '^6.0.0' },
      }),
      'tsconfig.json': '{ "compilerOptions": { "module": "ESNext", "moduleResolution": "Bundler", "strict": true } }\n',
      'prisma/schema.prisma': schema('../app/generated/prisma'),
      'app/lib/db.server.ts': SINGLETON('#prisma/client'),
      'app/routes/home.tsx': "import { db } from '../lib/db.server';\n\nexport const loader = () => db.visit.count();\n",
      'app/routes/report.tsx': STRAY('#prisma/client'),
    });
    expect(seen).toEqual({ status: 1, sites: ['app/routes/report.tsx:4:18 rewrite'], singleton: 'app/lib/db.server.ts', pools: 'connection pools) -> 1' });
  });

  it('is found by the output folder it ends in, through an alias only nuxt.config declares', async () => {
    const seen = await findings({
      'package.json': JSON.stringify({ name: 'nx', type: 'module', dependencies: { nuxt: '^4.0.0', '@prisma/client': '^7.0.0' } }),
      'nuxt.config.ts': "export default defineNuxtConfig({ alias: { '@generated': './generated' } })\n",
      'tsconfig.json': '{ "extends": "./.nuxt/tsconfig.json" }\n',
      'prisma/schema.prisma': schema('../generated/prisma'),
      'server/utils/db.ts': SINGLETON('@generated/prisma/client'),
      'server/api/visits.get.ts': "import { db } from '../utils/db';\n\nexport default () => db.visit.count();\n",
      'server/api/report.get.ts': STRAY('@generated/prisma/client'),
    });
    expect(seen).toEqual({ status: 1, sites: ['server/api/report.get.ts:4:18 rewrite'], singleton: 'server/utils/db.ts', pools: 'connection pools) -> 1' });
  });

  it("is found through svelte.config's kit.alias, which SvelteKit copies into the tsconfig it generates", async () => {
    const seen = await findings({
      'package.json': KIT_PACKAGE,
      'svelte.config.js': "export default { kit: { alias: { $db: 'prisma/generated', '$ui/*': './src/ui/*' } } };\n",
      'tsconfig.json': '{ "extends": "./.svelte-kit/tsconfig.json" }\n',
      'prisma/schema.prisma': schema('./generated'),
      'src/routes/report/+page.server.ts': STRAY('$db'),
    });
    expect(seen.status).toBe(1);
    expect(seen.sites).toEqual(['src/routes/report/+page.server.ts:4:18 rewrite']);
  });

  it('is reported for review when nothing tells which client it is (an alias only vite.config declares)', async () => {
    const seen = await findings({
      'package.json': KIT_PACKAGE,
      'vite.config.ts': "export default { resolve: { alias: { $db: '/prisma/generated' } } };\n",
      'tsconfig.json': '{ "extends": "./.svelte-kit/tsconfig.json" }\n',
      'prisma/schema.prisma': schema('./generated'),
      'src/routes/report/+page.server.ts': STRAY('$db'),
    });
    expect(seen.status).toBe(1);
    expect(seen.sites).toEqual(['src/routes/report/+page.server.ts:4:18 review unresolved-client-module']);
  });
});

describe('the client package written as a path into node_modules', () => {
  it('is @prisma/client, bare (under baseUrl, as an editor auto-imports it) or relative, with a schema or without', async () => {
    for (const withSchema of [true, false]) {
      const seen = await findings({
        'package.json': JSON.stringify({ name: 'api', dependencies: { '@prisma/client': '^5.0.0', express: '^4.0.0' } }),
        'tsconfig.json': '{ "compilerOptions": { "module": "commonjs", "baseUrl": "./", "strict": true } }\n',
        ...(withSchema ? { 'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n}\n' } : {}),
        'src/routes/users.ts': STRAY('node_modules/@prisma/client'),
        'src/routes/posts.ts': STRAY('../../node_modules/@prisma/client'),
        'src/routes/tags.ts': STRAY('@prisma/client'),
      });
      expect(seen.sites, `schema: ${withSchema}`).toEqual([
        'src/routes/posts.ts:4:18 rewrite',
        'src/routes/tags.ts:4:18 rewrite',
        'src/routes/users.ts:4:18 rewrite',
      ]);
      // One client, so one singleton (without a schema, the path was taken for a second client).
      expect(seen.pools).toBe('connection pools) -> 1');
    }
  });
});

// A db package from a registry (or linked from outside the tree) is never read: node_modules is not scanned.
describe('PrismaClient from a package the project declares but the tool does not read', () => {
  const manifest = JSON.stringify({ name: 'api', type: 'module', dependencies: { '@acme/db': '^1.2.0', zod: '^3.0.0' } });

  it('is reported for review, never passed over, and nothing is rewritten', async () => {
    const seen = await findings({
      'package.json': manifest,
      'src/users.ts': STRAY('@acme/db'),
      'src/posts.ts': "import * as Db from '@acme/db';\n\nexport const posts = new Db.PrismaClient();\n",
    });
    expect(seen.status).toBe(1);
    expect(seen.sites.sort()).toEqual(['src/posts.ts:3:22 review package-client', 'src/users.ts:4:18 review package-client']);
    expect(seen.singleton).toBeUndefined();
  });

  it('is followed through a barrel that names it, but a barrel passing a package on whole is no client', async () => {
    const seen = await findings({
      'package.json': manifest,
      'src/db/index.ts': "export { PrismaClient } from '@acme/db';\nexport * from 'zod';\n",
      'src/db/schemas.ts': "import * as z from 'zod';\nexport { z };\nexport * from 'zod';\n",
      'src/report.ts': "import { PrismaClient } from './db/index.js';\n\nexport const report = new PrismaClient();\n",
      'src/schema.ts': "import { z } from './db/schemas.js';\n\nexport const Visit = new z.ZodObject({});\nexport const PrismaClientName = 'PrismaClient';\n",
    });
    expect(seen.sites).toEqual(['src/report.ts:3:23 review package-client']);
  });

  it('is followed through a CommonJS barrel that passes it on', async () => {
    const seen = await findings({
      'package.json': JSON.stringify({ name: 'api', dependencies: { '@acme/db': '^1.2.0' } }),
      'lib/db.js': "const { PrismaClient } = require('@acme/db');\n\nmodule.exports = { PrismaClient };\n",
      'routes/report.js': "const { PrismaClient } = require('../lib/db');\n\nmodule.exports = () => new PrismaClient().report.count();\n",
    });
    expect(seen.sites).toEqual(['routes/report.js:3:24 review package-client']);
  });
});

// Seen on a Fastify back end checked out without its schema: `--check` said clean while two routes built clients, and
// the generated folder's own package.json made the summary speak of a workspace.
describe('a committed generated client when no schema is found', () => {
  it('is a client module, found by the package.json Prisma writes into it; its folder is no package and is not scanned', async () => {
    const generated = 'src/db/prisma-client-js';
    const files = {
      'package.json': JSON.stringify({ name: 'budget', type: 'module', dependencies: { '@prisma/client': '4.16.2', fastify: '^4.0.0' } }),
      [`${generated}/package.json`]: JSON.stringify({ name: '.prisma/client', main: 'index.js', types: 'index.d.ts' }),
      [`${generated}/schema.prisma`]: 'generator client {\n  provider = "prisma-client-js"\n  output   = "./generated/prisma-client-js"\n}\n',
      [`${generated}/index.js`]: "const { getPrismaClient } = require('./runtime/library.js');\nexports.PrismaClient = getPrismaClient({});\n",
      'src/routes/entries.js': STRAY('../db/prisma-client-js/index.js'),
      'src/routes/totals.js': STRAY('../db/prisma-client-js/index.js'),
    };
    const seen = await findings(files);
    expect(seen.status).toBe(1);
    expect(seen.sites.sort()).toEqual(['src/routes/entries.js:4:18 rewrite', 'src/routes/totals.js:4:18 rewrite']);
    const dir = tempDir('psc-unread-');
    temps.push(dir);
    writeFiles(dir, files);
    const check = await runCli(['.', '--check'], dir);
    expect(check.stderr + check.stdout).toContain('2 PrismaClient instantiations outside the singleton in 2 files:');
    expect(check.stderr + check.stdout).not.toMatch(/package|workspace/);
    expect(check.stderr).toContain(`not scanned: ${generated}/ (the generated client)`);
    const apply = await runCli(['.'], dir);
    expect(apply.status, apply.stderr).toBe(0);
    expect(readFileSync(join(dir, 'src/lib/prisma.js'), 'utf8')).toContain("import { PrismaClient } from '../db/prisma-client-js/index.js';");
  });

  // Prisma 7's prisma-client generator writes no package.json: its client.ts (Prisma's banner first) marks the folder.
  // Scanned, the folder's own `./enums.ts` imports outvoted the project's `.js` ones, and every new import ended in
  // `.ts`, which the project's NodeNext tsconfig rejects.
  const BANNER = '/* !!! This is code generated by Prisma. Do not edit directly. !!! */\n// @ts-nocheck\n';
  const prismaClientOutput = (dir: string): Record<string, string> => ({
    [`${dir}/client.ts`]: `${BANNER}import * as $Class from './internal/class.ts';\nexport * as $Enums from './enums.ts';\nexport const PrismaClient = $Class.getPrismaClientClass();\n`,
    [`${dir}/browser.ts`]: `${BANNER}export * as $Enums from './enums.ts';\nexport type * from './models.ts';\n`,
    [`${dir}/models.ts`]: `${BANNER}export type * from './models/Visit.ts';\n`,
    [`${dir}/enums.ts`]: `${BANNER}export const Kind = { A: 'A' } as const;\n`,
  });
  const project = {
    'package.json': JSON.stringify({ name: 'visits', type: 'module', dependencies: { '@prisma/client': '^6.19.0' } }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
    'src/routes/visits.ts': STRAY('../orm/client.js'),
    'src/routes/totals.ts': STRAY('../orm/client.js'),
  };

  it('is found by the client.ts the prisma-client generator writes: not scanned, and its imports lend the project no habit', async () => {
    const dir = tempDir('psc-unread-');
    temps.push(dir);
    writeFiles(dir, { ...project, ...prismaClientOutput('src/orm') });
    const check = await runCli(['.', '--check'], dir);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('not scanned: src/orm/ (the generated client)');
    const apply = await runCli(['.'], dir);
    expect(apply.status, apply.stderr).toBe(0);
    expect(readFileSync(join(dir, 'src/lib/prisma.ts'), 'utf8')).toContain("import { PrismaClient } from '../orm/client.js';");
    expect(readFileSync(join(dir, 'src/routes/visits.ts'), 'utf8')).toContain("from '../lib/prisma.js';");
  });

  it("is never a project's own client.ts without Prisma's banner: that module is scanned, and its construction is a site", async () => {
    const seen = await findings({
      ...project,
      'src/orm/client.ts': "import { PrismaClient } from '@prisma/client';\n\nexport const db = new PrismaClient();\n",
      'src/routes/visits.ts': "import { db } from '../orm/client.js';\n\nexport const load = () => db.visit.count();\n",
      'src/routes/totals.ts': STRAY('@prisma/client'),
    });
    expect(seen.status).toBe(1);
    expect(seen.singleton).toBe('src/orm/client.ts');
    expect(seen.sites).toEqual(['src/routes/totals.ts:4:18 rewrite']);
    expect(seen.pools).toBe('connection pools) -> 1');
  });
});
