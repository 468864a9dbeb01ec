import { ts } from '#typescript';
import type { Scopes } from '../analyze/scope.js';

/**
 * The declarations behind a `require` an ES module made for itself (`import { createRequire } from 'module'` and
 * `const require = createRequire(import.meta.url)`), when a client binding among `names` was read through it
 * (`const { PrismaClient } = require('@prisma/client')`): the cleanup removes them once the rewrite leaves them
 * unused, as it removes the client's own import. Nothing for a plain CommonJS `require`.
 */
export function localRequireDeclarations(names: readonly ts.Identifier[], scopes: Scopes): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  for (const name of names) {
    const call = requireCallOf(name);
    const declared = call ? scopes.findDeclaration('require', call) : undefined;
    const made = declared && ts.isVariableDeclaration(declared.parent) ? declared.parent.initializer : undefined;
    if (!declared || !made || !ts.isCallExpression(made)) continue;
    const callee = made.expression;
    const maker = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
    const calls = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    if (calls !== 'createRequire') continue;
    out.push(declared);
    const imported = maker && ts.isIdentifier(maker) ? scopes.findDeclaration(maker.text, made) : undefined;
    if (imported) out.push(imported);
  }
  return [...new Set(out)];
}

/** `require(...)` in the initializer of the variable `name` declares (`require('x')`, `require('x').PrismaClient`). */
function requireCallOf(name: ts.Identifier): ts.CallExpression | undefined {
  let node: ts.Node = name.parent;
  while (ts.isBindingElement(node) || ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node)) node = node.parent;
  if (!ts.isVariableDeclaration(node) || !node.initializer) return undefined;
  let expression: ts.Expression = node.initializer;
  while (ts.isPropertyAccessExpression(expression) || ts.isParenthesizedExpression(expression)) expression = expression.expression;
  if (!ts.isCallExpression(expression)) return undefined;
  return ts.isIdentifier(expression.expression) && expression.expression.text === 'require' ? expression : undefined;
}
