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
  while (isWrapper(current) || (throughAwait && ts.isAwaitExpression(current))) current = current.expression;
  return current;
}

/** Parentheses, `as`, `satisfies`, `<T>` assertions and `!`: a node that evaluates to its inner expression. */
export function isWrapper(
  node: ts.Node,
): node is ts.ParenthesizedExpression | ts.AsExpression | ts.SatisfiesExpression | ts.TypeAssertion | ts.NonNullExpression {
  return (
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isTypeAssertionExpression(node) ||
    ts.isNonNullExpression(node)
  );
}

/** `??` or `||`: the right side is the value when the left has none. */
export function isDefaulting(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.BarBarToken;
}

/** `=`, `??=`, `||=`: an assignment that may store its right side. */
export function isStore(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsToken || kind === ts.SyntaxKind.QuestionQuestionEqualsToken || kind === ts.SyntaxKind.BarBarEqualsToken;
}
