import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts as tsMorphTs } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { ts } from '#typescript';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('#typescript', () => {
  it('is the compiler API that ts-morph exports, member for member, not another copy of TypeScript', () => {
    // ts-morph exports an interop namespace over the same module: every member is the same object, plus `default`.
    const members = Object.keys(tsMorphTs).filter((key) => key !== 'default');
    expect(members.length).toBeGreaterThan(1000);
    expect(members.filter((key) => (ts as unknown as Record<string, unknown>)[key] !== (tsMorphTs as unknown as Record<string, unknown>)[key])).toEqual([]);
    expect(ts.version).toBe(tsMorphTs.version);
  });

  it('loads from the built package without loading ts-morph itself', () => {
    // The point of the module: the CLI's start does not pay for ts-morph. Asked of a fresh Node process, since this
    // test process has ts-morph loaded already: it parses a `new` with `#typescript` and lists the CommonJS modules
    // Node loaded.
    const script = [
      "const { ts } = await import('#typescript');",
      "const [statement] = ts.createSourceFile('a.ts', 'new PrismaClient();', ts.ScriptTarget.Latest).statements;",
      'const parsed = statement && ts.isExpressionStatement(statement) && ts.isNewExpression(statement.expression);',
      "const loaded = Object.keys((await import('node:module')).createRequire(import.meta.url).cache);",
      "console.log(JSON.stringify({ parsed, typescript: loaded.some((p) => p.endsWith('typescript.js')), tsMorph: loaded.filter((p) => /[\\\\/]ts-morph[\\\\/]dist[\\\\/]|ts-morph-common\\.js$/.test(p)) }));",
    ].join('\n');
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ parsed: true, typescript: true, tsMorph: [] });
  });
});
