import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

/** A client package shaped like @prisma/client 3.13's entry: CommonJS whose named exports Node's ES modules cannot see. */
const PRISMA3 = {
  'node_modules/@prisma/client/package.json': JSON.stringify({ name: '@prisma/client', version: '3.13.0', main: 'index.js' }),
  'node_modules/@prisma/client/index.js': "const generated = require('./generated.js');\n\nmodule.exports = generated;\n",
  'node_modules/@prisma/client/generated.js':
    'class PrismaClient {\n  constructor() {\n    PrismaClient.made = (PrismaClient.made ?? 0) + 1;\n    this.user = { count: async () => PrismaClient.made };\n  }\n  async $disconnect() {}\n}\nmodule.exports = { PrismaClient };\n',
};

// Round 4 (xlanex6/nuxt3-prisma-demo, Chooks22/sveltekit-chat-app): the project read PrismaClient off the default
// export on purpose; the created singleton's `import { PrismaClient }` threw "Named export 'PrismaClient' not found".
describe('an ES module project on Prisma 3 that reads PrismaClient off the default export', () => {
  it('gets a singleton that reads it the same way, and the rewritten routes load and share one client', async () => {
    const root = tempDir('psc-prisma3-');
    temps.push(root);
    writeFiles(root, {
      ...PRISMA3,
      'package.json': JSON.stringify({ name: 'chat', type: 'module', dependencies: { '@prisma/client': '3.13.0' } }),
      'src/routes/users.js':
        "import pkg from '@prisma/client';\n\nconst { PrismaClient } = pkg;\nconst prisma = new PrismaClient();\n\nexport const countUsers = () => prisma.user.count();\n",
      'src/routes/stats.js':
        "import Prisma from '@prisma/client';\n\nconst db = new Prisma.PrismaClient();\n\nexport const countStats = () => db.user.count();\n",
      // SvelteKit's habit: either export, whichever the bundler gives.
      'src/routes/list.js':
        "import Prisma, * as PrismaScope from '@prisma/client';\n\nconst PrismaClient = Prisma?.PrismaClient || PrismaScope?.PrismaClient;\nconst prisma = new PrismaClient();\n\nexport const countList = () => prisma.user.count();\n",
    });
    const load =
      "Promise.all(['users', 'stats', 'list'].map((r) => import(`./src/routes/${r}.js`))).then(async ([u, s, l]) => console.log(await u.countUsers(), await s.countStats(), await l.countList()))";
    expect(execFileSync(process.execPath, ['-e', load], { cwd: root, encoding: 'utf8' }).trim()).toBe('3 3 3');
    const apply = await runCli(['.'], root);
    expect(apply.status, apply.stderr).toBe(0);
    expect(readFileSync(join(root, 'src/lib/prisma.js'), 'utf8')).toMatch(
      /^import prismaClientPackage from '@prisma\/client';\n\nconst \{ PrismaClient \} = prismaClientPackage;\n/,
    );
    expect(execFileSync(process.execPath, ['-e', load], { cwd: root, encoding: 'utf8' }).trim()).toBe('1 1 1');
    // Both imports the class was read from go with it.
    expect(readFileSync(join(root, 'src/routes/list.js'), 'utf8')).toBe(
      "import { prisma } from '../lib/prisma.js';\n\nexport const countList = () => prisma.user.count();\n",
    );
  });
});
