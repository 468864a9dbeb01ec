import { ts } from '#typescript';
import type { ClientBinding, FileAnalysis, Site } from '../analyze/analyze-file.js';
import type { ModuleSyntax, ReasonId } from '../core/types.js';
import { importsReadBy, removeUnused } from './cleanup.js';
import { applyEdits, joinRemovals, statementRemoval, type Edit } from './edits.js';
import { findSoleDeclaration } from '../analyze/references.js';
import { isThenCallbackSite, placeSite, type Placement } from '../analyze/placement.js';
import { enclosingClass, sharedUses, type MigratedNames, type SharedUse } from './shared-use.js';
import { continuesPrevious, mergeInsertions, singletonImportEdits } from './import-placement.js';
import { destructure, localNameFor } from './names.js';
import { detectStyle, quoted, type CodeStyle } from './style.js';
import { ImportSpecifiers } from './import-statement.js';
import { findSingletonImport } from './singleton-import.js';
import { localRequireDeclarations } from './local-require.js';
import { thenCallbackEdits } from './then-callback.js';

/** What to do with one file: which of its sites to migrate, and how it reaches the singleton. */
export interface RewriteRequest {
  readonly analysis: FileAnalysis;
  readonly sites: readonly Site[];
  /** The module specifier of the singleton as this file must write it. */
  readonly specifier: string;
  readonly exportName: string;
  /** How the file loads modules, and so how it loads the singleton. */
  readonly syntax: ModuleSyntax;
  /** Declarations the sites' options used (an adapter and its import); removed if the rewrite leaves them unused. */
  readonly dependencies: readonly ts.Identifier[];
  /** Whether a module specifier the file already imports names the singleton (a named import of it takes new names). */
  readonly importsSingleton?: (specifier: string) => boolean;
}

/** The verdict on one site: rewritten, or left for a person with the reason. */
export interface SiteOutcome {
  readonly site: Site;
  readonly action: 'rewrite' | 'review';
  readonly reason?: ReasonId;
}

/** The new text of the file (null when nothing changes), one outcome per requested site, and shared-use notes. */
export interface FileRewrite {
  readonly after: string | null;
  readonly outcomes: readonly SiteOutcome[];
  readonly uses: readonly SharedUse[];
}

/**
 * Rewrites one file so that each requested site uses the singleton: module-level declarations become imports
 * (`import { prisma as db }`), a function's own client becomes the module's import, a lazily imported client
 * becomes a lazy import of the singleton, and every other position takes the imported binding under a name that
 * nothing shadows. Client imports, adapters and calls that only served the old clients go.
 */
export function rewriteFile(request: RewriteRequest): FileRewrite {
  const { analysis } = request;
  const { sourceFile, scopes } = analysis;
  const text = sourceFile.text;
  const style = detectStyle(sourceFile);
  const { placements, thenEdits, outcomes } = placeAll(request, style);
  if (placements.length === 0 && thenEdits.length === 0) return { after: null, outcomes, uses: [] };
  const existing = request.syntax === 'esm' ? findSingletonImport(sourceFile, request.exportName, request.importsSingleton) : undefined;
  hoistLocalDeclarations(placements, analysis, existing?.locals ?? []);

  const imports = new ImportSpecifiers(request.exportName, request.syntax, existing?.locals);
  const edits: Edit[] = [...thenEdits, ...placementEdits(placements, request, style, imports, existing?.locals ?? [])];
  const calls = sharedUses(text, sourceFile, scopes, migratedNames(placements));
  edits.push(...calls.edits);
  // A lazily imported binding that became the singleton's own lazy import is rewritten, not removed.
  const reused = new Set(placements.flatMap((p) => (p.type === 'lazy-const' ? [p.binding.name] : [])));
  // The binding a site used, and the ones it was read from (`const { PrismaClient } = Prisma` reads the import `Prisma`).
  const chain = (binding: ClientBinding | undefined): ts.Identifier[] => (binding ? [binding.name, ...chain(binding.source)] : []);
  const chained = placements.flatMap((p) => (isThenCallbackSite(p.site) ? [] : chain(p.site.binding).filter((name) => !reused.has(name))));
  const candidates = [
    ...chained,
    ...localRequireDeclarations(
      chained,
      placements.map((p) => p.site.node),
      scopes,
    ),
    ...placements.flatMap((p) => (p.type === 'module-const' && p.snippet?.holder ? [p.snippet.holder] : [])),
    ...importsReadBy(chained, scopes),
    ...request.dependencies,
  ];
  const cleanup = removeUnused(text, [...new Set(candidates)], scopes, edits);
  edits.push(...cleanup.edits);
  edits.push(...singletonImportEdits({ ...request, sourceFile, style, imports, existing, cleanup, edits }));
  for (const placement of placements) outcomes.push({ site: placement.site, action: 'rewrite' });
  return { after: applyEdits(text, mergeInsertions(joinRemovals(text, edits))), outcomes, uses: calls.uses };
}

