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
