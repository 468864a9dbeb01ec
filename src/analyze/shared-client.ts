import { ts } from '#typescript';
import { isRelativeSpecifier } from '../core/paths.js';
import type { SourceText } from '../core/types.js';
import type { ClientModules } from '../discover/client-modules.js';
import { analyzeFile, type FileAnalysis } from './analyze-file.js';
import { readClientOptions } from './client-options.js';
import { findExistingSingletons } from './existing-singleton.js';
import { parseSource } from './parse.js';

/** What a workspace package's entry offers its dependents: a shared client instance, and whether PrismaClient too. */
export interface EntryClient {
  /** The module that constructs the shared client (package-relative), and the name the entry exports it under. */
  readonly singleton: EntrySingleton | undefined;
  /** The entry re-exports PrismaClient (`export * from '@prisma/client'`, `export { PrismaClient } from './generated/prisma/client'`). */
  readonly reexportsClient: boolean;
  /** The name under which the entry exports a subclass of PrismaClient (a Nest provider, `DbService`), if any. */
  readonly provider: string | undefined;
}

/** The module that constructs a package's shared client. */
export interface EntrySingleton {
  /** Package-relative. */
  readonly path: string;
  /** The name the entry exports the client under. */
  readonly exportName: string;
  /** The name the module itself exports it under (an import of the module, not the entry, uses this). */
  readonly moduleExportName: string;
  readonly clientModule: string;
  readonly key: string;
}

/** Reads a package module (package-relative path and text); undefined when there is none. */
export type LoadModule = (fromPath: string, specifier: string) => SourceText | undefined;

/** How deep re-exports are followed from the entry: `index.ts` -> `client.ts` is one step. */
const MAX_DEPTH = 4;

/**
 * Follows a package entry's exports (its own declarations, `export { prisma } from './client'`, `export * from
 * './db'`) to the module that holds a shared client (a singleton by the rules of existing-singleton.ts), and notes
 * whether PrismaClient itself is re-exported. `modules` classifies specifiers as the package's own project sees them.
 */
export function entryClient(entry: SourceText, load: LoadModule, modules: ClientModules, analyses = packageAnalyses(modules)): EntryClient {
  let reexportsClient = false;
  const seen = new Set<string>();
  // Visits every module the entry re-exports from (no early return: a later `export *` may pass PrismaClient on).
  const visit = (file: SourceText, wanted: string | undefined, depth: number, viaStars: boolean): EntryClient['singleton'] => {
    if (seen.has(file.path) || depth > MAX_DEPTH) return undefined;
    seen.add(file.path);
    const own = singletonIn(file, analyses);
    if (viaStars && passesClientOn(file, analyses)) reexportsClient = true;
    let found = own && (wanted === undefined || wanted === own.exportName) ? own : undefined;
    for (const reexport of reexportsOf(file, analyses)) {
      if (modules.classify(reexport.specifier, file.path)) {
        if (reexport.names === '*' || reexport.names.some((n) => n.imported === 'PrismaClient')) reexportsClient ||= viaStars;
        continue;
      }
      const target = isRelativeSpecifier(reexport.specifier) ? load(file.path, reexport.specifier) : undefined;
      if (!target) continue;
      const names =
        reexport.names === '*' ? [{ imported: wanted, exported: wanted }] : reexport.names.filter((n) => wanted === undefined || n.exported === wanted);
      for (const name of names) {
        const deeper = visit(target, name.imported, depth + 1, viaStars && reexport.names === '*');
        if (deeper && !found) found = { ...deeper, exportName: name.exported ?? deeper.exportName };
      }
    }
    return found;
  };
  const singleton = visit(entry, undefined, 0, true);
  return { singleton, reexportsClient, provider: subclassExport(entry, undefined, { load, analyses, seen: new Set(), depth: 0 }) };
}

/**
 * The name under which a module of a package (a subpath of its `exports`) exports a subclass of PrismaClient, if any.
 * Pass the analyses `entryClient` was given, so that a module both reach is parsed once.
 */
export function exportedSubclass(file: SourceText, load: LoadModule, analyses: Analyses): string | undefined {
  return subclassExport(file, undefined, { load, analyses, seen: new Set(), depth: 0 });
}

/** One package's parsed modules, shared by the questions asked of it. */
export function packageAnalyses(modules: ClientModules): Analyses {
  return { modules, byPath: new Map() };
}

