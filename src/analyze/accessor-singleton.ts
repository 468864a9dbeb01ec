import { ts } from '#typescript';
import type { FileAnalysis } from './analyze-file.js';
import { isGlobalObject } from './client-holders.js';
import { exportedAs } from './export-names.js';
import { isDefaulting, isStore, isWrapper, skipWrappers } from './expressions.js';

/** A function a module exports that hands out the one client it keeps, and whether it keeps it on `globalThis`. */
export interface AccessorExport {
  readonly name: string;
  readonly cached: boolean;
}

/**
 * The exported function that builds the module's client on first use and hands out the same one after:
 * `let client; export function usePrisma() { if (!client) client = new PrismaClient(); return client }`, or with the
 * client on `globalThis` (`globalForPrisma.prisma ??= new PrismaClient(); return globalForPrisma.prisma`), or
 * `export const getDb = () => (db ??= new PrismaClient())`. The client lives in a module variable or a global, never in
 * the function's own scope, so every call shares it: the module is a singleton that exports a function, not a client.
 */
export function accessorExport(analysis: FileAnalysis): AccessorExport | undefined {
  for (const site of analysis.sites) {
    if (!ts.isNewExpression(site.node)) continue;
    const found = accessorStoring(site.node, analysis) ?? accessorThroughFactory(site.node, analysis);
    if (found) return found;
  }
  return undefined;
}

/** The exported accessor that keeps `value` (a construction, or a call of the module's own factory) in a guarded store. */
function accessorStoring(value: ts.Expression, analysis: FileAnalysis): AccessorExport | undefined {
  const stored = storedBy(value);
  const holder = stored && holderKind(stored.left, analysis);
  const fn = stored && holder ? enclosingFunction(stored) : undefined;
  if (!stored || !holder || !fn || !isGuarded(stored, fn) || !returnsHolder(fn, stored)) return undefined;
  const name = exportedFunctionName(fn, analysis.sourceFile);
  return name === undefined ? undefined : { name, cached: holder === 'global' };
}

/**
 * The accessor that fills its holder from a factory of the module's own (`function build() { return new
 * PrismaClient({ adapter }) }`, then `if (!client) client = build()`): the factory returns the construction, is not
 * exported, and every use of its name in the module is a call such an accessor stores. Anything else that reaches
 * it (an export, a call whose result is not kept) makes it a factory like any other.
 */
function accessorThroughFactory(site: ts.NewExpression, analysis: FileAnalysis): AccessorExport | undefined {
  const factory = localFactory(site);
  if (!factory || exportedFunctionName(factory.fn, analysis.sourceFile) !== undefined) return undefined;
  let found: AccessorExport | undefined;
  let uses = 0;
  const visit = (node: ts.Node): boolean => {
    if (ts.isIdentifier(node) && node.text === factory.name && node !== factory.declared) {
      uses += 1;
      const call = node.parent;
      const stores = ts.isCallExpression(call) && call.expression === node ? accessorStoring(call, analysis) : undefined;
      if (!stores) return false;
      found ??= stores;
    }
    return ts.forEachChild(node, (child) => (visit(child) ? undefined : true)) === undefined;
  };
  return visit(analysis.sourceFile) && uses > 0 ? found : undefined;
}

/** A function of the module's top level that returns `site`, by the name it is declared under. */
export function localFactory(
  site: ts.NewExpression,
): { fn: ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression; name: string; declared: ts.Identifier } | undefined {
  let node: ts.Node = site;
  while (isWrapper(node.parent)) node = node.parent;
  const returned = ts.isReturnStatement(node.parent) ? node.parent : node;
  const fn = enclosingFunction(returned);
  if (!fn || (returned === node && (!ts.isArrowFunction(fn) || fn.body !== node))) return undefined;
  if (ts.isFunctionDeclaration(fn)) return fn.name && ts.isSourceFile(fn.parent) ? { fn, name: fn.name.text, declared: fn.name } : undefined;
  let holder: ts.Node = fn.parent;
  while (isWrapper(holder)) holder = holder.parent;
  if (!ts.isVariableDeclaration(holder) || !ts.isIdentifier(holder.name)) return undefined;
  const statement = holder.parent.parent;
  return ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent) ? { fn, name: holder.name.text, declared: holder.name } : undefined;
}

type Store = ts.BinaryExpression & { readonly left: ts.Expression };

