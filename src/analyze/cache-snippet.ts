import { ts } from '#typescript';
import type { FileAnalysis, Site } from './analyze-file.js';
import { globalAlias } from './client-holders.js';
import { isDefaulting, skipWrappers } from './expressions.js';
import { findSoleDeclaration, isReassigned } from './references.js';

/**
 * A per-file copy of the singleton snippet around a site, recognised as one unit so that it can go as one:
 * `const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient }` (or `declare global { var prisma }`),
 * `const prisma = globalForPrisma.prisma ?? new PrismaClient()` (or `||`), and the assignment back, plain or under
 * an `if`. The site's declaration becomes the import of the singleton; the rest is removed.
 */
export interface CacheSnippet {
  readonly statement: ts.VariableStatement;
  readonly name: ts.Identifier;
  /** The write-backs (`if (...) globalForPrisma.prisma = prisma`) and `declare global` blocks that only served it. */
  readonly removals: readonly ts.Statement[];
  /** The local alias of globalThis (`globalForPrisma`), removed by the cleanup once nothing uses it. */
  readonly holder: ts.Identifier | undefined;
}

export function findCacheSnippet(site: Site, analysis: FileAnalysis): CacheSnippet | undefined {
  let node: ts.Node = site.node;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isNonNullExpression(node.parent)) node = node.parent;
  const defaulting = node.parent;
  if (!ts.isBinaryExpression(defaulting) || defaulting.right !== node || !isDefaulting(defaulting.operatorToken.kind)) return undefined;
  const cache = cacheRead(defaulting.left, analysis);
  const sole = cache ? findSoleDeclaration(defaulting) : undefined;
  if (!cache || !sole || sole.statement.parent !== analysis.sourceFile || isReassigned(sole.name, analysis.scopes)) return undefined;
  const removals: ts.Statement[] = [];
  for (const statement of analysis.sourceFile.statements) {
    if (isWriteBack(statement, cache, sole.name.text) || declaresOnly(statement, cache.key)) removals.push(statement);
  }
  return { statement: sole.statement, name: sole.name, removals, holder: cache.holder };
}

interface CacheRead {
  /** `globalThis`, `global`, or the local alias's name. */
  readonly object: string;
  readonly key: string;
  readonly holder: ts.Identifier | undefined;
}

/** `globalThis.prisma`, `global.prisma`, `globalForPrisma.prisma` (a module-level alias of globalThis), `g['prisma']`. */
function cacheRead(expression: ts.Expression, analysis: FileAnalysis): CacheRead | undefined {
  const node = skipWrappers(expression);
  const key = ts.isPropertyAccessExpression(node)
    ? node.name.text
    : ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)
      ? node.argumentExpression.text
      : undefined;
  if (key === undefined || !(ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node))) return undefined;
  const object = skipWrappers(node.expression);
  if (!ts.isIdentifier(object)) return undefined;
  if (object.text === 'globalThis' || object.text === 'global') return { object: object.text, key, holder: undefined };
  const declared = globalAlias(object, analysis);
  return declared ? { object: object.text, key, holder: declared } : undefined;
}

/** `globalForPrisma.prisma = prisma`, alone or as the only statement under an `if` without `else`. */
function isWriteBack(statement: ts.Statement, cache: CacheRead, name: string): boolean {
  let inner: ts.Statement = statement;
  if (ts.isIfStatement(statement) && !statement.elseStatement) {
    const then = statement.thenStatement;
    const [only] = ts.isBlock(then) ? then.statements : [then];
    if (!only || (ts.isBlock(then) && then.statements.length !== 1)) return false;
    inner = only;
  }
  if (!ts.isExpressionStatement(inner) || !ts.isBinaryExpression(inner.expression)) return false;
  const { left, right, operatorToken } = inner.expression;
  if (operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(right) || right.text !== name) return false;
  const target = skipWrappers(left);
  const key = ts.isPropertyAccessExpression(target) ? target.name.text : undefined;
  const object = ts.isPropertyAccessExpression(target) ? skipWrappers(target.expression) : undefined;
  return key === cache.key && !!object && ts.isIdentifier(object) && object.text === cache.object;
}

/** `declare global { var prisma: PrismaClient | undefined }` declaring nothing but the cache's key. */
function declaresOnly(statement: ts.Statement, key: string): boolean {
  if (!ts.isModuleDeclaration(statement) || !ts.isIdentifier(statement.name) || statement.name.text !== 'global') return false;
  const body = statement.body;
  if (!body || !ts.isModuleBlock(body) || body.statements.length === 0) return false;
  return body.statements.every((s) => ts.isVariableStatement(s) && s.declarationList.declarations.every((d) => ts.isIdentifier(d.name) && d.name.text === key));
}
