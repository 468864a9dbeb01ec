import { ts } from 'ts-morph';
import type { ClientBinding, FileAnalysis, Site } from '../analyze.js';
import type { ReasonId } from '../types.js';
import { applyEdits, statementRemoval, type Edit } from './edits.js';
import { canAwaitAt, findReferences, findSoleDeclaration, isReassigned } from './positions.js';
import { detectStyle, quoted, type CodeStyle } from './style.js';

/** What to do with one file: which of its sites to migrate, and how it reaches the singleton. */
export interface RewriteRequest {
  readonly analysis: FileAnalysis;
  readonly sites: readonly Site[];
  /** The module specifier of the singleton as this file must write it. */
  readonly specifier: string;
  readonly exportName: string;
  /** The file loads modules with `require()`, so the singleton is required rather than imported. */
  readonly commonJs: boolean;
}

/** The verdict on one site: rewritten, or left for a person with the reason. */
export interface SiteOutcome {
  readonly site: Site;
  readonly action: 'rewrite' | 'review';
  readonly reason?: ReasonId;
}

/** The new text of the file (null when nothing changes) and one outcome per requested site. */
export interface FileRewrite {
  readonly after: string | null;
  readonly outcomes: readonly SiteOutcome[];
}

type Placement =
  | { readonly type: 'module-const'; readonly site: Site; readonly statement: ts.VariableStatement; readonly local: string; readonly exported: boolean }
  | { readonly type: 'lazy-const'; readonly site: Site; readonly binding: ClientBinding; readonly statement: ts.VariableStatement; readonly local: string }
  | { readonly type: 'local-const'; readonly site: Site; readonly statement: ts.VariableStatement; readonly local: string }
  | { readonly type: 'expression'; readonly site: Site; readonly lazy: boolean };

/**
 * Rewrites one file so that each requested site uses the singleton: module-level declarations become imports
 * (`import { prisma as db }`), a lazily imported client becomes a lazy import of the singleton, and every other
 * position takes the imported binding under a name that nothing shadows. Client imports left unused go.
 */
export function rewriteFile(request: RewriteRequest): FileRewrite {
  const { analysis, exportName } = request;
  const { sourceFile } = analysis;
  const text = sourceFile.text;
  const style = detectStyle(sourceFile);
  const outcomes: SiteOutcome[] = [];
  const placements: Placement[] = [];

  for (const site of request.sites) {
    const placement = placeSite(site, analysis);
    if ('reason' in placement) outcomes.push({ site, action: 'review', reason: placement.reason });
    else placements.push(placement);
  }
  if (placements.length === 0) return { after: null, outcomes };
  hoistLocalDeclarations(placements, analysis);

  const edits: Edit[] = [];
  const specifiers: string[] = [];
  const importAs = (local: string): void => {
    const specifier = request.commonJs
      ? local === exportName ? exportName : `${exportName}: ${local}`
      : local === exportName ? exportName : `${exportName} as ${local}`;
    if (!specifiers.includes(specifier)) specifiers.push(specifier);
  };

  const expressionSites = placements.filter((p) => p.type === 'expression');
  const shared = expressionSites.some((p) => !p.lazy) ? chooseSharedName(placements, analysis, exportName) : undefined;

  for (const placement of placements) {
    outcomes.push({ site: placement.site, action: 'rewrite' });
    if (placement.type === 'local-const') {
      importAs(placement.local);
      edits.push(statementRemoval(text, placement.statement));
    } else if (placement.type === 'module-const') {
      importAs(placement.local);
      edits.push(
        placement.exported
          ? { start: placement.statement.getStart(), end: placement.statement.end, text: exportStatement(placement.local, style) }
          : statementRemoval(text, placement.statement),
      );
    } else if (placement.type === 'lazy-const') {
      edits.push(...lazyConstEdits(placement, request, style), statementRemoval(text, placement.statement));
    } else {
      const node = placement.site.node;
      const replacement = placement.lazy
        ? `(await import(${quoted(request.specifier, style)})).${exportName}`
        : (shared ?? exportName);
      if (!placement.lazy && shared) importAs(shared);
      edits.push({ start: node.getStart(), end: node.end, text: replacement });
    }
  }

  const removed = edits.map((edit) => [edit.start, edit.end] as const);
  const isGone = (node: ts.Node): boolean => removed.some(([start, end]) => node.getStart() >= start && node.end <= end);
  // A lazily imported binding that became the singleton's own lazy import is rewritten, not removed.
  const reused = new Set(placements.flatMap((p) => (p.type === 'lazy-const' ? [p.binding] : [])));
  const touched = new Set(placements.flatMap((p) => (p.site.binding && !reused.has(p.site.binding) ? [p.site.binding] : [])));
  const importEdit = unusedBindingEdits(text, [...touched], analysis, isGone);
  edits.push(...importEdit.edits);

  if (specifiers.length > 0) {
    const statementText = request.commonJs
      ? `const { ${specifiers.join(', ')} } = require(${quoted(request.specifier, style)})${style.semicolons ? ';' : ''}`
      : `import { ${specifiers.join(', ')} } from ${quoted(request.specifier, style)}${style.semicolons ? ';' : ''}`;
    edits.push(placeImport(statementText, importEdit.freedStatement, sourceFile, style));
  }
  return { after: applyEdits(text, mergeAt(edits)), outcomes };
}

