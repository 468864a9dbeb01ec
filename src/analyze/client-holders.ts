import { ts } from '#typescript';
import type { FileAnalysis } from './analyze-file.js';
import { isDefaulting, skipWrappers } from './expressions.js';

/**
 * Module-level variables that end up holding the client, however the module fills them: `let prisma; if (...)
 * prisma = new PrismaClient() else { global.cached ??= new PrismaClient(); prisma = global.cached }`, then
 * `export const db = prisma`. A variable holds the client when a module-level statement (outside functions)
 * declares or assigns it a construction, a global cache read, `a ?? b`, `a || b`, a conditional or `$extends(...)`
 * of such, another holder, a call of a module-level function that returns such (`globalForPrisma.prisma ??
 * makeClient()`), or a call handed a construction (`withLogging(new PrismaClient())`: a wrapper gives it back).
 */
export function clientHolders(analysis: FileAnalysis): string[] {
  // A module that constructs no client holds none of its own: a global it reads was filled elsewhere, or holds
  // something else (Keystone's `globalThis.ctx ?? getContext(config, PrismaModule)` is a context, not a client).
  if (analysis.sites.length === 0) return [];
  const sites = new Set<ts.Node>(analysis.sites.map((site) => site.node));
  const values = new Map<string, ts.Expression[]>();
  const record = (name: string, value: ts.Expression): void => {
    values.set(name, [...(values.get(name) ?? []), value]);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) record(node.name.text, node.initializer);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left)) record(node.left.text, node.right);
    ts.forEachChild(node, visit);
  };
  visit(analysis.sourceFile);
  const factories = localFunctionReturns(analysis.sourceFile);
  const calling = new Set<string>();
  const holders = new Set<string>();
  const holds = (expression: ts.Expression): boolean => {
    const node = skipWrappers(expression);
    if (sites.has(node)) return true;
    if (ts.isIdentifier(node)) return holders.has(node.text);
    if (ts.isBinaryExpression(node)) return isDefaulting(node.operatorToken.kind) && (holds(node.left) || holds(node.right));
    if (ts.isConditionalExpression(node)) return holds(node.whenTrue) || holds(node.whenFalse);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return isGlobalObject(node.expression, analysis);
    if (!ts.isCallExpression(node)) return false;
    const callee = node.expression;
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === '$extends') return holds(callee.expression);
    if (node.arguments.some((argument) => sites.has(skipWrappers(argument)))) return true;
    const returns = ts.isIdentifier(callee) && !calling.has(callee.text) ? factories.get(callee.text) : undefined;
    if (!returns || !ts.isIdentifier(callee)) return false;
    calling.add(callee.text);
    const made = returns.some(holds);
    calling.delete(callee.text);
    return made;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, assigned] of values) {
      if (!holders.has(name) && assigned.some(holds)) {
        holders.add(name);
        changed = true;
      }
    }
  }
  return [...holders];
}

/** What each module-level function returns (declarations, and `const f = () => ...`), by name. */
function localFunctionReturns(sourceFile: ts.SourceFile): Map<string, ts.Expression[]> {
  const returns = new Map<string, ts.Expression[]>();
  const add = (name: string, fn: ts.FunctionLikeDeclaration): void => {
    if (!fn.body) return;
    if (!ts.isBlock(fn.body)) return void returns.set(name, [fn.body]);
    const found: ts.Expression[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
      if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(fn.body, visit);
    returns.set(name, found);
  };
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) add(statement.name.text, statement);
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      const init = d.initializer && skipWrappers(d.initializer);
      if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) add(d.name.text, init);
    }
  }
  return returns;
}

/**
 * `global`, `globalThis`, or a module's alias of it: a name declared as one (`const cache = globalThis as unknown as
 * {...}`, whatever it is called), or, where the declaration is not at hand, one named like one (`globalForPrisma`).
 */
export function isGlobalObject(expression: ts.Expression, analysis?: FileAnalysis): boolean {
  const node = skipWrappers(expression);
  if (!ts.isIdentifier(node)) return false;
  return /^global/.test(node.text) || (analysis !== undefined && globalAlias(node, analysis) !== undefined);
}

/** The name `identifier` reads, when it is declared as the global object (`const cache = globalThis as ...`). */
export function globalAlias(identifier: ts.Identifier, analysis: FileAnalysis): ts.Identifier | undefined {
  const declared = analysis.scopes.findDeclaration(identifier.text, identifier);
  const declaration = declared?.parent;
  const value = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipWrappers(declaration.initializer) : undefined;
  return value !== undefined && ts.isIdentifier(value) && (value.text === 'globalThis' || value.text === 'global') ? declared : undefined;
}
