import { ts } from '#typescript';
import type { Scopes } from '../analyze/scope.js';

/**
 * The declarations behind a `require` an ES module made for itself (`import { createRequire } from 'module'` and
 * `const require = createRequire(import.meta.url)`, under any name), when a client was loaded through it: by a binding
 * among `names` (`const { PrismaClient } = require('@prisma/client')`) or inside a rewritten site
 * (`new (require('@prisma/client').PrismaClient)()`). The cleanup removes them once the rewrite leaves them unused,
 * as it removes the client's own import. Nothing for a plain CommonJS `require`.
 */
export function localRequireDeclarations(names: readonly ts.Identifier[], sites: readonly ts.Node[], scopes: Scopes): ts.Identifier[] {
  const calls = [...names.flatMap((name) => requireCallOf(name) ?? []), ...sites.flatMap(callsWithin)];
  const out: ts.Identifier[] = [];
  for (const call of calls) {
    const callee = call.expression;
    const declared = ts.isIdentifier(callee) ? scopes.findDeclaration(callee.text, call) : undefined;
    const made = declared && ts.isVariableDeclaration(declared.parent) ? declared.parent.initializer : undefined;
    if (!declared || !made || !ts.isCallExpression(made)) continue;
    const maker = made.expression;
    const root = ts.isIdentifier(maker) ? maker : ts.isPropertyAccessExpression(maker) ? maker.expression : undefined;
    const calls = ts.isIdentifier(maker) ? maker.text : ts.isPropertyAccessExpression(maker) ? maker.name.text : '';
    if (calls !== 'createRequire') continue;
    out.push(declared);
    const imported = root && ts.isIdentifier(root) ? scopes.findDeclaration(root.text, made) : undefined;
    if (imported) out.push(imported);
  }
  return [...new Set(out)];
}

/** A call of an identifier with one string argument (`require('x')`, `load('x')`) in the initializer of `name`'s variable. */
function requireCallOf(name: ts.Identifier): ts.CallExpression | undefined {
  let node: ts.Node = name.parent;
  while (ts.isBindingElement(node) || ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node)) node = node.parent;
  if (!ts.isVariableDeclaration(node) || !node.initializer) return undefined;
  let expression: ts.Expression = node.initializer;
  while (ts.isPropertyAccessExpression(expression) || ts.isParenthesizedExpression(expression)) expression = expression.expression;
  return isLoadByName(expression) ? expression : undefined;
}

/** The calls of that shape inside a site. */
function callsWithin(node: ts.Node): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  const visit = (child: ts.Node): void => {
    if (isLoadByName(child)) out.push(child);
    ts.forEachChild(child, visit);
  };
  visit(node);
  return out;
}

function isLoadByName(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression)) return false;
  const [argument] = node.arguments;
  return node.arguments.length === 1 && argument !== undefined && ts.isStringLiteralLike(argument);
}
