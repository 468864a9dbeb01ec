import type { ts } from 'ts-morph';
import type { ClientBinding, FileAnalysis, Site } from '../analyze/analyze-file.js';
import type { Edit } from './edits.js';
import { destructure, localNameFor } from './names.js';
import { thenCallbackTarget } from '../analyze/placement.js';
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
      for (let node: ts.Node | undefined = site.node; node && node !== callback; node = node.parent)
        if (analysis.scopes.declaredIn(node)?.has(name)) return false;
      return true;
    });
  const local = [localNameFor(exportName), 'sharedPrisma'].find(freeInCallback) ?? 'sharedPrisma';
  return [
    { start: argument.getStart(), end: argument.end, text: quoted(request.specifier, style) },
    { start: parameter.name.getStart(), end: parameter.name.end, text: destructure(exportName, local) },
    ...sites.map((site) => ({ start: site.node.getStart(), end: site.node.end, text: local })),
  ];
}
