import { ts } from '#typescript';
import { skipWrappers } from './expressions.js';

const EDGE_RUNTIMES = new Set(['edge', 'experimental-edge']);

/**
 * Whether a module runs on an edge runtime, where a client per request is the documented pattern and a Node
 * singleton cannot work: a Next.js segment that exports `runtime = 'edge'` (or `'experimental-edge'`), a pages
 * route whose `config` says so, or a Workers-style module that default-exports `{ fetch }`. Entry files named by
 * wrangler's config and `@prisma/client/edge` imports are decided by the caller.
 */
export function isEdgeModule(sourceFile: ts.SourceFile): boolean {
  return sourceFile.statements.some((statement) => {
    if (ts.isExportAssignment(statement)) return isFetchHandler(statement.expression);
    if (!ts.isVariableStatement(statement) || !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return false;
    return statement.declarationList.declarations.some((declaration) => {
      if (!ts.isIdentifier(declaration.name) || !declaration.initializer) return false;
      const value = skipWrappers(declaration.initializer);
      if (declaration.name.text === 'runtime') return isEdgeString(value);
      if (declaration.name.text !== 'config' || !ts.isObjectLiteralExpression(value)) return false;
      return value.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'runtime' && isEdgeString(skipWrappers(p.initializer)));
    });
  });
}

function isEdgeString(node: ts.Expression): boolean {
  return ts.isStringLiteralLike(node) && EDGE_RUNTIMES.has(node.text);
}

function isFetchHandler(expression: ts.Expression): boolean {
  const value = skipWrappers(expression);
  return ts.isObjectLiteralExpression(value) && value.properties.some((p) => p.name?.getText() === 'fetch');
}
