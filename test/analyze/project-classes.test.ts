import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analyze/analyze-file.js';
import { parseSource } from '../../src/analyze/parse.js';
import { clientModules } from '../../src/discover/client-modules.js';

const modules = clientModules({ clientOutputs: [], schemaFound: true, pathAliases: [], dependencies: new Set(['@acme/db', 'zod', '@prisma/client']) });

/** The client classes a file exports, as `name: reason`. */
function exportsOf(text: string): Record<string, string> {
  const { sourceFile } = parseSource('src/db/index.ts', text);
  const analysis = analyzeFile(sourceFile, { modules, classes: new Map() });
  return Object.fromEntries([...analysis.exports].map(([name, exported]) => [name, exported.reason]));
}

describe('client classes a module passes on from a package the tool does not read', () => {
  it('counts PrismaClient named from it, for review', () => {
    expect(exportsOf("export { PrismaClient } from '@acme/db';\n")).toEqual({ PrismaClient: 'package-client' });
    expect(exportsOf("import { PrismaClient as Db } from '@acme/db';\nexport { Db };\n")).toEqual({ Db: 'package-client' });
  });

  it('does not take the package passed on whole for a client module', () => {
    const whole = [
      "export * from 'zod';\n",
      "export * as z from 'zod';\n",
      "import * as z from 'zod';\nexport { z };\n",
      "import z from 'zod';\nexport default z;\n",
      "module.exports = require('zod');\n",
      "module.exports = { ...require('zod') };\n",
    ];
    expect(whole.map(exportsOf)).toEqual(whole.map(() => ({})));
  });

  it('still takes Prisma’s own package passed on whole for one', () => {
    expect(exportsOf("export * from '@prisma/client';\n")).toEqual({ PrismaClient: 'project-reexport' });
  });
});
