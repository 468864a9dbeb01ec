import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const SERVER =
  "import express from 'express';\nimport { PrismaClient } from '@prisma/client';\n\nconst prisma = new PrismaClient();\nexpress().get('/', async () => prisma.user.count());\n";

// Round 3: a one-file back end written as an ES module got `from './lib/prisma'` (nothing to count, no "type":
// "module"), which Node refuses: ERR_MODULE_NOT_FOUND at start.
describe('an ES module that Node loads without a compiler or a bundler', () => {
  it.each([
    ['an .mjs file', 'server.mjs'],
    ['a .js file written with import, in a package without "type"', 'index.js'],
  ])('imports the singleton by its full file name: %s', async (_name, file) => {
    const dir = tempDir('psc-esm-js-');
    temps.push(dir);
    writeFiles(dir, { 'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.0.0', '@prisma/client': '^5.0.0' } }), [file]: SERVER });
    const result = await runCli(['.'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(dir, file), 'utf8')).toContain("import { prisma } from './lib/prisma.js';");
  });

  it('keeps the habit of a CommonJS file', async () => {
    const dir = tempDir('psc-cjs-js-');
    temps.push(dir);
    writeFiles(dir, {
      'package.json': JSON.stringify({ name: 'api', dependencies: { '@prisma/client': '^5.0.0' } }),
      'index.js': "const { PrismaClient } = require('@prisma/client');\n\nconst prisma = new PrismaClient();\nmodule.exports = () => prisma.user.count();\n",
    });
    expect((await runCli(['.'], dir)).status).toBe(0);
    expect(readFileSync(join(dir, 'index.js'), 'utf8')).toContain("require('./lib/prisma')");
  });
});

// Round 4: Prisma 7's `prisma init` writes prisma.config.ts into JavaScript projects too; the Prisma CLI loads it, the
// application never does. It made a CommonJS app "TypeScript": every site was left for review, nothing migrated.
describe("a JavaScript project with tools' TypeScript config files", () => {
  it('is still a JavaScript project: its singleton is lib/prisma.js and its routes require it', async () => {
    const dir = tempDir('psc-js-config-');
    temps.push(dir);
    writeFiles(dir, {
      'package.json': JSON.stringify({ name: 'shop', type: 'commonjs', dependencies: { '@prisma/client': '^6.0.0', express: '^5.0.0' } }),
      'prisma.config.ts': "import { defineConfig } from 'prisma/config';\n\nexport default defineConfig({ schema: 'prisma/schema.prisma' });\n",
      'vitest.config.mts': 'export default {};\n',
      'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n}\n',
      'server.js': "const express = require('express');\nconst items = require('./routes/items');\n\nexpress().get('/items', items).listen(3000);\n",
      'routes/items.js':
        "const { PrismaClient } = require('@prisma/client');\n\nconst prisma = new PrismaClient();\nmodule.exports = async (req, res) => res.json(await prisma.item.findMany());\n",
    });
    const result = await runCli(['.'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('singleton created: lib/prisma.js');
    expect(readFileSync(join(dir, 'routes/items.js'), 'utf8')).toBe(
      "const { prisma } = require('../lib/prisma');\n\nmodule.exports = async (req, res) => res.json(await prisma.item.findMany());\n",
    );
  });
});

// Round 4: a CommonJS singleton that is the module itself (module.exports = prisma, or = new PrismaClient()) was not
// reused: --check failed a correct project and apply added a second singleton beside it.
describe('a CommonJS singleton exported as the module itself', () => {
  it.each([
    ['module.exports = new PrismaClient()', "const { PrismaClient } = require('@prisma/client');\n\nmodule.exports = new PrismaClient();\n"],
    [
      'module.exports = prisma',
      "const { PrismaClient } = require('@prisma/client');\n\nconst prisma = global.prisma || new PrismaClient();\nif (process.env.NODE_ENV !== 'production') global.prisma = prisma;\n\nmodule.exports = prisma;\n",
    ],
    ['exports.prisma = new PrismaClient()', "const { PrismaClient } = require('@prisma/client');\n\nexports.prisma = new PrismaClient();\n"],
  ])('is reused, and required the way it exports (%s)', async (name, singleton) => {
    const dir = tempDir('psc-cjs-whole-');
    temps.push(dir);
    const whole = !name.startsWith('exports.');
    writeFiles(dir, {
      'package.json': JSON.stringify({ name: 'api', dependencies: { '@prisma/client': '^6.0.0' } }),
      'lib/db.js': singleton,
      'routes/users.js': `const ${whole ? 'db' : '{ prisma: db }'} = require('../lib/db');\nmodule.exports = () => db.user.count();\n`,
      'routes/posts.js': "const { PrismaClient } = require('@prisma/client');\nconst posts = new PrismaClient();\nmodule.exports = () => posts.post.count();\n",
      'routes/tags.mjs': "import { PrismaClient } from '@prisma/client';\nconst tags = new PrismaClient();\nexport default () => tags.tag.count();\n",
    });
    const apply = await runCli(['.'], dir);
    expect(apply.status, apply.stderr).toBe(0);
    expect(apply.stderr).toContain('singleton reused: lib/db.js');
    expect(readFileSync(join(dir, 'lib/db.js'), 'utf8')).toBe(singleton);
    const required = whole ? "const posts = require('../lib/db');" : "const { prisma: posts } = require('../lib/db');";
    expect(readFileSync(join(dir, 'routes/posts.js'), 'utf8')).toBe(`${required}\nmodule.exports = () => posts.post.count();\n`);
    const imported = whole ? "import tags from '../lib/db.js';" : "import { prisma as tags } from '../lib/db.js';";
    expect(readFileSync(join(dir, 'routes/tags.mjs'), 'utf8')).toBe(`${imported}\nexport default () => tags.tag.count();\n`);
    expect((await runCli(['.', '--check'], dir)).status).toBe(0);
  });
});
