import { ts } from '#typescript';
import { analyzeFile, type FileAnalysis } from './analyze-file.js';
import type { ClientModules } from '../discover/client-modules.js';
import { skipWrappers } from './expressions.js';
import { parseSource } from './parse.js';
import type { SourceText } from '../core/types.js';

/**
 * The name under which an existing module exports its PrismaClient instance (`prisma` for
 * `export const prisma = globalForPrisma.prisma ?? new PrismaClient()`, or the name in `export { db }`,
 * `module.exports = { db }`, `default` for a default export); undefined when it exports none.
 */
export function singletonExportName(analysis: FileAnalysis): string | undefined {
  const { sourceFile, sites } = analysis;
  for (const site of sites) {
    if (!ts.isNewExpression(site.node) || site.review) continue;
    if (ts.isExportAssignment(site.node.parent) && !site.node.parent.isExportEquals) return 'default';
    const declaration = topLevelDeclaration(site.node);
    if (!declaration || !ts.isIdentifier(declaration.name)) continue;
    const local = declaration.name.text;
    const statement = declaration.parent.parent;
    if (ts.isVariableStatement(statement) && statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return local;
    const exported = exportedAs(sourceFile, local);
    if (exported) return exported;
  }
  for (const local of clientHolders(analysis)) {
    const exported = isExportedDeclaration(sourceFile, local) ? local : exportedAs(sourceFile, local);
    if (exported) return exported;
  }
  return undefined;
}

/**
 * Module-level variables that end up holding the client, however the module fills them: `let prisma; if (...)
 * prisma = new PrismaClient() else { global.cached ??= new PrismaClient(); prisma = global.cached }`, then
 * `export const db = prisma`. A variable holds the client when a module-level statement (outside functions)
 * declares or assigns it a construction, a global cache read, `a ?? b`, `a || b`, a conditional or `$extends(...)`
 * of such, or another holder.
 */
function clientHolders(analysis: FileAnalysis): string[] {
  const sites = new Set<ts.Node>(analysis.sites.map((site) => site.node));
  const values = new Map<string, ts.Expression[]>();
  const record = (name: string, value: ts.Expression): void => {
    values.set(name, [...(values.get(name) ?? []), value]);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) record(node.name.text, node.initializer);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left)) record(node.left.text, node.right);
    ts.forEachChild(node, visit);
  };
  visit(analysis.sourceFile);
  const holders = new Set<string>();
  const holds = (expression: ts.Expression): boolean => {
    const node = skipWrappers(expression);
    if (sites.has(node)) return true;
    if (ts.isIdentifier(node)) return holders.has(node.text);
    if (ts.isBinaryExpression(node)) return isDefaulting(node.operatorToken.kind) && (holds(node.left) || holds(node.right));
    if (ts.isConditionalExpression(node)) return holds(node.whenTrue) || holds(node.whenFalse);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return isGlobalObject(node.expression);
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression))
      return node.expression.name.text === '$extends' && holds(node.expression.expression);
    return false;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, assigned] of values) {
      if (!holders.has(name) && assigned.some(holds)) {
        holders.add(name);
        changed = true;
      }
    }
  }
  return [...holders];
}

function isDefaulting(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.BarBarToken;
}

/** `global`, `globalThis`, or a module's alias of it (`globalForPrisma`). */
function isGlobalObject(expression: ts.Expression): boolean {
  const node = skipWrappers(expression);
  return ts.isIdentifier(node) && /^global/.test(node.text);
}

function isExportedDeclaration(sourceFile: ts.SourceFile, local: string): boolean {
  return sourceFile.statements.some(
    (statement) =>
      ts.isVariableStatement(statement) &&
      statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) === true &&
      statement.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === local),
  );
}

/**
 * The module-level variable whose initializer holds the construction. A function or a class in between makes a client
 * per call (`export const getDb = () => new PrismaClient()`, a controller, a request context, a plugin's register
 * callback), so the module is no singleton however it exports them; the one function let through is a callback that
 * returns the construction to the call it is handed to, the caching helper of `export const db = singleton('db', () =>
 * new PrismaClient())`, whose result is the client.
 */
