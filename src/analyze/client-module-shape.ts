import { ts } from '#typescript';
import type { ClientModules } from '../discover/client-modules.js';
import { commonJsExports } from './commonjs-exports.js';
import { skipWrappers } from './expressions.js';
import { hasIgnoreComment } from './ignore-comment.js';

/**
 * A module whose job is to provide the client: no classes of its own, and no exported values besides the client,
 * helpers that only connect or disconnect it (`export async function disconnectPrisma() { await db.$disconnect() }`)
 * and what it passes on from the client package (`export { PrismaClient, Prisma } from '@prisma/client'`).
 * Functions it keeps to itself (a factory, a logging wrapper) are how it builds the client. A user service that also
 * exports its client is not a singleton to build on.
 */
export function isDedicatedClientModule(sourceFile: ts.SourceFile, modules: ClientModules): boolean {
  let exportedValues = 0;
  // Local names exported, each counted once however many ways it is exported (`export const db`, `export default db`).
  const names = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (ts.isClassDeclaration(statement)) return false;
    // `export default <value>`, `module.exports = { a, b }`, `exports.a = ...`: exported values too.
    if (ts.isExportAssignment(statement)) {
      const value = skipWrappers(statement.expression);
      if (ts.isIdentifier(value)) names.add(value.text);
      else exportedValues += 1;
    }
    if (ts.isExpressionStatement(statement)) exportedValues += commonJsExportCount(statement.expression, sourceFile);
    const exported = ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(statement) && !isHelper(statement)) exportedValues += 1;
    if (ts.isVariableStatement(statement)) {
      // A client marked intentional (`// prisma-singleton-codemod-ignore`: a second transport, another database) is
      // the project's decision, not a value that makes the module more than the client's home.
      const counted = (d: ts.VariableDeclaration): boolean => !(d.initializer && (isHelper(skipWrappers(d.initializer)) || isIgnoredClient(d.initializer)));
      for (const d of statement.declarationList.declarations.filter(counted)) {
        if (ts.isIdentifier(d.name)) names.add(d.name.text);
        else exportedValues += 1;
      }
    }
  }
  for (const statement of sourceFile.statements) {
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      // `export { PrismaClient, Prisma, Role } from '@prisma/client'` passes the client package's own exports on.
      const specifier = statement.moduleSpecifier;
      if (specifier && ts.isStringLiteral(specifier) && modules.classify(specifier.text, sourceFile.fileName)) continue;
      if (specifier) exportedValues += statement.exportClause.elements.length;
      else for (const element of statement.exportClause.elements) names.add((element.propertyName ?? element.name).text);
    }
  }
  return exportedValues + names.size <= 1;
}

/**
 * How many values a CommonJS export statement exports besides lifecycle helpers (`module.exports = { prisma, list }`:
 * 2; `module.exports = { prisma, disconnect }` with `disconnect` only calling `$disconnect()`: 1; `exports.a = x`: 1).
 */
function commonJsExportCount(expression: ts.Expression, sourceFile: ts.SourceFile): number {
  const helper = (value: ts.Expression): boolean => {
    if (!ts.isIdentifier(value)) return isHelper(skipWrappers(value));
    return sourceFile.statements.some((s) => ts.isFunctionDeclaration(s) && s.name?.text === value.text && isHelper(s));
  };
  return commonJsExports(expression).filter((e) => !((e.kind === 'named' || e.kind === 'whole') && helper(e.value))).length;
}

/** A lifecycle helper, or an accessor that returns a module-level name (`export function getPrismaClient() { return prisma }`). */
function isHelper(node: ts.Node): boolean {
  if (isLifecycleHelper(node)) return true;
  if (!ts.isFunctionDeclaration(node) && !ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return false;
  const body = node.body;
  if (!body) return false;
  if (!ts.isBlock(body)) return ts.isIdentifier(skipWrappers(body));
  const [only] = body.statements;
  return (
    body.statements.length === 1 && only !== undefined && ts.isReturnStatement(only) && !!only.expression && ts.isIdentifier(skipWrappers(only.expression))
  );
}

/** A function whose calls are all `x.$connect()` / `x.$disconnect()` (at least one): it manages the client, nothing else. */
function isLifecycleHelper(node: ts.Node): boolean {
  if (!ts.isFunctionDeclaration(node) && !ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return false;
  let calls = 0;
  // A loop, not recursion: a file of deeply nested functions must not overflow the stack here.
  const pending: ts.Node[] = node.body ? [node.body] : [];
  for (let child = pending.pop(); child; child = pending.pop()) {
    if (ts.isCallExpression(child)) {
      const callee = child.expression;
      if (!ts.isPropertyAccessExpression(callee) || (callee.name.text !== '$disconnect' && callee.name.text !== '$connect')) return false;
      calls += 1;
    }
    ts.forEachChild(child, (grandchild) => {
      pending.push(grandchild);
    });
  }
  return calls > 0;
}

function isIgnoredClient(initializer: ts.Expression): boolean {
  const value = skipWrappers(initializer);
  return ts.isNewExpression(value) && hasIgnoreComment(value);
}