/** `holder = new C()`, `holder ??= new C()`, `holder ||= new C()` around the construction. */
function storedBy(site: ts.Node): Store | undefined {
  let parent = site.parent;
  while (isWrapper(parent)) parent = parent.parent;
  return ts.isBinaryExpression(parent) && isStore(parent.operatorToken.kind) && skipWrappers(parent.right) === site ? parent : undefined;
}

/** Where the client is kept: a variable of the module's top level, or a property of the global object. */
function holderKind(left: ts.Expression, analysis: FileAnalysis): 'module' | 'global' | undefined {
  const target = skipWrappers(left);
  if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) return isGlobalObject(target.expression, analysis) ? 'global' : undefined;
  if (!ts.isIdentifier(target)) return undefined;
  const declared = analysis.scopes.findDeclaration(target.text, target)?.parent;
  const statement = declared && ts.isVariableDeclaration(declared) ? declared.parent.parent : undefined;
  return statement && ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent) ? 'module' : undefined;
}

export function enclosingFunction(node: ts.Node): ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionDeclaration(current) || ts.isArrowFunction(current) || ts.isFunctionExpression(current)) return current;
    if (ts.isFunctionLike(current) || ts.isClassLike(current)) return undefined;
  }
  return undefined;
}

/**
 * The construction runs only while nothing is kept: `??=`, `||=`, `holder ?? (holder = ...)`, or under an `if` that
 * tests the holder (`if (!client)`). A function that assigns a new client on every call is a factory, however it
 * stores it.
 */
function isGuarded(stored: Store, fn: ts.Node): boolean {
  if (stored.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return true;
  const holder = skipWrappers(stored.left).getText();
  let child: ts.Node = stored;
  while (isWrapper(child.parent)) child = child.parent;
  const around = child.parent;
  if (ts.isBinaryExpression(around) && around.right === child && isDefaulting(around.operatorToken.kind)) {
    return skipWrappers(around.left).getText() === holder;
  }
  for (let node: ts.Node = stored; node !== fn; node = node.parent) {
    if (ts.isIfStatement(node.parent) && node.parent.thenStatement === node && mentions(node.parent.expression, holder)) return true;
  }
  return false;
}

/** Whether `expression` reads `holder` (the same text: `client`, `globalForPrisma.prisma`). */
function mentions(expression: ts.Node, holder: string): boolean {
  if (expression.getText() === holder) return true;
  let found = false;
  ts.forEachChild(expression, (child) => {
    found ||= mentions(child, holder);
  });
  return found;
}

/** The function gives back what it stored: `return holder`, `return (holder ??= new C())`, `return holder ?? (holder = new C())`. */
function returnsHolder(fn: ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression, stored: Store): boolean {
  const holder = skipWrappers(stored.left).getText();
  const gives = (expression: ts.Expression): boolean => {
    const value = extendedFrom(skipWrappers(expression));
    if (value === stored || value.getText() === holder) return true;
    const defaulting = ts.isBinaryExpression(value) && isDefaulting(value.operatorToken.kind);
    return defaulting && skipWrappers(value.left).getText() === holder && skipWrappers(value.right) === stored;
  };
  const { body } = fn;
  if (!body) return false;
  if (!ts.isBlock(body)) return gives(body);
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || (ts.isFunctionLike(node) && node !== fn) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression && gives(node.expression)) found = true;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** What `client.$extends(a).$extends(b)` extends: an extended client shares its base's engine and connection pool. */
function extendedFrom(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression) && current.expression.name.text === '$extends') {
    current = skipWrappers(current.expression.expression);
  }
  return current;
}

/**
 * The name a top-level function is exported under: `export function f`, `export const f = () => ...`, `export { f }`,
 * `export default f`, `module.exports = { f }`.
 */
function exportedFunctionName(fn: ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression, sourceFile: ts.SourceFile): string | undefined {
  const exported = (node: ts.Node): boolean => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  let local: string | undefined;
  if (ts.isFunctionDeclaration(fn)) {
    if (!ts.isSourceFile(fn.parent)) return undefined;
    const isDefault = (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (exported(fn)) return isDefault || !fn.name ? 'default' : fn.name.text;
    local = fn.name?.text;
  } else {
    let holder: ts.Node = fn.parent;
    while (isWrapper(holder)) holder = holder.parent;
    if (!ts.isVariableDeclaration(holder) || !ts.isIdentifier(holder.name)) return undefined;
    const statement = holder.parent.parent;
    if (!ts.isVariableStatement(statement) || !ts.isSourceFile(statement.parent)) return undefined;
    if (exported(statement)) return holder.name.text;
    local = holder.name.text;
  }
  return local === undefined ? undefined : exportedAs(sourceFile, local);
}
