import { ts } from '#typescript';
import type { Edit } from './edits.js';
import { WHOLE_MODULE } from './names.js';

/**
 * A value import of the singleton the file already has, with a list of names: `import { prisma as shared } from
 * '../lib/prisma'`. New names join its list rather than a second declaration of the same module, which linters
 * (`import/no-duplicates`, `no-duplicate-imports`, Biome's `noDuplicateImports`) flag.
 */
export interface SingletonImport {
  readonly declaration: ts.ImportDeclaration;
  readonly named: ts.NamedImports;
  /** The local names it already gives the singleton's export (`shared` for `prisma as shared`). */
  readonly locals: readonly string[];
}

/**
 * The file's first top-level, non-type-only import of the singleton (`importsSingleton` decides on its specifier, as
 * the project resolves it) that has a non-empty `{ ... }` list; undefined when there is none.
 */
export function findSingletonImport(
  sourceFile: ts.SourceFile,
  exportName: string,
  importsSingleton: ((specifier: string) => boolean) | undefined,
): SingletonImport | undefined {
  if (!importsSingleton) return undefined;
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const clause = statement.importClause;
    const named = clause?.namedBindings;
    if (!clause || clause.isTypeOnly || !named || !ts.isNamedImports(named) || named.elements.length === 0) continue;
    if (!importsSingleton(statement.moduleSpecifier.text)) continue;
    const locals = named.elements.filter((e) => !e.isTypeOnly && (e.propertyName ?? e.name).text === exportName).map((e) => e.name.text);
    if ((exportName === 'default' || exportName === WHOLE_MODULE) && clause.name) locals.push(clause.name.text);
    return { declaration: statement, named, locals };
  }
  return undefined;
}

/** Adds `specifiers` (`prisma as reports`) at the end of the import's list, after its last name. */
export function joinSingletonImport(existing: SingletonImport, specifiers: readonly string[]): Edit {
  const last = existing.named.elements[existing.named.elements.length - 1];
  const at = last ? last.end : existing.named.getStart() + 1;
  return { start: at, end: at, text: `, ${specifiers.join(', ')}` };
}