function placeSite(site: Site, analysis: FileAnalysis): Placement | { readonly reason: ReasonId } {
  const { scopes, sourceFile } = analysis;
  const sole = findSoleDeclaration(site.node);
  const binding = site.binding;
  const lazyBinding = binding?.kind === 'dynamic-import' && !ts.isParameter(binding.declaration);
  if (sole && isReassigned(sole.name, scopes)) return { reason: 'reassigned-binding' };
  if (sole && sole.statement.parent === sourceFile && !lazyBinding && site.kind !== 'dynamic-import') {
    const exported = sole.statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
    return { type: 'module-const', site, statement: sole.statement, local: sole.name.text, exported };
  }
  if (sole && binding && lazyBinding && isOnlyUse(binding, site, analysis) && binding.declaration.parent === sole.statement.parent) {
    if (ts.isVariableStatement(binding.declaration) && binding.declaration.pos < sole.statement.pos) {
      return { type: 'lazy-const', site, binding, statement: sole.statement, local: sole.name.text };
    }
  }
  if (site.kind === 'dynamic-import') {
    return canAwaitAt(site.node) ? { type: 'expression', site, lazy: true } : { reason: 'dynamic-not-async' };
  }
  return { type: 'expression', site, lazy: false };
}

/**
 * Turns `const prisma = new PrismaClient()` inside a function into nothing at all, the function then using the
 * module's import of the singleton, when that changes what no name refers to: no scope between the declaration
 * and the module declares the name again, and the module does not declare it (except as another import of the
 * singleton).
 */
function hoistLocalDeclarations(placements: Placement[], analysis: FileAnalysis): void {
  const { scopes, sourceFile } = analysis;
  const moduleNames = scopes.declaredIn(sourceFile) ?? new Map<string, ts.Identifier>();
  const imported = new Set(placements.flatMap((p) => (p.type === 'module-const' ? [p.local] : [])));
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
    if (free) placements[index] = { type: 'local-const', site: placement.site, statement: sole.statement, local: name };
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
  return references.length === 1 && references[0] !== undefined && site.node.getStart() <= references[0].getStart() && references[0].end <= site.node.end;
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
  const pattern = placement.local === exportName ? `{ ${exportName} }` : `{ ${exportName}: ${placement.local} }`;
  return [
    { start: variable.name.getStart(), end: variable.name.end, text: pattern },
    { start: variable.initializer.getStart(), end: variable.initializer.end, text: `await import(${quoted(request.specifier, style)})` },
  ];
}

function exportStatement(local: string, style: CodeStyle): string {
  return `export { ${local} }${style.semicolons ? ';' : ''}`;
}

/**
 * The local name for the singleton at expression sites: a name a module-level declaration already imports it
 * under, else the export name, else `sharedPrisma`, `sharedPrisma2`...; always one that no scope between a site
 * and the module shadows, and that no remaining module-level declaration takes.
 */
function chooseSharedName(placements: readonly Placement[], analysis: FileAnalysis, exportName: string): string {
  const moduleNames = analysis.scopes.declaredIn(analysis.sourceFile) ?? new Map<string, ts.Identifier>();
  const importedLocals = placements.flatMap((p) => (p.type === 'module-const' || p.type === 'local-const' ? [p.local] : []));
  const sites = placements.filter((p) => p.type === 'expression' && !p.lazy).map((p) => p.site.node);
  const usable = (name: string): boolean =>
    (importedLocals.includes(name) || !moduleNames.has(name)) && sites.every((node) => analysis.scopes.isFreeBelowModule(name, node));
  for (const name of [...importedLocals, exportName, 'sharedPrisma']) if (usable(name)) return name;
  for (let n = 2; ; n += 1) if (usable(`sharedPrisma${n}`)) return `sharedPrisma${n}`;
}

