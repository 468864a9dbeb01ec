import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const tree = (dependsOnStore: boolean): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'mono', private: true }),
  'pnpm-workspace.yaml': 'packages:\n  - "apps/*"\n  - "packages/*"\n',
  'packages/store/package.json': JSON.stringify({ name: '@mono/store', dependencies: { '@prisma/client': '5.22.0' }, exports: { '.': './src/index.ts' } }),
  'packages/store/src/index.ts': "export * from '../prisma/generated';\n",
  'packages/store/prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n  output   = "./generated"\n}\n',
  'packages/store/prisma/generated/package.json': JSON.stringify({ name: 'prisma-client-0123456789abcdef', main: 'index.js' }),
  'packages/store/prisma/generated/index.js': 'exports.PrismaClient = class PrismaClient {};\n',
  'apps/shop/package.json': JSON.stringify({ name: 'shop', type: 'module', dependencies: dependsOnStore ? { '@mono/store': 'workspace:*' } : {} }),
  'apps/shop/tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true }, include: ['src'] }),
  'apps/shop/src/orders.ts': "import { PrismaClient } from '../../../packages/store/prisma/generated';\n\nexport const db = new PrismaClient();\n",
});

// Round 5 (a pnpm + Turborepo repository): an app built its client from the db package's generated folder by a
// relative path four levels up, and the singleton the tool created copied that path out of the app's folder. With
// the folder named `generated` (no client's shape), the site was even left for review as a project's re-export.
describe("a client built from another workspace package's generated folder", () => {
  it('is imported by the singleton through the package, when the app depends on it and its entry passes the client on', async () => {
    const root = tempDir('psc-client-package-');
    temps.push(root);
    writeFiles(root, tree(true));
    const apply = await runCli(['.'], root);
    expect(apply.status, apply.stderr).toBe(0);
    expect(readFileSync(join(root, 'apps/shop/src/lib/prisma.ts'), 'utf8')).toContain("import { PrismaClient } from '@mono/store';");
  });

  it('keeps the relative path when the app does not depend on the package (its name may not resolve there)', async () => {
    const root = tempDir('psc-client-package-');
    temps.push(root);
    writeFiles(root, tree(false));
    const apply = await runCli(['.'], root);
    expect(apply.status, apply.stderr).toBe(0);
    expect(readFileSync(join(root, 'apps/shop/src/lib/prisma.ts'), 'utf8')).toContain(
      "import { PrismaClient } from '../../../../packages/store/prisma/generated';",
    );
  });
});
