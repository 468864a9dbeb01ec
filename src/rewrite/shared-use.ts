import { ts } from '#typescript';
import type { Scopes } from '../analyze/scope.js';
import type { WarningKind } from '../core/types.js';
import { statementRemoval, type Edit } from './edits.js';

/** The names that referred to a client the rewrite replaced: variables, and `this.x` members per class. */
export interface MigratedNames {
  readonly variables: ReadonlySet<ts.Identifier>;
  readonly members: ReadonlyMap<ts.ClassLikeDeclaration, ReadonlySet<string>>;
}

/** A call on the shared client that the rewrite changed or wants a person to look at. */
export interface SharedUse {
  readonly node: ts.Node;
  readonly kind: WarningKind;
}

const SHUTDOWN_EVENTS = /^(on|once|addListener|prependListener|prependOnceListener)$/;

/**
 * With one client for the whole process, `$disconnect()` outside shutdown code closes it for everyone: such calls
 * are removed when they are statements of their own (a `finally` left empty goes too) and reported otherwise.
 * `$use` and `$on` now act on every query of the process and are reported.
 */
export function sharedUses(text: string, sourceFile: ts.SourceFile, scopes: Scopes, migrated: MigratedNames): { edits: Edit[]; uses: SharedUse[] } {
  const edits: Edit[] = [];
  const uses: SharedUse[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && isMigrated(node.expression.expression, scopes, migrated)) {
      const method = node.expression.name.text;
      if (method === '$use') uses.push({ node, kind: 'use-middleware' });
      if (method === '$on') uses.push({ node, kind: 'on-listener' });
      if (method === '$disconnect' && !inShutdownHandler(node)) {
        const statement = ownStatement(node);
        if (statement) {
          edits.push(...disconnectRemoval(text, statement));
          uses.push({ node, kind: 'disconnect-removed' });
        } else {
          uses.push({ node, kind: 'disconnect-kept' });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { edits, uses };
}

function isMigrated(target: ts.Expression, scopes: Scopes, migrated: MigratedNames): boolean {
  if (ts.isIdentifier(target)) {
    const declared = scopes.findDeclaration(target.text, target);
    return !!declared && migrated.variables.has(declared);
  }
  if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const owner = enclosingClass(target);
    return !!owner && (migrated.members.get(owner)?.has(target.name.text) ?? false);
  }
  return false;
}

/** The class whose `this` a node sees: the nearest class, not crossing a non-arrow function. */
export function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isClassLike(current)) return current;
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current)) return undefined;
  }
  return undefined;
}

function inShutdownHandler(node: ts.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (!ts.isFunctionLike(current)) continue;
    const call = current.parent;
    if (
      ts.isCallExpression(call) &&
      ts.isPropertyAccessExpression(call.expression) &&
      ts.isIdentifier(call.expression.expression) &&
      call.expression.expression.text === 'process' &&
      SHUTDOWN_EVENTS.test(call.expression.name.text)
    ) {
      return true;
    }
  }
  return false;
}

/** `x.$disconnect();`, `await x.$disconnect();` or `void x.$disconnect();` as a statement of its own. */
function ownStatement(call: ts.CallExpression): ts.ExpressionStatement | undefined {
  let node: ts.Node = call;
  while (ts.isAwaitExpression(node.parent) || ts.isVoidExpression(node.parent) || ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return ts.isExpressionStatement(node.parent) ? node.parent : undefined;
}

/** Removes the statement; a `finally` that held nothing else goes with it (and a `try` left bare becomes a block). */
function disconnectRemoval(text: string, statement: ts.ExpressionStatement): Edit[] {
  const block = statement.parent;
  const tryStatement = block.parent;
  if (!ts.isBlock(block) || block.statements.length !== 1 || !ts.isTryStatement(tryStatement) || tryStatement.finallyBlock !== block) {
    return [statementRemoval(text, statement)];
  }
  if (tryStatement.catchClause) return [{ start: tryStatement.catchClause.end, end: block.end, text: '' }];
  return (
    unwrapTry(text, tryStatement) ?? [
      // `try { A } finally { x.$disconnect() }` is `{ A }`: keep the block (and its scope), drop the rest.
      { start: tryStatement.getStart(), end: tryStatement.tryBlock.getStart(), text: '' },
      { start: tryStatement.tryBlock.end, end: block.end, text: '' },
    ]
  );
}

/**
 * `try {` and `} finally { ... }` on lines of their own: drop both lines and move the body out one level, as a
 * person would. Undefined when the layout is any other.
 */
function unwrapTry(text: string, tryStatement: ts.TryStatement): Edit[] | undefined {
  const body = tryStatement.tryBlock;
  const finallyBlock = tryStatement.finallyBlock;
  const [first] = body.statements;
  if (!finallyBlock || !first) return undefined;
  const lineStart = (at: number): number => text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = (at: number): number => {
    const newline = text.indexOf('\n', at);
    return newline === -1 ? text.length : newline + 1;
  };
  const openEnd = body.getStart() + 1;
  const closeStart = body.end - 1;
  const tryLine = lineStart(tryStatement.getStart());
  if (text.slice(tryLine, tryStatement.getStart()).trim() !== '' || text.slice(openEnd, lineEnd(openEnd)).trim() !== '') return undefined;
  if (text.slice(lineStart(closeStart), closeStart).trim() !== '' || text.slice(finallyBlock.end, lineEnd(finallyBlock.end)).trim() !== '') return undefined;
  const outer = text.slice(tryLine, tryStatement.getStart());
  const inner = text.slice(lineStart(first.getStart()), first.getStart());
  if (!inner.startsWith(outer) || inner.length === outer.length) return undefined;
  const unit = inner.length - outer.length;
  const edits: Edit[] = [
    { start: tryLine, end: lineEnd(openEnd), text: '' },
    { start: lineStart(closeStart), end: lineEnd(finallyBlock.end), text: '' },
  ];
  for (let at = lineEnd(openEnd); at < lineStart(closeStart); at = lineEnd(at)) {
    if (text.slice(at, at + unit).trim() === '' && text.slice(at, lineEnd(at)).trim() !== '') edits.push({ start: at, end: at + unit, text: '', soft: true });
  }
  return edits;
}