interface UnusedBindingEdits {
  readonly edits: readonly Edit[];
  /** A static client import removed whole, where the singleton's import can stand instead. */
  readonly freedStatement: ts.Statement | undefined;
}

/** Removes client bindings that the rewrite left without a use; keeps other specifiers and type-only uses. */
function unusedBindingEdits(
  text: string,
  touched: readonly ClientBinding[],
  analysis: FileAnalysis,
  isGone: (node: ts.Node) => boolean,
): UnusedBindingEdits {
  const unused = touched.filter((binding) => !isGone(binding.declaration) && findReferences(binding.name, analysis.scopes).every(isGone));
  const byDeclaration = new Map<ClientBinding['declaration'], ClientBinding[]>();
  for (const binding of unused) byDeclaration.set(binding.declaration, [...(byDeclaration.get(binding.declaration) ?? []), binding]);
  const edits: Edit[] = [];
  let freedStatement: ts.Statement | undefined;
  for (const [declaration, bindings] of byDeclaration) {
    if (ts.isParameter(declaration)) continue;
    const names = declaredNames(declaration);
    if (bindings.length === names.length) {
      if (!freedStatement && declaration.parent === analysis.sourceFile) {
        freedStatement = declaration;
        continue;
      }
      edits.push(statementRemoval(text, declaration));
      continue;
    }
    for (const binding of bindings) {
      if (binding.element) edits.push(listElementRemoval(binding.element));
    }
  }
  return { edits, freedStatement };
}

function declaredNames(declaration: ts.ImportDeclaration | ts.VariableStatement): ts.Identifier[] {
  if (ts.isImportDeclaration(declaration)) {
    const clause = declaration.importClause;
    const named = clause?.namedBindings;
    return [
      ...(clause?.name ? [clause.name] : []),
      ...(named && ts.isNamespaceImport(named) ? [named.name] : []),
      ...(named && ts.isNamedImports(named) ? named.elements.map((e) => e.name) : []),
    ];
  }
  return declaration.declarationList.declarations.flatMap((d) => namesOf(d.name));
}

function namesOf(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : namesOf(e.name)));
}

/** Removes one element of a comma-separated list with the comma and space that belong to it. */
function listElementRemoval(element: ts.Node): Edit {
  const list = element.parent;
  const siblings = ts.isNamedImports(list) || ts.isObjectBindingPattern(list) ? list.elements : undefined;
  const index = siblings ? siblings.findIndex((s) => s === element) : -1;
  const next = siblings?.[index + 1];
  const previous = siblings?.[index - 1];
  if (next) return { start: element.getStart(), end: next.getStart(), text: '' };
  if (previous) return { start: previous.end, end: element.end, text: '' };
  return { start: element.getStart(), end: element.end, text: '' };
}

/** Where the singleton's import goes: in place of a removed client import, after the last import, or at the top. */
function placeImport(statementText: string, freed: ts.Statement | undefined, sourceFile: ts.SourceFile, style: CodeStyle): Edit {
  if (freed) return { start: freed.getStart(), end: freed.end, text: statementText };
  const statements = sourceFile.statements;
  const lastImport = [...statements].reverse().find((s) => ts.isImportDeclaration(s) || isTopLevelRequire(s));
  if (lastImport) return { start: lastImport.end, end: lastImport.end, text: `${style.eol}${statementText}` };
  const first = statements.find((s) => !isDirective(s));
  const at = first ? first.getStart() : sourceFile.text.length;
  return { start: at, end: at, text: `${statementText}${style.eol}${style.eol}` };
}

function isTopLevelRequire(statement: ts.Statement): boolean {
  if (!ts.isVariableStatement(statement)) return false;
  return statement.declarationList.declarations.some((d) => {
    const init = d.initializer;
    return !!init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require';
  });
}

function isDirective(statement: ts.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
}

/** Joins edits that start at the same point and insert nothing over each other (two insertions at one spot). */
function mergeAt(edits: readonly Edit[]): Edit[] {
  const out: Edit[] = [];
  for (const edit of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const last = out[out.length - 1];
    if (last && last.start === edit.start && last.end === last.start) {
      out[out.length - 1] = { start: last.start, end: edit.end, text: last.text + edit.text };
    } else {
      out.push(edit);
    }
  }
  return out;
}
