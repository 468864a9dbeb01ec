import { ts } from '#typescript';

const IGNORE_MARKER = 'prisma-singleton-codemod-ignore';

/** `// prisma-singleton-codemod-ignore` at the end of the site's line or on the line before its statement. */
export function hasIgnoreComment(node: ts.Node): boolean {
  const sourceFile = node.getSourceFile();
  const { text } = sourceFile;
  if (!text.includes(IGNORE_MARKER)) return false;
  // Lines as the positions count them (a lone CR or a line separator ends one too).
  const starts = sourceFile.getLineStarts();
  // A subclass's `extends` clause belongs to its class: the comment goes above the class (and its decorators).
  let statement: ts.Node = ts.isExpressionWithTypeArguments(node) && ts.isHeritageClause(node.parent) ? node.parent.parent : node;
  while (statement.parent && !ts.isSourceFile(statement.parent) && !ts.isBlock(statement.parent) && !ts.isClassLike(statement.parent))
    statement = statement.parent;
  const siteLine = sourceFile.getLineAndCharacterOfPosition(node.getStart()).line;
  const statementLine = sourceFile.getLineAndCharacterOfPosition(statement.getStart()).line;
  const marked = (line: number): boolean => line >= 0 && text.slice(starts[line], starts[line + 1] ?? text.length).includes(`// ${IGNORE_MARKER}`);
  return marked(siteLine) || marked(statementLine - 1) || marked(siteLine - 1);
}
