import { ts } from 'ts-morph';
import type { ClientBinding, FileAnalysis, Site } from '../analyze.js';
import type { Edit } from './edits.js';
import { destructure, localNameFor } from './names.js';
import { findReferences } from './positions.js';
import { quoted, type CodeStyle } from './style.js';

/**
 * Edits for a `.then` callback whose parameter binds PrismaClient: the dynamic import loads the singleton, the
 * parameter destructures it, and each site uses it. Undefined when the parameter is used for anything else.
 */
export function thenCallbackEdits(
  binding: ClientBinding,
  sites: readonly Site[],
  request: { readonly exportName: string; readonly specifier: string },
  style: CodeStyle,
  analysis: FileAnalysis,
): Edit[] | undefined {
  const target = thenCallbackTarget(binding, sites, analysis);
  if (!target) return undefined;
  const { argument, parameter, callback } = target;
  const { exportName } = request;
  const freeInCallback = (name: string): boolean =>
    sites.every((site) => {
      for (let node: ts.Node | undefined = site.node; node && node !== callback; node = node.parent) if (analysis.scopes.declaredIn(node)?.has(name)) return false;
      return true;
    });
  const local = [localNameFor(exportName), 'sharedPrisma'].find(freeInCallback) ?? 'sharedPrisma';
  return [
    { start: argument.getStart(), end: argument.end, text: quoted(request.specifier, style) },
    { start: parameter.name.getStart(), end: parameter.name.end, text: destructure(exportName, local) },
    ...sites.map((site) => ({ start: site.node.getStart(), end: site.node.end, text: local })),
  ];
}

/** The pieces of `import(x).then((param) => ...)` to edit, when the parameter serves only the given sites. */
export function thenCallbackTarget(binding: ClientBinding, sites: readonly Site[], analysis: FileAnalysis): { argument: ts.Expression; parameter: ts.ParameterDeclaration; callback: ts.Node } | undefined {
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
