import { ts } from '#typescript';
import type { ReasonId } from '../core/types.js';
import type { ClientBinding, FileAnalysis, Site } from './analyze-file.js';
import { findCacheSnippet } from './cache-snippet.js';
import { canAwaitAt, findReferences, findSoleDeclaration, isReassigned } from './references.js';

/**
 * Where a site stands, which decides how it is rewritten: a module-level declaration (becomes an import), a
 * function's own declaration (joins the module's import), the declaration of a lazily imported client (becomes a
 * lazy import of the singleton), or any other expression (replaced by the imported binding or a lazy import).
 */
export type Placement =
  | {
      readonly type: 'module-const';
      readonly site: Site;
      readonly statement: ts.VariableStatement;
      readonly name: ts.Identifier;
      readonly exported: boolean;
      /** A per-file copy of the singleton snippet: the statements that go with the declaration, and the globalThis alias. */
      readonly snippet?: { readonly removals: readonly ts.Statement[]; readonly holder: ts.Identifier | undefined };
    }
  | { readonly type: 'local-const'; readonly site: Site; readonly statement: ts.VariableStatement; readonly name: ts.Identifier }
  | {
      readonly type: 'lazy-const';
      readonly site: Site;
      readonly binding: ClientBinding;
      readonly statement: ts.VariableStatement;
      readonly name: ts.Identifier;
    }
  | { readonly type: 'expression'; readonly site: Site; readonly lazy: boolean };

/** The placement of a site that is not in a `.then` callback, or why it cannot be rewritten automatically. */
export function placeSite(site: Site, analysis: FileAnalysis): Placement | { readonly reason: ReasonId } {
  const { scopes, sourceFile } = analysis;
  const sole = findSoleDeclaration(site.node);
  const binding = site.binding;
  const lazyBinding = binding?.kind === 'dynamic-import' && !ts.isParameter(binding.declaration);
  if (sole && isReassigned(sole.name, scopes)) return { reason: 'reassigned-binding' };
  const snippet = site.kind === 'dynamic-import' ? undefined : findCacheSnippet(site, analysis);
  if (snippet) {
    const exported = snippet.statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
    return {
      type: 'module-const',
      site,
      statement: snippet.statement,
      name: snippet.name,
      exported,
      snippet: { removals: snippet.removals, holder: snippet.holder },
    };
  }
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

/** True for a site constructed through the parameter of a `.then` callback on a dynamic import. */
export function isThenCallbackSite(site: Site): site is Site & { readonly binding: ClientBinding & { readonly declaration: ts.ParameterDeclaration } } {
  return !!site.binding && ts.isParameter(site.binding.declaration);
}

/**
 * Why a site would be left for a person, decided exactly as the rewrite decides it, without rewriting: lets
 * --check report without planning any edit.
 */
export function reviewReason(site: Site, analysis: FileAnalysis): ReasonId | undefined {
  if (isThenCallbackSite(site)) {
    return thenCallbackTarget(
      site.binding,
      analysis.sites.filter((s) => s.binding === site.binding),
      analysis,
    )
      ? undefined
      : 'dynamic-not-async';
  }
  const placement = placeSite(site, analysis);
  return 'reason' in placement ? placement.reason : undefined;
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

/** The pieces of `import(x).then((param) => ...)` to edit. */
export interface ThenCallbackTarget {
  readonly argument: ts.Expression;
  readonly parameter: ts.ParameterDeclaration;
  readonly callback: ts.Node;
}

/** The pieces of `import(x).then((param) => ...)` to edit, when the parameter serves only the given sites. */
export function thenCallbackTarget(binding: ClientBinding, sites: readonly Site[], analysis: FileAnalysis): ThenCallbackTarget | undefined {
  const parameter = binding.declaration;
  const callback = parameter.parent;
  const call = callback.parent;
  if (!ts.isParameter(parameter) || !ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  const [argument] = findImportCall(call.expression.expression)?.arguments ?? [];
  if (!argument) return undefined;
  if (!ts.isIdentifier(parameter.name) && parameter.name.elements.length !== 1) return undefined;
  const inSite = (node: ts.Node): boolean => sites.some((site) => site.node.getStart() <= node.getStart() && node.end <= site.node.end);
  return findReferences(binding.name, analysis.scopes).every(inSite) ? { argument, parameter, callback } : undefined;
}

function findImportCall(node: ts.Node): ts.CallExpression | undefined {
  if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) return node;
  return ts.forEachChild(node, findImportCall);
}