/** Places every requested site; `.then` callback sites are rewritten as a group per callback parameter. */
function placeAll(request: RewriteRequest, style: CodeStyle): { placements: Placement[]; thenEdits: Edit[]; outcomes: SiteOutcome[] } {
  const { analysis } = request;
  const outcomes: SiteOutcome[] = [];
  const placements: Placement[] = [];
  const thenEdits: Edit[] = [];
  const thenGroups = new Map<ClientBinding, Site[]>();
  for (const site of request.sites) {
    if (isThenCallbackSite(site)) {
      thenGroups.set(site.binding, [...(thenGroups.get(site.binding) ?? []), site]);
      continue;
    }
    const placement = placeSite(site, analysis);
    if ('reason' in placement) outcomes.push({ site, action: 'review', reason: placement.reason });
    else placements.push(placement);
  }
  // `import('@prisma/client').then(({ PrismaClient }) => new PrismaClient())`: the callback receives the singleton.
  for (const [binding, sites] of thenGroups) {
    const edits = thenCallbackEdits(binding, sites, request, style, analysis);
    for (const site of sites) outcomes.push(edits ? { site, action: 'rewrite' } : { site, action: 'review', reason: 'dynamic-not-async' });
    if (edits) thenEdits.push(...edits);
  }
  return { placements, thenEdits, outcomes };
}

/** The edits at each placed site, registering the local names the file must import. */
function placementEdits(
  placements: readonly Placement[],
  request: RewriteRequest,
  style: CodeStyle,
  imports: ImportSpecifiers,
  present: readonly string[],
): Edit[] {
  const { analysis, exportName } = request;
  const text = analysis.sourceFile.text;
  const needsShared = placements.some((p) => p.type === 'expression' && !p.lazy);
  const shared = needsShared ? chooseSharedName(placements, analysis, localNameFor(exportName), present) : undefined;
  const edits: Edit[] = [];
  for (const placement of placements) {
    switch (placement.type) {
      case 'module-const':
        imports.add(placement.name.text);
        edits.push(
          placement.exported
            ? { start: placement.statement.getStart(), end: placement.statement.end, text: exportStatement(placement.name.text, style) }
            : statementRemoval(text, placement.statement),
        );
        for (const statement of placement.snippet?.removals ?? []) edits.push(statementRemoval(text, statement));
        break;
      case 'local-const':
        imports.add(placement.name.text);
        edits.push(statementRemoval(text, placement.statement));
        break;
      case 'lazy-const':
        edits.push(...lazyConstEdits(placement, request, style), statementRemoval(text, placement.statement));
        break;
      case 'expression': {
        const node = placement.site.node;
        if (!placement.lazy && shared) imports.add(shared);
        const replacement = placement.lazy ? `(await import(${quoted(request.specifier, style)})).${exportName}` : (shared ?? localNameFor(exportName));
        // Without semicolons, a statement that now starts with `(` would continue the previous line.
        const guard = replacement.startsWith('(') && continuesPrevious(node, text) ? ';' : '';
        edits.push({ start: node.getStart(), end: node.end, text: guard + replacement });
      }
    }
  }
  return edits;
}

/**
 * Turns `const prisma = new PrismaClient()` inside a function into nothing at all, the function then using the
 * module's import of the singleton, when no name changes meaning: no scope between the declaration and the module
 * declares the name again, and the module does not declare it (except as another import of the singleton, a migrated
 * one or the file's own: `present`).
 */
