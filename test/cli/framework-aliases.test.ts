import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KIT_PACKAGE, KIT_TSCONFIG, remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const SCHEMA = 'generator client {\n  provider = "prisma-client-js"\n}\n';
const CACHED =
  "import { PrismaClient } from '@prisma/client';\n\nconst g = globalThis as unknown as { prisma?: PrismaClient };\nexport const prisma = g.prisma ?? new PrismaClient();\nif (process.env.NODE_ENV !== 'production') g.prisma = prisma;\n";
const STRAY = "import { PrismaClient } from '@prisma/client';\n\nconst db = new PrismaClient();\n\nexport const load = () => db.user.count();\n";

// A fresh checkout has no .svelte-kit/tsconfig.json, where SvelteKit defines $lib: the singleton every route imports
// through $lib was not seen as imported, --check failed the migrated app, and apply made a second singleton.
describe('a SvelteKit app checked out without its generated tsconfig', () => {
  it('reuses the singleton the routes import through $lib, and imports it the same way', async () => {
    const dir = tempDir('psc-kit-');
    temps.push(dir);
    writeFiles(dir, {
      'package.json': KIT_PACKAGE,
      'tsconfig.json': KIT_TSCONFIG,
      'prisma/schema.prisma': SCHEMA,
      'src/lib/server/db.ts': CACHED,
      'src/routes/users/+page.server.ts': "import { prisma } from '$lib/server/db';\n\nexport const load = () => prisma.user.findMany();\n",
      'src/routes/stats/+page.server.ts': STRAY,
    });
    const check = await runCli(['.', '--check'], dir);
    expect(check.stdout.trim().split('\n')).toEqual(['src/routes/stats/+page.server.ts:3:12 new PrismaClient() outside the singleton']);
    const apply = await runCli(['.'], dir);
    expect(apply.status, apply.stderr).toBe(0);
    expect(apply.stderr).toContain('singleton reused: src/lib/server/db.ts');
    expect(readFileSync(join(dir, 'src/routes/stats/+page.server.ts'), 'utf8')).toBe(
      "import { prisma as db } from '$lib/server/db';\n\nexport const load = () => db.user.count();\n",
    );
  });
});

// An alias only svelte.config declares (kit.alias) hid the singleton's importers: it was rewritten into a re-export of
// a second singleton. kit.alias is read now; an alias no config the tool reads declares (vite.config) leaves the
// singleton with no importer it can follow, and the one module that keeps its client on globalThis is reused anyway.
describe('a singleton imported through an alias only a framework or bundler config declares', () => {
  const kit = (config: Record<string, string>) => ({
    'package.json': KIT_PACKAGE,
    'tsconfig.json': KIT_TSCONFIG,
    'prisma/schema.prisma': SCHEMA,
    'src/lib/server/db.ts': CACHED,
    'src/routes/users/+page.server.ts': "import { prisma } from '$db';\n\nexport const load = () => prisma.user.findMany();\n",
    'src/routes/stats/+page.server.ts': STRAY,
    ...config,
  });

  it.each([
    ['svelte.config kit.alias', { 'svelte.config.js': "export default { kit: { alias: { $db: 'src/lib/server/db' } } };\n" }, "'$db'", 'imported by 1 file(s)'],
    [
      'vite.config resolve.alias',
      { 'vite.config.ts': "export default { resolve: { alias: { $db: '/src/lib/server/db' } } };\n" },
      "'../../lib/server/db'",
      'it keeps its client on globalThis',
    ],
  ])('reuses it (%s)', async (_name, config, specifier, why) => {
    const dir = tempDir('psc-kit-alias-');
    temps.push(dir);
    writeFiles(dir, kit(config));
    const apply = await runCli(['.'], dir);
    expect(apply.status, apply.stderr).toBe(0);
    expect(apply.stderr).toContain('singleton reused: src/lib/server/db.ts');
    expect(apply.stderr).toContain(why);
    expect(readFileSync(join(dir, 'src/lib/server/db.ts'), 'utf8')).toBe(CACHED);
    expect(readFileSync(join(dir, 'src/routes/stats/+page.server.ts'), 'utf8')).toBe(
      `import { prisma as db } from ${specifier};\n\nexport const load = () => db.user.count();\n`,
    );
  });
});

