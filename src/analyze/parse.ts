import { ts } from '#typescript';
import { isJavaScriptPath, isJsxPath } from '../core/paths.js';

/** Where a file first fails to parse, 1-based. */
export interface ParseError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** The outcome of parsing one file: a syntax tree with parent links, and its first syntax error if any. */
export interface Parsed {
  readonly sourceFile: ts.SourceFile;
  readonly error: ParseError | undefined;
}

/**
 * Parses one file with the TypeScript parser that ts-morph bundles. Syntax only: no program, no lib files,
 * no module resolution, so the cost is one parse per candidate file. Doc comments stay comments (nothing here reads
 * JSDoc nodes, and they are not syntax errors): a few percent of every parse.
 */
export function parseSource(path: string, text: string): Parsed {
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  const sourceFile = ts.createSourceFile(path, text, options, true, scriptKindOf(path));
  const [first] = syntaxDiagnostics(sourceFile);
  if (!first) return { sourceFile, error: undefined };
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start ?? 0);
  const message = ts.flattenDiagnosticMessageText(first.messageText, ' ');
  return { sourceFile, error: { line: line + 1, column: character + 1, message } };
}

function scriptKindOf(path: string): ts.ScriptKind {
  if (isJavaScriptPath(path)) return isJsxPath(path) ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
  return isJsxPath(path) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}

function syntaxDiagnostics(sourceFile: ts.SourceFile): readonly ts.Diagnostic[] {
  // The parser flags the node after each syntax error (a public NodeFlags bit). Most files have none, and for them a
  // walk over the tree is much cheaper than a Program built only to ask for the diagnostics; a file with a flagged
  // node asks the Program for the first error's message and position.
  if (!hasErrorNode(sourceFile)) return [];
  const program = ts.createProgram({
    rootNames: [sourceFile.fileName],
    options: { noLib: true, noResolve: true, allowJs: true, types: [] },
    host: singleFileHost(sourceFile),
  });
  return program.getSyntacticDiagnostics(sourceFile);
}

function hasErrorNode(root: ts.Node): boolean {
  // Iterative: a deeply nested file must not overflow the stack here.
  const stack: ts.Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.flags & ts.NodeFlags.ThisNodeHasError) return true;
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return false;
}

function singleFileHost(sourceFile: ts.SourceFile): ts.CompilerHost {
  return {
    getSourceFile: (name) => (name === sourceFile.fileName ? sourceFile : undefined),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => name === sourceFile.fileName,
    readFile: () => undefined,
  };
}