function topLevelDeclaration(node: ts.Node): ts.VariableDeclaration | undefined {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isClassLike(current)) return undefined;
    if (ts.isFunctionLike(current)) {
      if (!returnsToCall(current, node)) return undefined;
      continue;
    }
    if (ts.isVariableDeclaration(current) && ts.isVariableStatement(current.parent.parent) && ts.isSourceFile(current.parent.parent.parent)) {
      return current;
    }
  }
  return undefined;
}

/** `fn` is an argument of a call and gives back `site` as its result (`() => new C()`, `() => { return new C(); }`). */
function returnsToCall(fn: ts.SignatureDeclaration, site: ts.Node): boolean {
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !ts.isCallExpression(fn.parent) || !fn.parent.arguments.includes(fn)) return false;
  const { body } = fn;
  if (!ts.isBlock(body)) return skipWrappers(body) === site;
  return body.statements.some(
    (statement) => ts.isReturnStatement(statement) && statement.expression !== undefined && skipWrappers(statement.expression) === site,
  );
}

function exportedAs(sourceFile: ts.SourceFile, local: string): string | undefined {
  for (const statement of sourceFile.statements) {
    if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      const specifier = statement.exportClause.elements.find((e) => (e.propertyName ?? e.name).getText() === local);
      if (specifier) return specifier.name.getText();
    }
    if (ts.isExportAssignment(statement) && !statement.isExportEquals && ts.isIdentifier(statement.expression) && statement.expression.text === local) {
      return 'default';
    }
    const commonJs = commonJsExport(statement, local);
    if (commonJs) return commonJs;
  }
  return undefined;
}

/** `module.exports = { prisma }`, `module.exports = { db: prisma }`, `module.exports.prisma = prisma`, `exports.prisma = prisma`. */
function commonJsExport(statement: ts.Statement, local: string): string | undefined {
  if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) return undefined;
  const { left, right, operatorToken } = statement.expression;
  if (operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const target = left.getText();
  if (target === 'module.exports' && ts.isObjectLiteralExpression(right)) {
    for (const property of right.properties) {
      if (ts.isShorthandPropertyAssignment(property) && property.name.text === local) return local;
      if (ts.isPropertyAssignment(property) && property.initializer.getText() === local) return property.name.getText();
    }
  }
  const member = /^(?:module\.)?exports\.(\w+)$/.exec(target)?.[1];
  return member && right.getText() === local ? member : undefined;
}

/** A module that already exports a PrismaClient instance: a singleton a half-migrated project has. */
export interface ExistingSingleton {
  readonly path: string;
  readonly exportName: string;
}

const DECLARES_CODE = /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:function|class)\b/m;
const EXPORTS = /\bexport\s+(?:const|let|var|default)\b|\bexport\s*\{|\bmodule\.exports\b|\bexports\.\w+\s*=/;

/** The candidate files that export a PrismaClient instance created at their top level, sorted by path. */
export function findExistingSingletons(files: readonly SourceText[], modules: ClientModules): ExistingSingleton[] {
  return files.flatMap((file) => {
    // A module that declares functions or classes is not a dedicated client module: no need to parse it.
    if (!EXPORTS.test(file.text) || DECLARES_CODE.test(file.text)) return [];
    const { sourceFile, error } = parseSource(file.path, file.text);
    if (error || !isDedicatedClientModule(sourceFile)) return [];
    const exportName = singletonExportName(analyzeFile(sourceFile, { modules, classes: new Map() }));
    return exportName ? [{ path: file.path, exportName }] : [];
  });
}

/**
 * A module whose job is to provide the client: no functions or classes of its own, and no exported values besides
 * the client (a user service that also exports its client is not a singleton to build on).
 */
function isDedicatedClientModule(sourceFile: ts.SourceFile): boolean {
  let exportedValues = 0;
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) return false;
    const exported = ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported && ts.isVariableStatement(statement)) exportedValues += statement.declarationList.declarations.length;
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      exportedValues += statement.exportClause.elements.length;
    }
  }
  return exportedValues <= 1;
}
