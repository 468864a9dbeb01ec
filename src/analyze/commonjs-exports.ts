import { ts } from '#typescript';

/** One thing a CommonJS export statement exports. */
export type CommonJsExport =
  /** `module.exports = X`: the module is X. */
  | { readonly kind: 'whole'; readonly value: ts.Expression }
  /** `exports.a = X`, `module.exports.a = X`, a property `a` or `a: X` of `module.exports = { ... }`. */
  | { readonly kind: 'named'; readonly name: string; readonly value: ts.Expression }
  /** `...P` in `module.exports = { ...P }`. */
  | { readonly kind: 'spread'; readonly value: ts.Expression }
  /** Any other property of `module.exports = { ... }` (computed, a method). */
  | { readonly kind: 'other' };

/** What an expression statement exports the CommonJS way; empty when it is no such export. */
export function commonJsExports(expression: ts.Expression): CommonJsExport[] {
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return [];
  const target = expression.left.getText();
  const right = expression.right;
  if (target === 'module.exports') return ts.isObjectLiteralExpression(right) ? right.properties.map(propertyExport) : [{ kind: 'whole', value: right }];
  const name = /^(?:module\.)?exports\.([\w$]+)$/.exec(target)?.[1];
  return name ? [{ kind: 'named', name, value: right }] : [];
}

function propertyExport(property: ts.ObjectLiteralElementLike): CommonJsExport {
  if (ts.isShorthandPropertyAssignment(property)) return { kind: 'named', name: property.name.text, value: property.name };
  if (ts.isSpreadAssignment(property)) return { kind: 'spread', value: property.expression };
  if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
    return { kind: 'named', name: property.name.text, value: property.initializer };
  }
  return { kind: 'other' };
}
