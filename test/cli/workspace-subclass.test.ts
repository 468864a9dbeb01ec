import { afterAll, describe, expect, it } from 'vitest';
import { readTree, remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

/**
 * A workspace whose db package exports a subclass of PrismaClient from its entry (re-exported, as packages do), and an
 * app that constructs it through the package's name. The app's file names no PrismaClient at all: before, `--check`
 * on the app said clean.
 */
function workspace(): string {
  const dir = tempDir('psc-ws-subclass-');
  temps.push(dir);
  writeFiles(dir, {
    'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*', 'packages/*'] }),
    'packages/db/package.json': JSON.stringify({ name: '@repo/db', main: './src/index.ts', dependencies: { '@prisma/client': '^6.5.0' } }),
    'packages/db/src/index.ts': "export { Db } from './db';\n",
    'packages/db/src/db.ts':
      "import { PrismaClient } from '@prisma/client';\n\nexport class Db extends PrismaClient {\n  ping() {\n    return this.$queryRaw`SELECT 1`;\n  }\n}\n",
    'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { '@repo/db': '*', '@prisma/client': '^6.5.0' } }),
    'apps/api/src/users.ts': "import { Db } from '@repo/db';\n\nconst db = new Db();\nexport const users = () => db.user.findMany();\n",
    'apps/api/src/report.ts': "import type { Db } from '@repo/db';\n\nexport const count = (db: Db) => db.user.count();\n",
    'apps/api/src/errors.ts': "import { DbError } from '@repo/errors';\n\nexport const fail = () => new DbError('x');\n",
    // A package that exports its subclass only through a subpath of `exports`, and one whose subpath exports none.
    'packages/audit/package.json': JSON.stringify({
      name: '@repo/audit',
      exports: { '.': './src/index.ts', './client': { types: './dist/client.d.ts', default: './dist/client.js' }, './util': './src/util.ts' },
      dependencies: { '@prisma/client': '^6.5.0' },
    }),
    'packages/audit/src/index.ts': 'export const version = 1;\n',
    'packages/audit/src/client.ts': "import { PrismaClient } from '@prisma/client';\n\nexport class AuditDb extends PrismaClient {}\n",
    'packages/audit/src/util.ts': 'export class Clock {}\n',
    'apps/api/src/audit.ts':
      "import { AuditDb } from '@repo/audit/client';\nimport { Clock } from '@repo/audit/util';\n\nexport const audit = new AuditDb();\nexport const clock = new Clock();\n",
  });
  return dir;
}

const SUBCLASS = 'a subclass of PrismaClient constructs a client';

/** Where `--check` on `target` reports a subclass, in order. */
async function subclassSites(dir: string, target: string): Promise<{ status: number | null; sites: string[] }> {
  const result = await runCli([target, '--check'], dir);
  return {
    status: result.status,
    sites: result.stdout
      .split('\n')
      .filter((line) => line.includes(SUBCLASS))
      .map((line) => line.split(' ')[0] ?? ''),
  };
}

describe('a client subclass from a workspace package', () => {
  it('is reported where the app constructs it, from the entry or an exports subpath, checking the app alone or the whole workspace', async () => {
    const dir = workspace();
    expect(await subclassSites(dir, 'apps/api')).toEqual({ status: 1, sites: ['apps/api/src/audit.ts:4:22', 'apps/api/src/users.ts:3:12'] });
    expect(await subclassSites(dir, '.')).toEqual({
      status: 1,
      sites: ['apps/api/src/audit.ts:4:22', 'apps/api/src/users.ts:3:12', 'packages/audit/src/client.ts:3:30', 'packages/db/src/db.ts:3:25'],
    });
  });

  it('is left for a person by apply, which changes no file', async () => {
    const dir = workspace();
    const before = readTree(dir);
    const apply = await runCli(['apps/api'], dir);
    expect(apply.status).toBe(1);
    expect(apply.stdout + apply.stderr).toContain('apps/api/src/users.ts:3:12');
    expect(readTree(dir)).toEqual(before);
  });
});
