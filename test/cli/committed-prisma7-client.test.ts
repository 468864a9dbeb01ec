import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remove, runCli, tempDir, writeFiles } from '../support/helpers.js';
import { generatedPrisma7Client, installPrisma7Client } from '../support/prisma7-client.js';
import { typecheckProject } from '../support/typecheck.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));
beforeAll(() => {
  generatedPrisma7Client();
}, 60_000);

const route = (name: string): string =>
  [
    "import { PrismaPg } from '@prisma/adapter-pg';",
    "import { PrismaClient } from '../generated/prisma/client.js';",
    '',
    `const ${name} = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });`,
    '',
    `export const count = () => ${name}.user.count();`,
    '',
  ].join('\n');

// An app whose schema lives in another repository commits what the real Prisma 7 `prisma generate` wrote (the
// `prisma-client` generator: client.ts under Prisma's banner, its files importing each other as `./enums.ts`).
// Scanned as the project's own code, those imports outvoted the app's `.js` ones and the rewrite wrote `.ts`
// imports that this NodeNext tsconfig rejects.
describe('the real Prisma 7 client committed to an app without its schema', () => {
  it('is found by its client.ts, is not scanned, and the rewritten app type-checks against it', async () => {
    const root = tempDir('psc-committed7-');
    temps.push(root);
    writeFiles(root, {
      'package.json': JSON.stringify({ name: 'app', type: 'module', dependencies: { '@prisma/client': '7.10.0', '@prisma/adapter-pg': '7.10.0' } }),
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        include: ['src'],
      }),
      'src/routes/users.ts': route('prisma'),
      'src/routes/orders.ts': route('db'),
      'src/server.ts': "import { count } from './routes/users.js';\n\nexport const report = async () => ({ users: await count() });\n",
    });
    installPrisma7Client(root, 'src/generated/prisma');
    expect(typecheckProject(root)).toEqual([]);

    const check = await runCli(['.', '--check'], root);
    expect(check.status).toBe(1);
    expect(check.stdout.split('\n').filter(Boolean)).toEqual([
      'src/routes/orders.ts:4:12 new PrismaClient() outside the singleton',
      'src/routes/users.ts:4:16 new PrismaClient() outside the singleton',
    ]);
    expect(check.stderr).toContain('not scanned: src/generated/prisma/ (the generated client)');

    const apply = await runCli(['.'], root);
    expect(apply.status, apply.stderr).toBe(0);
    expect(readFileSync(join(root, 'src/lib/prisma.ts'), 'utf8')).toContain("import { PrismaClient } from '../generated/prisma/client.js';");
    expect(readFileSync(join(root, 'src/routes/users.ts'), 'utf8')).toContain("import { prisma } from '../lib/prisma.js';");
    expect(typecheckProject(root)).toEqual([]);
    expect((await runCli(['.', '--check'], root)).status).toBe(0);
  });
});
