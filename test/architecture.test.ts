import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/helpers.js';

/**
 * The layers of src/, lowest first. A module may import from its own layer and the layers before it, never from
 * a later one: the folder listing reads as the pipeline and every import points one way. ARCHITECTURE.md says
 * the same in words.
 */
const LAYERS: readonly string[] = ['core', 'discover', 'analyze', 'rewrite', 'plan', 'write', 'report', 'git', 'run', 'cli', 'index.ts'];
const MAX_FILE_LINES = 250;
const MAX_FUNCTION_LINES = 60;

const SRC = join(REPO, 'src');

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [relative(SRC, path).split(sep).join('/')] : [];
  });
}

function layerOf(path: string): number {
  const top = path.split('/')[0] ?? path;
  return LAYERS.indexOf(top);
}

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(join(SRC, path), 'utf8'), ts.ScriptTarget.Latest, true);
}

function relativeImports(file: ts.SourceFile): string[] {
  return file.statements.flatMap((statement) =>
    (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
    statement.moduleSpecifier &&
    ts.isStringLiteral(statement.moduleSpecifier) &&
    statement.moduleSpecifier.text.startsWith('.')
      ? [statement.moduleSpecifier.text]
      : [],
  );
}

function longFunctions(file: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = file.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = file.getLineAndCharacterOfPosition(node.end).line;
      if (end - start + 1 > MAX_FUNCTION_LINES) out.push(`${file.fileName}:${start + 1} ${end - start + 1} lines`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

describe('the layout of src/', () => {
  const files = sourceFiles();

  it('puts every module in a known layer', () => {
    expect(files.filter((path) => layerOf(path) < 0)).toEqual([]);
  });

  it('imports only from the same or an earlier layer', () => {
    const wrong = files.flatMap((path) =>
      relativeImports(parse(path))
        .map((specifier) => posix.normalize(posix.join(posix.dirname(path), specifier)).replace(/\.js$/, '.ts'))
        .filter((target) => layerOf(target) > layerOf(path))
        .map((target) => `${path} -> ${target}`),
    );
    expect(wrong).toEqual([]);
  });

  it(`keeps every file under ${MAX_FILE_LINES} lines and every function under ${MAX_FUNCTION_LINES}`, () => {
    const long = files.filter((path) => readFileSync(join(SRC, path), 'utf8').split('\n').length > MAX_FILE_LINES);
    expect(long).toEqual([]);
    expect(files.flatMap((path) => longFunctions(parse(path)))).toEqual([]);
  });

  it('is described, folder by folder, in ARCHITECTURE.md', () => {
    const doc = readFileSync(join(REPO, 'ARCHITECTURE.md'), 'utf8');
    const missing = files.filter((path) => !doc.includes(`\`${path}\``));
    expect(missing).toEqual([]);
  });
});
