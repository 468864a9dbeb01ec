import { ts } from '#typescript';
import { analyzeFile, type FileAnalysis } from './analyze-file.js';
import type { ClientModules } from '../discover/client-modules.js';
import { accessorExport } from './accessor-singleton.js';
import { exportedAs, WHOLE_MODULE } from './export-names.js';
import { findCacheSnippet } from './cache-snippet.js';
import { hasIgnoreComment } from './ignore-comment.js';
import { keptOnGlobal } from './kept-on-global.js';
import { clientHolders } from './client-holders.js';
import { commonJsExports } from './commonjs-exports.js';
import { isDedicatedClientModule } from './client-module-shape.js';
import { isWrapper, skipWrappers } from './expressions.js';
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
    // A client marked intentional is not the one the module shares.
    if (!ts.isNewExpression(site.node) || hasIgnoreComment(site.node)) continue;
    const holder = outsideWrappers(site.node);
    if (ts.isExportAssignment(holder) && !holder.isExportEquals) return 'default';
    const commonJs = commonJsConstruction(holder, site.node);
    if (commonJs) return commonJs;
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

/** The first parent that is not a wrapper of `node`: `export default (new C() as X)` gives the export. */
function outsideWrappers(node: ts.Node): ts.Node {
  let parent = node.parent;
  while (isWrapper(parent)) parent = parent.parent;
  return parent;
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
  for (let child: ts.Node = node, current: ts.Node | undefined = node.parent; current; child = current, current = current.parent) {
    if (ts.isClassLike(current) || !carriesValue(current, child)) return undefined;
    if (ts.isFunctionDeclaration(current) && ts.isSourceFile(current.parent)) return handedToCall(current, node);
    if (ts.isFunctionLike(current)) {
      if (!ts.isArrowFunction(current) && !ts.isFunctionExpression(current)) return undefined;
      if (!ts.isCallExpression(current.parent) || !current.parent.arguments.includes(current) || !returns(current, node)) return undefined;
      continue;
    }
    if (ts.isVariableDeclaration(current) && ts.isVariableStatement(current.parent.parent) && ts.isSourceFile(current.parent.parent.parent)) {
      return current;
    }
  }
  return undefined;
}

/**
 * Whether `parent` passes `child`'s value on as its own, or holds it where a declaration's value may be: a client
 * inside an object or an array (`{ db: asValue(new PrismaClient()) }`, an awilix container), or read for a member
 * (`new PrismaClient().user`), is not what the declaration holds. A call passes on what it is handed (a wrapper), or
 * what its callee gives (`.$extends(...)`).
 */
function carriesValue(parent: ts.Node, child: ts.Node): boolean {
  if (ts.isObjectLiteralElementLike(parent) || ts.isObjectLiteralExpression(parent) || ts.isArrayLiteralExpression(parent) || ts.isSpreadElement(parent))
    return false;
  if (ts.isPropertyAccessExpression(parent)) return parent.name.text === '$extends';
  if (ts.isElementAccessExpression(parent)) return false;
  if (ts.isCallExpression(parent)) return parent.expression === child || parent.arguments.some((a) => a === child);
  return true;
}

/**
 * `fn` gives back `site` as its result: `() => new C()`, `() => { return new C(); }`, or a local it holds it in,
 * returned from the same block (`() => { const client = new C(); client.$on(...); return client; }`, the Epic
 * Stack's `remember('prisma', ...)`).
 */
function returns(fn: ts.FunctionLikeDeclaration, site: ts.Node): boolean {
  const { body } = fn;
  if (!body) return false;
  if (!ts.isBlock(body)) return skipWrappers(body) === site;
  const holder = ts.isVariableDeclaration(site.parent) && site.parent.initializer === site && ts.isIdentifier(site.parent.name) ? site.parent : undefined;
  const local = holder && holder.parent.parent.parent === body ? holder.name.getText() : undefined;
  return body.statements.some((statement) => {
    if (!ts.isReturnStatement(statement) || statement.expression === undefined) return false;
    const returned = skipWrappers(statement.expression);
    return returned === site || (local !== undefined && ts.isIdentifier(returned) && returned.text === local);
  });
}

/**
 * A module-level function handed by name to the call that makes a module-level variable (`export const prisma =
 * remember('prisma', getClient)`), returning `site`: that variable holds the client.
 */
