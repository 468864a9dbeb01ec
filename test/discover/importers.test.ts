import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importersOf } from '../../src/discover/import-graph.js';
import { createModuleResolver } from '../../src/discover/module-resolver.js';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function tree(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'importers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('importersOf', () => {
  it("finds every import of a folder's index module, however the folder is named", () => {
    const files = {
      'src/db/index.ts': 'export const db = 1;\n',
      'src/users.ts': "import { db } from './db';\n",
      'src/orders.ts': 'import { db } from "@/db";\n',
      'src/db/health.ts': "import { db } from '.';\n",
      'src/db/jobs/sweep.ts': "import { db } from '..';\n",
      'src/db/jobs/trim.ts': "import { db } from '../';\n",
      'src/legacy.ts': "const { db } = require('./db/index.js');\n",
      'src/other.ts': "import { x } from './dbx';\nimport { y } from './db-helpers';\n",
    };
    const at = tree(files);
    const resolver = createModuleResolver({ pathAliases: [['@/*', 'src/*']], baseUrl: undefined }, Object.keys(files));
    const found = importersOf(at, Object.keys(files), ['src/db/index.ts'], resolver).get('src/db/index.ts');
    expect([...(found ?? [])].sort()).toEqual([
      'src/db/health.ts',
      'src/db/jobs/sweep.ts',
      'src/db/jobs/trim.ts',
      'src/legacy.ts',
      'src/orders.ts',
      'src/users.ts',
    ]);
  });

  it('finds the imports of a module by its file name', () => {
    const files = {
      'src/lib/prisma.ts': 'export const prisma = 1;\n',
      'src/a.ts': "import { prisma } from './lib/prisma.js';\n",
      'src/b.ts': "import x from './lib/other';\n",
    };
    const at = tree(files);
    const resolver = createModuleResolver({ pathAliases: [], baseUrl: undefined }, Object.keys(files));
    expect(importersOf(at, Object.keys(files), ['src/lib/prisma.ts'], resolver).get('src/lib/prisma.ts')).toEqual(['src/a.ts']);
  });
});
