import { ts } from 'ts-morph';

/** The expression inside parentheses, `as`, `satisfies`, `<T>` assertions and `!`: what it evaluates to. */
export function skipWrappers(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isTypeAssertionExpression(current) ||
    ts.isNonNullExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}
