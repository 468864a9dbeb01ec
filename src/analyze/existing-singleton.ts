import { ts } from '#typescript';
import { analyzeFile, type FileAnalysis } from './analyze-file.js';
import type { ClientModules } from '../discover/client-modules.js';
import { clientHolders } from './client-holders.js';
import { skipWrappers } from './expressions.js';
import { parseSource } from './parse.js';
import type { SourceText } from '../core/types.js';

/**
 * The name under which an existing module exports its PrismaClient instance (`prisma` for
 * `export const prisma = globalForPrisma.prisma ?? new PrismaClient()`, or the name in `export { db }`,
 * `module.exports = { db }`, `default` for a default export); undefined when it exports none.
 */
export function singletonExportName(analysis: FileAnalysis): string | undefined {
  const { sourceFile, sites } = analysis;
  for (const site of sites) {
    if (!ts.isNewExpression(site.node) || site.review) continue;
    if (ts.isExportAssignment(site.node.parent) && !site.node.parent.isExportEquals) return 'default';
    const declaration = topLevelDeclaration(site.node);
    if (!declaration || !ts.isIdentifier(declaration.name)) continue;
    const local = declaration.name.text;
    const statement = declaration.parent.parent;
    if (ts.isVariableStatement(statement) && statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return local;
    const exported = exportedAs(sourceFile, local);
    if (exported) return exported;
  }
  for (const local of clientHolders(analysis)) {
    const exported = isExportedDeclaration(sourceFile, local) ? local : exportedAs(sourceFile, local);
    if (exported) return exported;
  }
  return undefined;
}

function isExportedDeclaration(sourceFile: ts.SourceFile, local: string): boolean {
  return sourceFile.statements.some(
    (statement) =>
      ts.isVariableStatement(statement) &&
      statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) === true &&
      statement.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === local),
  );
}

/**
 * The module-level variable whose initializer holds the construction. A function or a class in between makes a client
 * per call (`export const getDb = () => new PrismaClient()`, a controller, a request context, a plugin's register
 * callback), so the module is no singleton however it exports them; the one function let through is a callback that
 * returns the construction to the call it is handed to, the caching helper of `export const db = singleton('db', () =>
 * new PrismaClient())`, whose result is the client.
 */
function topLevelDeclaration(node: ts.Node): ts.VariableDeclaration | undefined {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isClassLike(current)) return undefined;
    if (ts.isFunctionDeclaration(current) && ts.isSourceFile(current.parent)) return handedToCall(current, node);
    if (ts.isFunctionLike(current)) {
      if (!ts.isArrowFunction(current) && !ts.isFunctionExpression(current)) return undefined;
      if (!ts.isCallExpression(current.parent) || !current.parent.arguments.includes(current) || !returns(current, node)) return undefined;
      continue;
    }
    if (ts.isVariableDeclaration(current) && ts.isVariableStatement(current.parent.parent) && ts.isSourceFile(current.parent.parent.parent)) {
      return current;
    }
  }
  return undefined;
}

/**
 * `fn` gives back `site` as its result: `() => new C()`, `() => { return new C(); }`, or a local it holds it in,
 * returned from the same block (`() => { const client = new C(); client.$on(...); return client; }`, the Epic
 * Stack's `remember('prisma', ...)`).
 */
function returns(fn: ts.FunctionLikeDeclaration, site: ts.Node): boolean {
  const { body } = fn;
  if (!body) return false;
  if (!ts.isBlock(body)) return skipWrappers(body) === site;
  const holder = ts.isVariableDeclaration(site.parent) && site.parent.initializer === site && ts.isIdentifier(site.parent.name) ? site.parent : undefined;
  const local = holder && holder.parent.parent.parent === body ? holder.name.getText() : undefined;
  return body.statements.some((statement) => {
    if (!ts.isReturnStatement(statement) || statement.expression === undefined) return false;
    const returned = skipWrappers(statement.expression);
    return returned === site || (local !== undefined && ts.isIdentifier(returned) && returned.text === local);
  });
}

/**
 * A module-level function handed by name to the call that makes a module-level variable (`export const prisma =
 * remember('prisma', getClient)`), returning `site`: that variable holds the client.
 */
function handedToCall(fn: ts.FunctionDeclaration, site: ts.Node): ts.VariableDeclaration | undefined {
  const name = fn.name?.text;
  if (name === undefined || !returns(fn, site)) return undefined;
  for (const statement of fn.getSourceFile().statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const call = declaration.initializer && skipWrappers(declaration.initializer);
      if (call && ts.isCallExpression(call) && call.arguments.some((a) => ts.isIdentifier(a) && a.text === name)) return declaration;
    }
  }
  return undefined;
}

function exportedAs(sourceFile: ts.SourceFile, local: string): string | undefined {
  for (const statement of sourceFile.statements) {
    if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      const specifier = statement.exportClause.elements.find((e) => (e.propertyName ?? e.name).getText() === local);
      if (specifier) return specifier.name.getText();
    }
    if (ts.isExportAssignment(statement) && !statement.isExportEquals && ts.isIdentifier(statement.expression) && statement.expression.text === local) {
      return 'default';
    }
    const commonJs = commonJsExport(statement, local);
    if (commonJs) return commonJs;
  }
  return undefined;
}

