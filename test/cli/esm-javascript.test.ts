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
