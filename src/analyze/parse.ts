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
 * JSDoc nodes, and they are not syntax errors): a few percent of every parse. Parent links are set by `linkParents`
 * rather than by the parser's own `setParentNodes`, whose generic walk took a quarter of the parse.
 */
export function parseSource(path: string, text: string): Parsed {
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  const sourceFile = ts.createSourceFile(path, text, options, false, scriptKindOf(path));
  const [first] = linkParents(sourceFile) ? syntaxDiagnostics(sourceFile) : [];
  if (!first) return { sourceFile, error: undefined };
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start ?? 0);
  const message = ts.flattenDiagnosticMessageText(first.messageText, ' ');
  return { sourceFile, error: { line: line + 1, column: character + 1, message } };
}

/** The kinds of node the analysis looks at on its one pass over a file (sites.ts `collectSites`). */
const INDEXED = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.NewExpression,
  ts.SyntaxKind.CallExpression,
  ts.SyntaxKind.HeritageClause,
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ExportDeclaration,
]);

/**
 * Where a parsed file keeps its nodes of the INDEXED kinds, in source (pre-)order: a symbol property of the tree
 * itself, so that the list lives and dies with it (a WeakMap from trees to lists of their own nodes cost the
 * collector more than the walk it saves: measured).
 */
const INDEX = Symbol('constructionCandidates');

/**
 * The nodes of `sourceFile` that may be a construction, a load or an import (`new`, calls, `extends` clauses, import
 * and export declarations), in the order a depth-first walk meets them. The walk that links parents gathers them,
 * so the analysis need not walk the whole tree again; a tree `parseSource` did not make gets that walk here.
 */
export function constructionCandidates(sourceFile: ts.SourceFile): readonly ts.Node[] {
  const indexed = sourceFile as { [INDEX]?: readonly ts.Node[] };
  if (!indexed[INDEX]) linkParents(sourceFile);
  return indexed[INDEX] ?? [];
}

/**
 * Sets every node's `parent` (the analysis walks up from any node, and `getStart()` finds the file that way), keeps
 * the nodes `constructionCandidates` returns, and says whether the parser flagged a node after a syntax error (a
 * public NodeFlags bit): one walk for the three. Iterative, so that a deeply nested file cannot overflow the stack
 * here; each node's children are stacked in reverse, so they come off in source order, as a recursive walk meets them.
 */
function linkParents(sourceFile: ts.SourceFile): boolean {
  let flagged = false;
  const stack: ts.Node[] = [sourceFile];
  const found: ts.Node[] = [];
  let current: ts.Node = sourceFile;
  const link = (child: ts.Node): undefined => {
    (child as { parent: ts.Node }).parent = current;
    stack.push(child);
    return undefined;
  };
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.flags & ts.NodeFlags.ThisNodeHasError) flagged = true;
    if (INDEXED.has(node.kind)) found.push(node);
    current = node;
    const first = stack.length;
    ts.forEachChild(node, link);
    for (let i = first, j = stack.length - 1; i < j; i += 1, j -= 1) {
      const swap = stack[i] as ts.Node;
      stack[i] = stack[j] as ts.Node;
      stack[j] = swap;
    }
  }
  (sourceFile as { [INDEX]?: readonly ts.Node[] })[INDEX] = found;
  return flagged;
}

function scriptKindOf(path: string): ts.ScriptKind {
  if (isJavaScriptPath(path)) return isJsxPath(path) ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
  return isJsxPath(path) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}

function syntaxDiagnostics(sourceFile: ts.SourceFile): readonly ts.Diagnostic[] {
  // Only for a file with a flagged node (most have none, and for them the walk is much cheaper than a Program
  // built only to ask for the diagnostics): the Program gives the first error's message and position.
  const program = ts.createProgram({
    rootNames: [sourceFile.fileName],
    options: { noLib: true, noResolve: true, allowJs: true, types: [] },
    host: singleFileHost(sourceFile),
  });
  return program.getSyntacticDiagnostics(sourceFile);
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