function hoistLocalDeclarations(placements: Placement[], analysis: FileAnalysis, present: readonly string[]): void {
  const { scopes, sourceFile } = analysis;
  const moduleNames = scopes.declaredIn(sourceFile) ?? new Map<string, ts.Identifier>();
  const imported = new Set([...present, ...placements.flatMap((p) => (p.type === 'module-const' ? [p.name.text] : []))]);
  for (const [index, placement] of placements.entries()) {
    if (placement.type !== 'expression' || placement.lazy) continue;
    const sole = findSoleDeclaration(placement.site.node);
    if (!sole || sole.statement.parent === sourceFile) continue;
    const name = sole.name.text;
    if (moduleNames.has(name) && !imported.has(name)) continue;
    let free = true;
    for (let node: ts.Node | undefined = sole.statement.parent; node && node !== sourceFile; node = node.parent) {
      const declared = scopes.declaredIn(node)?.get(name);
      if (declared && declared !== sole.name) free = false;
    }
    if (free) placements[index] = { type: 'local-const', site: placement.site, statement: sole.statement, name: sole.name };
  }
}

/**
 * `const { PrismaClient } = await import('@prisma/client')` (or `const m = await import(...)`, or
 * `const C = (await import(...)).PrismaClient`) becomes `const { prisma: db } = await import('../lib/prisma.js')`.
 */
function lazyConstEdits(placement: Extract<Placement, { type: 'lazy-const' }>, request: RewriteRequest, style: CodeStyle): Edit[] {
  const declaration = placement.binding.declaration;
  const [variable] = ts.isVariableStatement(declaration) ? declaration.declarationList.declarations : [];
  if (!variable?.initializer) return [];
  const { exportName } = request;
  const local = placement.name.text;
  const pattern = destructure(exportName, local);
  return [
    { start: variable.name.getStart(), end: variable.name.end, text: pattern },
    { start: variable.initializer.getStart(), end: variable.initializer.end, text: `await import(${quoted(request.specifier, style)})` },
  ];
}

function exportStatement(local: string, style: CodeStyle): string {
  return `export { ${local} }${style.semicolons ? ';' : ''}`;
}

/** Which variables and class members held a client that the singleton replaced (for `$disconnect` and friends). */
function migratedNames(placements: readonly Placement[]): MigratedNames {
  const variables = new Set<ts.Identifier>();
  const members = new Map<ts.ClassLikeDeclaration, Set<string>>();
  const addMember = (owner: ts.ClassLikeDeclaration | undefined, name: string): void => {
    if (owner) members.set(owner, new Set([...(members.get(owner) ?? []), name]));
  };
  for (const placement of placements) {
    if (placement.type !== 'expression') {
      variables.add(placement.name);
      continue;
    }
    const parent = placement.site.node.parent;
    const sole = findSoleDeclaration(placement.site.node);
    if (sole) variables.add(sole.name);
    else if (ts.isPropertyDeclaration(parent) && ts.isIdentifier(parent.name)) addMember(enclosingClass(parent.name), parent.name.text);
    else if (ts.isBinaryExpression(parent) && ts.isPropertyAccessExpression(parent.left) && parent.left.expression.kind === ts.SyntaxKind.ThisKeyword) {
      addMember(enclosingClass(parent), parent.left.name.text);
    }
  }
  return { variables, members };
}

/**
 * The local name for the singleton at expression sites: a name a declaration already imports it under (a migrated
 * declaration's, or one the file's own import of the singleton gives it: `present`), else the export name, else
 * `sharedPrisma`, `sharedPrisma2`...; always one that no scope between a site and the module shadows, and that no
 * remaining module-level declaration takes.
 */
function chooseSharedName(placements: readonly Placement[], analysis: FileAnalysis, exportName: string, present: readonly string[]): string {
  const moduleNames = analysis.scopes.declaredIn(analysis.sourceFile) ?? new Map<string, ts.Identifier>();
  const importedLocals = [...placements.flatMap((p) => (p.type === 'module-const' || p.type === 'local-const' ? [p.name.text] : [])), ...present];
  const sites = placements.filter((p) => p.type === 'expression' && !p.lazy).map((p) => p.site.node);
  const usable = (name: string): boolean =>
    (importedLocals.includes(name) || !moduleNames.has(name)) && sites.every((node) => analysis.scopes.isFreeBelowModule(name, node));
  for (const name of [...importedLocals, exportName, 'sharedPrisma']) if (usable(name)) return name;
  for (let n = 2; ; n += 1) if (usable(`sharedPrisma${n}`)) return `sharedPrisma${n}`;
}
