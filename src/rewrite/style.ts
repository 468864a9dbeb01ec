import { ts } from '#typescript';

/** The formatting habits inserted code must follow so that it reads as if the file's author wrote it. */
export interface CodeStyle {
  readonly quote: "'" | '"';
  readonly semicolons: boolean;
  readonly eol: '\n' | '\r\n';
  readonly indent: string;
}

export const DEFAULT_STYLE: CodeStyle = { quote: "'", semicolons: true, eol: '\n', indent: '  ' };

/** Reads a file's quote kind (from its module specifiers), semicolons, line ending and indentation. */
export function detectStyle(sourceFile: ts.SourceFile, fallback: CodeStyle = DEFAULT_STYLE): CodeStyle {
  const text = sourceFile.text;
  let quote: CodeStyle['quote'] | undefined;
  let withSemicolon = 0;
  let withoutSemicolon = 0;
  for (const statement of sourceFile.statements) {
    const specifier = moduleSpecifierOf(statement);
    if (!quote && specifier) quote = text[specifier.getStart()] === '"' ? '"' : "'";
  }
  // Semicolons are counted on every simple statement, nested ones included: a file may hold only functions.
  const countSemicolons = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isVariableStatement(node) || ts.isExpressionStatement(node) || ts.isReturnStatement(node)) {
      if (text[node.end - 1] === ';') withSemicolon += 1;
      else withoutSemicolon += 1;
    }
    ts.forEachChild(node, countSemicolons);
  };
  countSemicolons(sourceFile);
  // Files whose only imports are dynamic (`import('...')`, `require('...')`) show their quotes there.
  quote ??= dynamicImportQuote(text);
  // The first indented line of code: a block comment's ` * ` lines are aligned to its `/**`, not indented.
  const indentMatch = /^([ \t]+)[^\s*]/m.exec(text);
  return {
    quote: quote ?? fallback.quote,
    semicolons: withSemicolon + withoutSemicolon === 0 ? fallback.semicolons : withSemicolon >= withoutSemicolon,
    eol: text.includes('\r\n') ? '\r\n' : text.includes('\n') ? '\n' : fallback.eol,
    indent: indentMatch?.[1] ?? fallback.indent,
  };
}

function dynamicImportQuote(text: string): CodeStyle['quote'] | undefined {
  const match = /\b(?:import|require)\s*\(\s*(['"])/.exec(text);
  if (!match) return undefined;
  return match[1] === '"' ? '"' : "'";
}

function moduleSpecifierOf(statement: ts.Statement): ts.Expression | undefined {
  if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) return statement.moduleSpecifier;
  return undefined;
}

/** A string literal in the given style; the value never holds quotes or backslashes (it is a module path). */
export function quoted(value: string, style: CodeStyle): string {
  return `${style.quote}${value}${style.quote}`;
}

/** The style most rewritten files share, for the file the tool creates. */
export function majorityStyle(styles: readonly CodeStyle[]): CodeStyle {
  if (styles.length === 0) return DEFAULT_STYLE;
  const pick = <K extends keyof CodeStyle>(key: K): CodeStyle[K] => {
    const counts = new Map<CodeStyle[K], number>();
    for (const style of styles) counts.set(style[key], (counts.get(style[key]) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? DEFAULT_STYLE[key];
  };
  return { quote: pick('quote'), semicolons: pick('semicolons'), eol: pick('eol'), indent: pick('indent') };
}
