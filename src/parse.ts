import { ts } from 'ts-morph';

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
 * no module resolution, so the cost is one parse per candidate file.
 */
export function parseSource(path: string, text: string): Parsed {
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKindOf(path));
  const [first] = syntaxDiagnostics(sourceFile);
  if (!first) return { sourceFile, error: undefined };
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start ?? 0);
  const message = ts.flattenDiagnosticMessageText(first.messageText, ' ');
  return { sourceFile, error: { line: line + 1, column: character + 1, message } };
}

function scriptKindOf(path: string): ts.ScriptKind {
  if (/\.[cm]?jsx?$/.test(path)) return path.endsWith('x') ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
  return path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}

function syntaxDiagnostics(sourceFile: ts.SourceFile): readonly ts.Diagnostic[] {
  // The parser keeps its errors on the source file; reading them there costs nothing, while a Program built
  // only to ask for them doubles the parse time. Fall back to the public route if a TypeScript drops the field.
  const stored: unknown = Reflect.get(sourceFile, 'parseDiagnostics');
  if (Array.isArray(stored)) return stored.filter(isDiagnostic);
  const program = ts.createProgram({
    rootNames: [sourceFile.fileName],
    options: { noLib: true, noResolve: true, allowJs: true, types: [] },
    host: singleFileHost(sourceFile),
  });
  return program.getSyntacticDiagnostics(sourceFile);
}

function isDiagnostic(value: unknown): value is ts.Diagnostic {
  return typeof value === 'object' && value !== null && 'messageText' in value && 'start' in value;
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
