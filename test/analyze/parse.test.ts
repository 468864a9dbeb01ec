import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/analyze/parse.js';

/** The parser's own answer, through a Program: the reference the fast path must agree with. */
function programErrors(path: string, text: string): readonly ts.Diagnostic[] {
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const host = ts.createCompilerHost({});
  host.getSourceFile = (name) => (name === path ? sourceFile : undefined);
  const program = ts.createProgram({ rootNames: [path], options: { noLib: true, noResolve: true, allowJs: true, types: [] }, host });
  return program.getSyntacticDiagnostics(sourceFile);
}

const BROKEN = [
  'const a = ;',
  'function(',
  'import { from "x"',
  'let x = "abc',
  'a +',
  '}}}',
  'let 1a = 2',
  'x => => y',
  'new PrismaClient(',
  '/* unterminated',
  '`abc ${',
  'export default {',
  "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient({\n",
];

const VALID = [
  "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
  'class A { #x = 1; static { this.y = 2; } }\n',
  'const re = /[/]/g; const d = a / b / c;\n',
  'label: for (;;) { break label; }\n',
];

describe('parseSource', () => {
  it.each(BROKEN)('reports the first syntax error with its position when %j does not parse', (text) => {
    const [first] = programErrors('a.ts', text);
    const { error } = parseSource('a.ts', text);
    expect(first).toBeDefined();
    const sourceFile = ts.createSourceFile('a.ts', text, ts.ScriptTarget.Latest);
    const at = sourceFile.getLineAndCharacterOfPosition(first?.start ?? 0);
    expect(error).toEqual({ line: at.line + 1, column: at.character + 1, message: ts.flattenDiagnosticMessageText(first?.messageText ?? '', ' ') });
  });

  it.each(VALID)('reports no error when %j parses', (text) => {
    expect(programErrors('a.ts', text)).toEqual([]);
    expect(parseSource('a.ts', text).error).toBeUndefined();
  });

  it('parses JSX in .tsx and .js files, and not in .ts files, where `<div>` is a type assertion', () => {
    const component = 'export const A = () => <div>{1}</div>;\n';
    expect(parseSource('a.tsx', component).error).toBeUndefined();
    expect(parseSource('a.jsx', component).error).toBeUndefined();
    expect(parseSource('a.js', component).error).toBeUndefined();
    expect(parseSource('a.ts', component).error).toBeDefined();
  });
});
