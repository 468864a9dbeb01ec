import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

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
      'package.json': JSON.stringify({
        name: 'kit',
        type: 'module',
        devDependencies: { '@sveltejs/kit': '^2.0.0' },
        dependencies: { '@prisma/client': '^6.0.0' },
      }),
      'tsconfig.json': '{ "extends": "./.svelte-kit/tsconfig.json", "compilerOptions": { "strict": true } }\n',
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
