import { ts } from 'ts-morph';
import type { FileStyle } from './code.js';

const TERMINATED = new Set([
  ts.SyntaxKind.VariableStatement,
  ts.SyntaxKind.ExpressionStatement,
  ts.SyntaxKind.ReturnStatement,
  ts.SyntaxKind.ThrowStatement,
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ExportDeclaration,
  ts.SyntaxKind.ExportAssignment,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.PropertyDeclaration,
]);

/**
 * Ways a rewritten file departs from the style it was written in: BOM, line endings, quotes of module
 * specifiers, statement terminators, and blank lines and trailing spaces (every generated file is consistent in
 * all of these, so any departure came from the codemod).
 */
export function checkStyle(sourceFile: ts.SourceFile, before: string, style: FileStyle): string[] {
  const text = sourceFile.text;
  const problems: string[] = [];
  if (text.startsWith('\uFEFF') !== before.startsWith('\uFEFF')) problems.push(`BOM ${style.bom ? 'lost' : 'added'}`);
  const bareLf = /(^|[^\r])\n/.test(text);
  if (style.crlf && bareLf) problems.push(`LF line ending in a CRLF file at line ${lineOf(text, text.search(/(^|[^\r])\n/) + 1)}`);
  if (!style.crlf && text.includes('\r')) problems.push(`CR in an LF file at line ${lineOf(text, text.indexOf('\r'))}`);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, index) => {
    const previous = lines[index - 1];
    if (line.trim() === '' && index === 0 && lines.length > 1) problems.push('starts with a blank line');
    if (line.trim() === '' && previous !== undefined && previous.trim() === '' && index < lines.length - 1)
      problems.push(`two blank lines at line ${index + 1}`);
    if (line.trim() === '' && previous?.trimEnd().endsWith('{')) problems.push(`blank line after an opening brace at line ${index + 1}`);
    if (/\s$/.test(line)) problems.push(`trailing whitespace at line ${index + 1}`);
  });
  const visit = (node: ts.Node): void => {
    const specifier = moduleSpecifierOf(node);
    if (specifier && text[specifier.getStart()] !== style.quote)
      problems.push(`${specifier.getText()} at line ${lineOf(text, specifier.getStart())} is not in ${style.quote} quotes`);
    // A semicolon-free file writes `;(` at the start of a line that would otherwise continue the previous one; the
    // parser counts that `;` as the end of the previous statement, which is what the author of such a file means.
    const guardedNext = !style.semicolons && text[node.end - 1] === ';' && /\n[ \t]*;$/.test(text.slice(0, node.end));
    if (TERMINATED.has(node.kind) && (text[node.end - 1] === ';') !== style.semicolons && !guardedNext) {
      problems.push(`"${firstLine(node.getText())}" at line ${lineOf(text, node.getStart())} ${style.semicolons ? 'lacks' : 'has'} a semicolon`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return problems;
}

function moduleSpecifierOf(node: ts.Node): ts.Expression | undefined {
  if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) return node.moduleSpecifier;
  if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) return node.arguments[0];
  return undefined;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? '';
}
