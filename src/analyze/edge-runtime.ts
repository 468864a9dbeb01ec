import { ts } from '#typescript';
import { skipWrappers } from './expressions.js';

const EDGE_RUNTIMES = new Set(['edge', 'experimental-edge']);

/**
 * Whether a module runs on an edge runtime, where a client per request is the documented pattern and a Node
 * singleton cannot work: a Next.js segment that exports `runtime = 'edge'` (or `'experimental-edge'`), a pages
 * route whose `config` says so, or a Workers-style module that default-exports `{ fetch }`, unless `fetchServes`
 * (the project runs on Bun, whose server a file starts the same way: a long-lived process). The modules a wrangler
 * entry reaches, Next.js middleware and `@prisma/client/edge` imports are decided by the caller.
 */
export function isEdgeModule(sourceFile: ts.SourceFile, fetchServes = false): boolean {
  return (
    declaresRuntime(sourceFile, (runtime) => EDGE_RUNTIMES.has(runtime)) ||
    (!fetchServes && sourceFile.statements.some((s) => ts.isExportAssignment(s) && isFetchHandler(s.expression)))
  );
}

/**
 * Whether a default-exported `{ fetch }` starts a server that lives as long as the process: `bun run --hot
 * src/index.ts` serves `export default { fetch: app.fetch, port }` as `Bun.serve` would. Told by Bun's types among
 * the dependencies, when no Workers tooling (wrangler, the Workers types) is there too.
 */
export function fetchExportServes(dependencies: ReadonlySet<string>): boolean {
  const bun = dependencies.has('@types/bun') || dependencies.has('bun-types');
  return bun && !dependencies.has('wrangler') && !dependencies.has('@cloudflare/workers-types');
}

/** `export const runtime = 'nodejs'` or `export const config = { runtime: 'nodejs' }`: Next.js middleware that opts out of the edge. */
export function declaresNodeRuntime(sourceFile: ts.SourceFile): boolean {
  return declaresRuntime(sourceFile, (runtime) => runtime === 'nodejs');
}

/** A Next.js runtime export (`runtime`, or `config.runtime`) whose value `matches`. */
function declaresRuntime(sourceFile: ts.SourceFile, matches: (runtime: string) => boolean): boolean {
  const isRuntime = (node: ts.Expression): boolean => ts.isStringLiteralLike(node) && matches(node.text);
  return sourceFile.statements.some((statement) => {
    if (!ts.isVariableStatement(statement) || !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return false;
    return statement.declarationList.declarations.some((declaration) => {
      if (!ts.isIdentifier(declaration.name) || !declaration.initializer) return false;
      const value = skipWrappers(declaration.initializer);
      if (declaration.name.text === 'runtime') return isRuntime(value);
      if (declaration.name.text !== 'config' || !ts.isObjectLiteralExpression(value)) return false;
      return value.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'runtime' && isRuntime(skipWrappers(p.initializer)));
    });
  });
}

function isFetchHandler(expression: ts.Expression): boolean {
  const value = skipWrappers(expression);
  return ts.isObjectLiteralExpression(value) && value.properties.some((p) => p.name?.getText() === 'fetch');
}