// Nuxt's ~ points at srcDir when nuxt.config sets one: read from the config, the stray server route imports the
// server/utils singleton the way its neighbours do.
describe('a Nuxt app whose nuxt.config sets srcDir', () => {
  it('imports the server/utils singleton through ~ as the server routes do', async () => {
    const dir = tempDir('psc-nuxt-src-');
    temps.push(dir);
    writeFiles(dir, {
      'package.json': JSON.stringify({ name: 'shop', type: 'module', dependencies: { nuxt: '^3.13.0', '@prisma/client': '^6.0.0' } }),
      'nuxt.config.ts': "export default defineNuxtConfig({\n  srcDir: 'src/',\n})\n",
      'tsconfig.json': '{ "extends": "./.nuxt/tsconfig.json" }\n',
      'prisma/schema.prisma': SCHEMA,
      'src/server/utils/db.ts': CACHED,
      'src/server/api/users.ts': "import { prisma } from '~/server/utils/db';\n\nexport default defineEventHandler(() => prisma.user.findMany());\n",
      'src/server/api/stats.ts': STRAY,
    });
    const apply = await runCli(['.'], dir);
    expect(apply.status, apply.stderr).toBe(0);
    expect(apply.stderr).toContain('singleton reused: src/server/utils/db.ts');
    // users.ts imports it and names it: one importer, counted once; stats.ts's '@prisma/client' names no `prisma`.
    expect(apply.stderr).toContain('it already exports a client, imported by 1 file(s)');
    expect(readFileSync(join(dir, 'src/server/api/stats.ts'), 'utf8')).toBe(
      "import { prisma as db } from '~/server/utils/db';\n\nexport const load = () => db.user.count();\n",
    );
  });
});

// Round 4: a React Router 7 app without src/ got its singleton at the root (lib/prisma.ts), outside app/, where the
// `~/*` alias cannot reach it; Prisma's guide keeps it in app/lib/.
describe('a Remix or React Router app', () => {
  it('gets its singleton in app/lib, imported through ~/ as the app imports its modules', async () => {
    const dir = tempDir('psc-rr7-');
    temps.push(dir);
    writeFiles(dir, {
      'package.json': JSON.stringify({
        name: 'rr',
        type: 'module',
        dependencies: { 'react-router': '^7.0.0', '@prisma/client': '^6.0.0' },
        devDependencies: { '@react-router/dev': '^7.0.0' },
      }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true, paths: { '~/*': ['./app/*'] } } }),
      'prisma/schema.prisma': SCHEMA,
      'app/root.tsx':
        "import { Outlet } from 'react-router';\nimport { title } from '~/title';\n\nexport default function App() {\n  return Outlet({ context: title });\n}\n",
      'app/title.ts': "export const title = 'notes';\n",
      'app/routes/stats.tsx':
        "import { PrismaClient } from '@prisma/client';\nimport { title } from '~/title';\n\nexport async function loader() {\n  const db = new PrismaClient();\n  return { title, notes: await db.note.count() };\n}\n",
    });
    const apply = await runCli(['.'], dir);
    expect(apply.status, apply.stderr).toBe(0);
    expect(apply.stderr).toContain('singleton created: app/lib/prisma.ts');
    expect(readFileSync(join(dir, 'app/routes/stats.tsx'), 'utf8')).toContain("import { prisma as db } from '~/lib/prisma';");
  });
});

// Round 4: a reused singleton with no globalThis cache was taken without a word; in a framework's dev server each hot
// reload of it builds another client.
describe('a reused singleton in a framework whose dev server reloads modules', () => {
  it.each([
    [
      'says so when it keeps its client in a module variable only',
      "import { PrismaClient } from '@prisma/client';\n\nexport const prisma = new PrismaClient();\n",
      true,
    ],
    ['says nothing when it keeps it on globalThis', CACHED, false],
  ])('%s', async (_name, singleton, noted) => {
    const dir = tempDir('psc-uncached-');
    temps.push(dir);
    writeFiles(dir, {
      'package.json': JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0', '@prisma/client': '^6.0.0' } }),
      'prisma/schema.prisma': SCHEMA,
      'lib/prisma.ts': singleton,
      'app/api/users/route.ts': "import { prisma } from '../../../lib/prisma';\n\nexport const GET = async () => Response.json(await prisma.user.count());\n",
    });
    const check = await runCli(['.', '--check'], dir);
    expect(check.status).toBe(0);
    expect(check.stderr.includes('lib/prisma.ts keeps its client in a module variable')).toBe(noted);
  });
});