/** `module.exports = { prisma }`, `module.exports = { db: prisma }`, `module.exports.prisma = prisma`, `exports.prisma = prisma`. */
function commonJsExport(statement: ts.Statement, local: string): string | undefined {
  if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) return undefined;
  const { left, right, operatorToken } = statement.expression;
  if (operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const target = left.getText();
  if (target === 'module.exports' && ts.isObjectLiteralExpression(right)) {
    for (const property of right.properties) {
      if (ts.isShorthandPropertyAssignment(property) && property.name.text === local) return local;
      if (ts.isPropertyAssignment(property) && property.initializer.getText() === local) return property.name.getText();
    }
  }
  const member = /^(?:module\.)?exports\.(\w+)$/.exec(target)?.[1];
  return member && right.getText() === local ? member : undefined;
}

/** A module that already exports a PrismaClient instance: a singleton a half-migrated project has. */
export interface ExistingSingleton {
  readonly path: string;
  readonly exportName: string;
}

const DECLARES_CLASS = /^\s*(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\b/m;
/** An exported function declaration: allowed in a client module only as a lifecycle helper (below). */
const EXPORTS_FUNCTION = /^\s*export\s+(?:default\s+)?(?:async\s+)?function\b/gm;
/** What every lifecycle helper calls at least once. */
const CONNECTS = /\.\$(?:dis)?connect\s*\(/g;
const EXPORTS = /\bexport\s+(?:const|let|var|default)\b|\bexport\s*\{|\bmodule\.exports\b|\bexports\.\w+\s*=/;

/** The candidate files that export a PrismaClient instance created at their top level, sorted by path. */
export function findExistingSingletons(files: readonly SourceText[], modules: ClientModules): ExistingSingleton[] {
  return files.flatMap((file) => {
    // A module that declares classes, or exports more functions than its text has `$connect(`/`$disconnect(` calls
    // (each lifecycle helper makes one), is no dedicated client module (the check below would say so): no need to
    // parse it again. This spares a second parse of every service that constructs a client.
    const exportsNonHelper = countOf(EXPORTS_FUNCTION, file.text) > countOf(CONNECTS, file.text);
    if (!EXPORTS.test(file.text) || DECLARES_CLASS.test(file.text) || exportsNonHelper) return [];
    const { sourceFile, error } = parseSource(file.path, file.text);
    if (error || !isDedicatedClientModule(sourceFile, modules)) return [];
    const exportName = singletonExportName(analyzeFile(sourceFile, { modules, classes: new Map() }));
    return exportName ? [{ path: file.path, exportName }] : [];
  });
}

function countOf(pattern: RegExp, text: string): number {
  return text.match(pattern)?.length ?? 0;
}

/**
 * A module whose job is to provide the client: no classes of its own, and no exported values besides the client,
 * helpers that only connect or disconnect it (`export async function disconnectPrisma() { await db.$disconnect() }`)
 * and what it passes on from the client package (`export { PrismaClient, Prisma } from '@prisma/client'`).
 * Functions it keeps to itself (a factory, a logging wrapper) are how it builds the client. A user service that also
 * exports its client is not a singleton to build on.
 */
function isDedicatedClientModule(sourceFile: ts.SourceFile, modules: ClientModules): boolean {
  let exportedValues = 0;
  for (const statement of sourceFile.statements) {
    if (ts.isClassDeclaration(statement)) return false;
    // `export default <value>`, `module.exports = { a, b }`, `exports.a = ...`: exported values too.
    if (ts.isExportAssignment(statement)) exportedValues += 1;
    if (ts.isExpressionStatement(statement)) exportedValues += commonJsExportCount(statement.expression, sourceFile);
    const exported = ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(statement) && !isLifecycleHelper(statement)) exportedValues += 1;
    if (ts.isVariableStatement(statement)) {
      exportedValues += statement.declarationList.declarations.filter((d) => !(d.initializer && isLifecycleHelper(skipWrappers(d.initializer)))).length;
    }
  }
  for (const statement of sourceFile.statements) {
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      // `export { PrismaClient, Prisma, Role } from '@prisma/client'` passes the client package's own exports on.
      const specifier = statement.moduleSpecifier;
      if (specifier && ts.isStringLiteral(specifier) && modules.classify(specifier.text, sourceFile.fileName)) continue;
      exportedValues += statement.exportClause.elements.length;
    }
  }
  return exportedValues <= 1;
}

/**
 * How many values a CommonJS export statement exports besides lifecycle helpers (`module.exports = { prisma, list }`:
 * 2; `module.exports = { prisma, disconnect }` with `disconnect` only calling `$disconnect()`: 1; `exports.a = x`: 1).
 */
function commonJsExportCount(expression: ts.Expression, sourceFile: ts.SourceFile): number {
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return 0;
  const target = expression.left.getText();
  const helper = (value: ts.Expression): boolean => {
    if (!ts.isIdentifier(value)) return isLifecycleHelper(skipWrappers(value));
    return sourceFile.statements.some((s) => ts.isFunctionDeclaration(s) && s.name?.text === value.text && isLifecycleHelper(s));
  };
  const counted = (value: ts.Expression): number => (helper(value) ? 0 : 1);
  if (target === 'module.exports' && ts.isObjectLiteralExpression(expression.right)) {
    return expression.right.properties.reduce(
      (sum, p) => sum + (ts.isShorthandPropertyAssignment(p) ? counted(p.name) : ts.isPropertyAssignment(p) ? counted(p.initializer) : 1),
      0,
    );
  }
  if (target === 'module.exports' || /^(?:module\.)?exports\.[\w$]+$/.test(target)) return counted(expression.right);
  return 0;
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
