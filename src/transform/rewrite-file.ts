import { ts } from 'ts-morph';
import type { ClientBinding, FileAnalysis, Site } from '../analyze.js';
import type { ReasonId } from '../types.js';
import { removeUnused } from './cleanup.js';
import { applyEdits, joinRemovals, statementRemoval, type Edit } from './edits.js';
import { canAwaitAt, findReferences, findSoleDeclaration, isReassigned } from './positions.js';
import { enclosingClass, sharedUses, type MigratedNames, type SharedUse } from './shared-use.js';
import { continuesPrevious, mergeInsertions, placeImport } from './import-placement.js';
import { destructure, localNameFor } from './names.js';
import { detectStyle, quoted, type CodeStyle } from './style.js';
import { thenCallbackEdits, thenCallbackTarget } from './then-callback.js';

/** What to do with one file: which of its sites to migrate, and how it reaches the singleton. */
export interface RewriteRequest {
  readonly analysis: FileAnalysis;
  readonly sites: readonly Site[];
  /** The module specifier of the singleton as this file must write it. */
  readonly specifier: string;
  readonly exportName: string;
  /** The file loads modules with `require()`, so the singleton is required rather than imported. */
  readonly commonJs: boolean;
  /** Declarations the sites' options used (an adapter and its import); removed if the rewrite leaves them unused. */
  readonly dependencies: readonly ts.Identifier[];
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

type Placement =
  | { readonly type: 'module-const'; readonly site: Site; readonly statement: ts.VariableStatement; readonly name: ts.Identifier; readonly exported: boolean }
  | { readonly type: 'local-const'; readonly site: Site; readonly statement: ts.VariableStatement; readonly name: ts.Identifier }
  | { readonly type: 'lazy-const'; readonly site: Site; readonly binding: ClientBinding; readonly statement: ts.VariableStatement; readonly name: ts.Identifier }
  | { readonly type: 'expression'; readonly site: Site; readonly lazy: boolean };

/**
 * Rewrites one file so that each requested site uses the singleton: module-level declarations become imports
 * (`import { prisma as db }`), a function's own client becomes the module's import, a lazily imported client
 * becomes a lazy import of the singleton, and every other position takes the imported binding under a name that
 * nothing shadows. Client imports, adapters and calls that only served the old clients go.
 */
export function rewriteFile(request: RewriteRequest): FileRewrite {
  const { analysis, exportName } = request;
  const { sourceFile, scopes } = analysis;
  const text = sourceFile.text;
  const style = detectStyle(sourceFile);
  const outcomes: SiteOutcome[] = [];
  const placements: Placement[] = [];

  const thenEdits: Edit[] = [];
  for (const site of request.sites) {
    if (site.binding && ts.isParameter(site.binding.declaration)) continue;
    const placement = placeSite(site, analysis);
    if ('reason' in placement) outcomes.push({ site, action: 'review', reason: placement.reason });
    else placements.push(placement);
  }
  // `import('@prisma/client').then(({ PrismaClient }) => new PrismaClient())`: the callback receives the singleton.
  const thenGroups = new Map<ClientBinding, Site[]>();
  for (const site of request.sites) {
    if (site.binding && ts.isParameter(site.binding.declaration)) thenGroups.set(site.binding, [...(thenGroups.get(site.binding) ?? []), site]);
  }
  for (const [binding, sites] of thenGroups) {
    const edits = thenCallbackEdits(binding, sites, request, style, analysis);
    for (const site of sites) outcomes.push(edits ? { site, action: 'rewrite' } : { site, action: 'review', reason: 'dynamic-not-async' });
    if (edits) thenEdits.push(...edits);
  }
  if (placements.length === 0 && thenEdits.length === 0) return { after: null, outcomes, uses: [] };
  hoistLocalDeclarations(placements, analysis);

  const edits: Edit[] = [...thenEdits];
  const specifiers: string[] = [];
  const importAs = (local: string): void => {
    const separator = request.commonJs ? ': ' : ' as ';
    const specifier = local === exportName && exportName !== 'default' ? exportName : `${exportName}${separator}${local}`;
    if (!specifiers.includes(specifier)) specifiers.push(specifier);
  };
  const shared = placements.some((p) => p.type === 'expression' && !p.lazy) ? chooseSharedName(placements, analysis, localNameFor(exportName)) : undefined;

  for (const placement of placements) {
    outcomes.push({ site: placement.site, action: 'rewrite' });
    switch (placement.type) {
      case 'module-const':
        importAs(placement.name.text);
        edits.push(
          placement.exported
            ? { start: placement.statement.getStart(), end: placement.statement.end, text: exportStatement(placement.name.text, style) }
            : statementRemoval(text, placement.statement),
        );
        break;
      case 'local-const':
        importAs(placement.name.text);
        edits.push(statementRemoval(text, placement.statement));
        break;
      case 'lazy-const':
        edits.push(...lazyConstEdits(placement, request, style), statementRemoval(text, placement.statement));
        break;
      case 'expression': {
        const node = placement.site.node;
        if (!placement.lazy && shared) importAs(shared);
        const replacement = placement.lazy ? `(await import(${quoted(request.specifier, style)})).${exportName}` : (shared ?? localNameFor(exportName));
        // Without semicolons, a statement that now starts with `(` would continue the previous line.
        const guard = replacement.startsWith('(') && continuesPrevious(node, text) ? ';' : '';
        edits.push({ start: node.getStart(), end: node.end, text: guard + replacement });
      }
    }
  }

  const calls = sharedUses(text, sourceFile, scopes, migratedNames(placements));
  edits.push(...calls.edits);
  // A lazily imported binding that became the singleton's own lazy import is rewritten, not removed.
  const reused = new Set(placements.flatMap((p) => (p.type === 'lazy-const' ? [p.binding.name] : [])));
  const candidates = [
    ...placements.flatMap((p) => (p.site.binding && !reused.has(p.site.binding.name) && !ts.isParameter(p.site.binding.declaration) ? [p.site.binding.name] : [])),
    ...request.dependencies,
  ];
  const cleanup = removeUnused(text, [...new Set(candidates)], scopes, edits);
  edits.push(...cleanup.edits);

  if (specifiers.length > 0) {
    const semi = style.semicolons ? ';' : '';
    const [only] = specifiers;
    const defaultLocal = specifiers.length === 1 && only?.startsWith('default as ') ? only.slice('default as '.length) : undefined;
    const statementText = request.commonJs
      ? `const { ${specifiers.join(', ')} } = require(${quoted(request.specifier, style)})${semi}`
      : `import ${defaultLocal ?? `{ ${specifiers.join(', ')} }`} from ${quoted(request.specifier, style)}${semi}`;
    edits.push(placeImport(statementText, cleanup.freed, sourceFile, style, edits));
  } else if (cleanup.freed) {
    edits.push(statementRemoval(text, cleanup.freed));
  }
  return { after: applyEdits(text, mergeInsertions(joinRemovals(text, edits))), outcomes, uses: calls.uses };
}

function placeSite(site: Site, analysis: FileAnalysis): Placement | { readonly reason: ReasonId } {
  const { scopes, sourceFile } = analysis;
  const sole = findSoleDeclaration(site.node);
  const binding = site.binding;
  const lazyBinding = binding?.kind === 'dynamic-import' && !ts.isParameter(binding.declaration);
  if (sole && isReassigned(sole.name, scopes)) return { reason: 'reassigned-binding' };
  if (sole && sole.statement.parent === sourceFile && site.kind !== 'dynamic-import') {
    const exported = sole.statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
    return { type: 'module-const', site, statement: sole.statement, name: sole.name, exported };
  }
  if (sole && binding && lazyBinding && ts.isVariableStatement(binding.declaration) && isOnlyUse(binding, site, analysis)) {
    if (binding.declaration.parent === sole.statement.parent && binding.declaration.pos < sole.statement.pos) {
      return { type: 'lazy-const', site, binding, statement: sole.statement, name: sole.name };
    }
  }
  if (site.kind === 'dynamic-import') {
    return canAwaitAt(site.node) ? { type: 'expression', site, lazy: true } : { reason: 'dynamic-not-async' };
  }
  return { type: 'expression', site, lazy: false };
}

/**
 * Why a site would be left for a person, decided exactly as the rewrite decides it, without rewriting: lets
 * --check report without planning any edit.
 */
export function reviewReason(site: Site, analysis: FileAnalysis): ReasonId | undefined {
  const binding = site.binding;
  if (binding && ts.isParameter(binding.declaration)) {
    return thenCallbackTarget(binding, analysis.sites.filter((s) => s.binding === binding), analysis) ? undefined : 'dynamic-not-async';
  }
  const placement = placeSite(site, analysis);
  return 'reason' in placement ? placement.reason : undefined;
}

/**
 * Turns `const prisma = new PrismaClient()` inside a function into nothing at all, the function then using the
 * module's import of the singleton, when no name changes meaning: no scope between the declaration and the module
 * declares the name again, and the module does not declare it (except as another import of the singleton).
 */
function hoistLocalDeclarations(placements: Placement[], analysis: FileAnalysis): void {
  const { scopes, sourceFile } = analysis;
  const moduleNames = scopes.declaredIn(sourceFile) ?? new Map<string, ts.Identifier>();
  const imported = new Set(placements.flatMap((p) => (p.type === 'module-const' ? [p.name.text] : [])));
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

/** The binding's declaration declares nothing else, and this site is its only use. */
function isOnlyUse(binding: ClientBinding, site: Site, analysis: FileAnalysis): boolean {
  const declaration = binding.declaration;
  if (!ts.isVariableStatement(declaration)) return false;
  const declarations = declaration.declarationList.declarations;
  const [only] = declarations;
  if (declarations.length !== 1 || !only) return false;
  if (ts.isObjectBindingPattern(only.name) && only.name.elements.length !== 1) return false;
  const references = findReferences(binding.name, analysis.scopes);
  const [reference] = references;
  return references.length === 1 && !!reference && site.node.getStart() <= reference.getStart() && reference.end <= site.node.end;
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
 * The local name for the singleton at expression sites: a name a declaration already imports it under, else the
 * export name, else `sharedPrisma`, `sharedPrisma2`...; always one that no scope between a site and the module
 * shadows, and that no remaining module-level declaration takes.
 */
function chooseSharedName(placements: readonly Placement[], analysis: FileAnalysis, exportName: string): string {
  const moduleNames = analysis.scopes.declaredIn(analysis.sourceFile) ?? new Map<string, ts.Identifier>();
  const importedLocals = placements.flatMap((p) => (p.type === 'module-const' || p.type === 'local-const' ? [p.name.text] : []));
  const sites = placements.filter((p) => p.type === 'expression' && !p.lazy).map((p) => p.site.node);
  const usable = (name: string): boolean =>
    (importedLocals.includes(name) || !moduleNames.has(name)) && sites.every((node) => analysis.scopes.isFreeBelowModule(name, node));
  for (const name of [...importedLocals, exportName, 'sharedPrisma']) if (usable(name)) return name;
  for (let n = 2; ; n += 1) if (usable(`sharedPrisma${n}`)) return `sharedPrisma${n}`;
}
