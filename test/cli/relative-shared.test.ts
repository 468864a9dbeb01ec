import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const ROUTE = (from: string) => `import { prisma } from '${from}';\n\nexport const GET = async () => Response.json(await prisma.item.findMany());\n`;
const STRAY =
  "import { PrismaClient } from '@prisma/client';\n\nexport async function GET() {\n  const db = new PrismaClient();\n  return Response.json(await db.item.count());\n}\n";

// Round 4 (a turborepo with two Next apps): an app that imports the db package's client by a relative path, with no
// dependency on the package, got a singleton of its own for a stray client: two clients in one process.
describe("a workspace package's client that an app reaches by a relative path", () => {
  it('is the singleton the stray client is rewritten onto, by the same relative path, at the app and at the root', async () => {
    for (const target of ['apps/web', '.']) {
      const dir = tempDir('psc-relative-shared-');
      temps.push(dir);
      writeFiles(dir, {
        'package.json': JSON.stringify({ name: 'repo', private: true, workspaces: ['apps/*', 'packages/*'] }),
        'packages/database/package.json': JSON.stringify({ name: 'database', main: 'src/index.ts', dependencies: { '@prisma/client': '^6.0.0' } }),
        'packages/database/prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n}\n',
        'packages/database/src/index.ts': "import { PrismaClient } from '@prisma/client';\n\nexport const prisma = new PrismaClient();\n",
        'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0', '@prisma/client': '^6.0.0' } }),
        'apps/web/tsconfig.json': '{ "compilerOptions": { "strict": true } }\n',
        'apps/web/app/api/items/route.ts': ROUTE('../../../../../packages/database/src/index'),
        'apps/web/app/api/orders/route.ts': ROUTE('../../../../../packages/database/src'),
        'apps/web/app/api/stray/route.ts': STRAY,
      });
      const apply = await runCli([target], dir);
      expect(apply.status, apply.stderr).toBe(0);
      expect(apply.stderr).toContain('singleton reused: ');
      expect(readFileSync(join(dir, 'apps/web/app/api/stray/route.ts'), 'utf8')).toBe(
        "import { prisma as db } from '../../../../../packages/database/src/index';\n\nexport async function GET() {\n  return Response.json(await db.item.count());\n}\n",
      );
      expect(() => readFileSync(join(dir, 'apps/web/lib/prisma.ts'))).toThrow();
    }
  });
});
