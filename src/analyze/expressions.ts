import { ts } from '#typescript';

/** The expression inside parentheses, `as`, `satisfies`, `<T>` assertions and `!`: what it evaluates to. */
export function skipWrappers(expression: ts.Expression): ts.Expression {
  return strip(expression, false);
}

/** As `skipWrappers`, and through `await` too: the value a binding ends up holding. */
export function unwrap(expression: ts.Expression): ts.Expression {
  return strip(expression, true);
}

function strip(expression: ts.Expression, throughAwait: boolean): ts.Expression {
  let current = expression;
  while (
    ts.isParenthesizedExpression(current) ||
    (throughAwait && ts.isAwaitExpression(current)) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isTypeAssertionExpression(current) ||
    ts.isNonNullExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}