function handedToCall(fn: ts.FunctionDeclaration, site: ts.Node): ts.VariableDeclaration | undefined {
  const name = fn.name?.text;
  if (name === undefined || !returns(fn, site)) return undefined;
  for (const statement of fn.getSourceFile().statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const call = declaration.initializer && skipWrappers(declaration.initializer);
      if (call && ts.isCallExpression(call) && call.arguments.some((a) => ts.isIdentifier(a) && a.text === name)) return declaration;
    }
  }
  return undefined;
}

/** `module.exports = new PrismaClient()` or `exports.prisma = new PrismaClient()` at the top level: the export name. */
function commonJsConstruction(holder: ts.Node, site: ts.Node): string | undefined {
  const statement = holder.parent;
  if (!ts.isBinaryExpression(holder) || !statement || !ts.isExpressionStatement(statement) || !ts.isSourceFile(statement.parent)) return undefined;
  const entry = commonJsExports(holder).find((e) => (e.kind === 'named' || e.kind === 'whole') && skipWrappers(e.value) === site);
  return entry?.kind === 'named' ? entry.name : entry?.kind === 'whole' ? WHOLE_MODULE : undefined;
}

/** A module that already exports a PrismaClient instance: a singleton a half-migrated project has. */
export interface ExistingSingleton {
  readonly path: string;
  readonly exportName: string;
  /** It keeps its client on `globalThis` (the singleton snippet): a singleton by construction, imported or not. */
  readonly cached: boolean;
  /** `exportName` is a function that hands the client out (`usePrisma()`), not the client itself. */
  readonly accessor?: boolean;
}

const DECLARES_CLASS = /^\s*(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\b/m;
/** An exported function declaration: allowed in a client module only as a lifecycle helper (below). */
const EXPORTS_FUNCTION = /^\s*export\s+(?:default\s+)?(?:async\s+)?function\b/gm;
/** What every accessor ends with: `return prisma; }`, `return globalForPrisma.prisma }`, `return client.$extends(...)`. */
const RETURNS_NAME = /\breturn\s+[\w$.]+?\s*(?:;?\s*\}|\.\$extends\b)/g;
/** What every lifecycle helper calls at least once. */
const CONNECTS = /\.\$(?:dis)?connect\s*\(/g;
const EXPORTS = /\bexport\s+(?:const|let|var|default|function|async\s+function)\b|\bexport\s*\{|\bmodule\.exports\b|\bexports\.\w+\s*=/;

/** The candidate files that export a PrismaClient instance created at their top level, sorted by path. */
export function findExistingSingletons(files: readonly SourceText[], modules: ClientModules): ExistingSingleton[] {
  return files.flatMap((file) => {
    // A module that declares classes, or exports more functions than its text has `$connect(`/`$disconnect(` calls
    // and `return name }` endings (each lifecycle helper or accessor has one), is no dedicated client module (the check below would say so): no need to
    // parse it again. This spares a second parse of every service that constructs a client.
    if (!EXPORTS.test(file.text) || DECLARES_CLASS.test(file.text) || exportsNonHelper(file.text)) return [];
    const { sourceFile, error } = parseSource(file.path, file.text);
    if (error || !isDedicatedClientModule(sourceFile, modules)) return [];
    const found = singletonExport(analyzeFile(sourceFile, { modules, classes: new Map() }));
    return found.exportName === undefined ? [] : [{ path: file.path, ...found, exportName: found.exportName }];
  });
}

/**
 * How a module offers its client: the name it exports the client under (or, failing that, the function that hands it
 * out, `accessor`), and whether it keeps the client on `globalThis`. `exportName` is undefined when it offers none.
 */
export function singletonExport(analysis: FileAnalysis): { exportName: string | undefined; cached: boolean; accessor?: true } {
  const cached = analysis.sites.some((site) => findCacheSnippet(site, analysis) !== undefined || keptOnGlobal(site.node, analysis));
  const exportName = singletonExportName(analysis);
  const accessor = exportName === undefined ? accessorExport(analysis) : undefined;
  return accessor ? { exportName: accessor.name, cached: cached || accessor.cached, accessor: true } : { exportName, cached };
}

/** The counts above, asked last: three searches of the whole text. */
function exportsNonHelper(text: string): boolean {
  return countOf(EXPORTS_FUNCTION, text) > countOf(CONNECTS, text) + countOf(RETURNS_NAME, text);
}

function countOf(pattern: RegExp, text: string): number {
  return text.match(pattern)?.length ?? 0;
}
