import { ts } from '#typescript';
import { enclosingFunction, localFactory } from './accessor-singleton.js';
import type { FileAnalysis } from './analyze-file.js';
import { isGlobalObject } from './client-holders.js';
import { isDefaulting, isStore, isWrapper, skipWrappers } from './expressions.js';
import { importedName } from './nest-classes.js';

/**
 * Whether a module-level construction is kept on the global object, so that a reload of the module finds it
 * (beyond the singleton snippet's own shape, which cache-snippet.ts reads): stored there, at once or by a write-back
 * in the factory that builds it (`const client = new PrismaClient(); if (dev) cache.prisma = client`); built by a
 * factory of the module's own whose call is kept so (Prisma's documented `globalThis.prismaGlobal ??
 * prismaClientSingleton()`); built in a callback handed to a helper that memoises by name (`remember('prisma', () =>
 * new PrismaClient())`, the Remix `singleton()` helper); or built by Blitz's `enhancePrisma` class, which hands back
 * one instance kept on `globalThis`. Only the development reload note reads it.
 */
export function keptOnGlobal(node: ts.Node, analysis: FileAnalysis): boolean {
  if (!ts.isNewExpression(node)) return false;
  if (keptValue(node, analysis) || builtByCachingClass(node, analysis) || memoisedByName(node, analysis)) return true;
  const factory = localFactory(node);
  if (!factory) return false;
  let kept = false;
  const visit = (child: ts.Node): void => {
    if (kept) return;
    if (ts.isCallExpression(child) && ts.isIdentifier(child.expression) && child.expression.text === factory.name) kept = keptValue(child, analysis);
    ts.forEachChild(child, visit);
  };
  visit(analysis.sourceFile);
  return kept;
}

/** `G.key ?? value`, `G.key = value`, or `const v = value` later written back to `G.key` (G the global object). */
function keptValue(node: ts.Expression, analysis: FileAnalysis): boolean {
  let value: ts.Node = node;
  while (isWrapper(value.parent)) value = value.parent;
  const parent = value.parent;
  if (ts.isBinaryExpression(parent) && parent.right === value) {
    const kind = parent.operatorToken.kind;
    if (isDefaulting(kind) || isStore(kind)) return globalProperty(parent.left, analysis);
  }
  if (!ts.isVariableDeclaration(parent) || !ts.isIdentifier(parent.name)) return false;
  const name = parent.name;
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found) return;
    const right = ts.isBinaryExpression(child) && isStore(child.operatorToken.kind) ? skipWrappers(child.right) : undefined;
    if (right && ts.isIdentifier(right) && right.text === name.text && analysis.scopes.findDeclaration(right.text, right) === name) {
      found = ts.isBinaryExpression(child) && globalProperty(child.left, analysis);
    }
    ts.forEachChild(child, visit);
  };
  visit(parent.parent.parent.parent);
  return found;
}

function globalProperty(expression: ts.Expression, analysis: FileAnalysis): boolean {
  const target = skipWrappers(expression);
  return (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) && isGlobalObject(target.expression, analysis);
}

/**
 * The callback a name-keyed memo helper calls only while nothing is kept under the name: `remember('prisma', () =>
 * new PrismaClient())` from `@epic-web/remember`, or the `singleton('prisma', ...)` the Remix stacks import from
 * `singleton.server` (both keep the value on the global object). A helper the module declares itself is read as
 * code like any other, never taken on its name.
 */
function memoisedByName(node: ts.NewExpression, analysis: FileAnalysis): boolean {
  const fn = enclosingFunction(node);
  if (!fn || ts.isFunctionDeclaration(fn)) return false;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || !call.arguments.some((a) => a === fn)) return false;
  const imported = importedName(call.expression, analysis.scopes);
  const helper =
    imported !== undefined && (imported.specifier === '@epic-web/remember' || (imported.name === 'singleton' && /singleton/.test(imported.specifier)));
  return helper && call.arguments.some((a) => ts.isStringLiteralLike(a));
}

/** `new Shared()` where `const Shared = enhancePrisma(PrismaClient)` comes from Blitz (`_blitz_prismaClient` on globalThis). */
function builtByCachingClass(node: ts.NewExpression, analysis: FileAnalysis): boolean {
  if (!ts.isIdentifier(node.expression)) return false;
  const declared = analysis.scopes.findDeclaration(node.expression.text, node.expression)?.parent;
  const init = declared && ts.isVariableDeclaration(declared) && declared.initializer ? skipWrappers(declared.initializer) : undefined;
  if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression)) return false;
  const imported = importedName(init.expression, analysis.scopes);
  return imported?.name === 'enhancePrisma' && /^(?:blitz|@blitzjs\/)/.test(imported.specifier);
}