/**
 * The name under which `file` exports a subclass of PrismaClient (`wanted`, or any when undefined), following its
 * re-exports (`export * from './db.service'`, `export { DbService as Db } from './db.service'`).
 */
function subclassExport(
  file: SourceText,
  wanted: string | undefined,
  walk: { load: LoadModule; analyses: Analyses; seen: Set<string>; depth: number },
): string | undefined {
  if (walk.seen.has(file.path) || walk.depth > MAX_DEPTH) return undefined;
  walk.seen.add(file.path);
  const exports = analysed(file, walk.analyses)?.exports;
  if (!exports) return undefined;
  const own = [...exports].find(([name, e]) => e.reason === 'client-subclass' && e.form === 'constructor' && (wanted === undefined || name === wanted));
  if (own) return own[0];
  for (const reexport of reexportsOf(file, walk.analyses)) {
    const target = isRelativeSpecifier(reexport.specifier) ? walk.load(file.path, reexport.specifier) : undefined;
    if (!target) continue;
    const names =
      reexport.names === '*' ? [{ imported: wanted, exported: wanted }] : reexport.names.filter((n) => wanted === undefined || n.exported === wanted);
    for (const name of names) {
      const found = subclassExport(target, name.imported, { ...walk, depth: walk.depth + 1 });
      if (found !== undefined) return name.exported ?? found;
    }
  }
  return undefined;
}

function singletonIn(file: SourceText, analyses: Analyses): EntryClient['singleton'] {
  const [found] = findExistingSingletons([file], analyses.modules);
  const analysis = found ? analysed(file, analyses) : undefined;
  if (!found || !analysis) return undefined;
  const [site] = analysis.sites;
  if (!site) return undefined;
  const read = readClientOptions(site, analysis);
  return {
    path: file.path,
    exportName: found.exportName,
    moduleExportName: found.exportName,
    clientModule: site.clientModule,
    key: read.ok ? read.options.key : '',
  };
}

/**
 * The module passes PrismaClient on other than by `export ... from`: the whole client module as its default or
 * `module.exports` (`module.exports = require('@prisma/client')`, the CommonJS shim of a TypeScript db package;
 * `export default pkg`), or a constructor under the name (`module.exports = { ...P }`, `export const PrismaClient = P.PrismaClient`).
 */
function passesClientOn(file: SourceText, analyses: Analyses): boolean {
  const exports = analysed(file, analyses)?.exports;
  if (!exports) return false;
  return exports.get('default')?.form === 'module' || exports.get('PrismaClient')?.form === 'constructor';
}

interface Reexport {
  readonly specifier: string;
  /** `*` for `export * from`; else each `imported as exported`. */
  readonly names: '*' | readonly { readonly imported: string | undefined; readonly exported: string | undefined }[];
}

/** The value re-exports of a module: `export * from 'x'`, `export { a, b as c } from 'x'`. */
function reexportsOf(file: SourceText, analyses: Analyses): Reexport[] {
  const sourceFile = analysed(file, analyses)?.sourceFile;
  if (!sourceFile) return [];
  return sourceFile.statements.flatMap((statement): Reexport[] => {
    if (!ts.isExportDeclaration(statement) || statement.isTypeOnly || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) return [];
    const specifier = statement.moduleSpecifier.text;
    const clause = statement.exportClause;
    if (!clause) return [{ specifier, names: '*' }];
    if (!ts.isNamedExports(clause)) return [];
    const names = clause.elements
      .filter((element) => !element.isTypeOnly)
      .map((element) => ({ imported: (element.propertyName ?? element.name).text, exported: element.name.text }));
    return [{ specifier, names }];
  });
}

/** Each package module parsed and analysed once per entry, however many questions are asked of it (none when it does not parse). */
export interface Analyses {
  readonly modules: ClientModules;
  readonly byPath: Map<string, FileAnalysis | undefined>;
}

function analysed(file: SourceText, analyses: Analyses): FileAnalysis | undefined {
  if (!analyses.byPath.has(file.path)) {
    const { sourceFile, error } = parseSource(file.path, file.text);
    analyses.byPath.set(file.path, error ? undefined : analyzeFile(sourceFile, { modules: analyses.modules, classes: new Map() }));
  }
  return analyses.byPath.get(file.path);
}
