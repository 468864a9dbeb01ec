import { ts } from '#typescript';
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
  // Free: nothing between a site and the callback declares it, and the callback reads no outer variable of that
  // name (`let prisma; import(...).then(({ PrismaClient }) => (prisma = new PrismaClient()))`), which it would shadow.
  const freeInCallback = (name: string): boolean =>
    !mentions(callback, name, sites) &&
    sites.every((site) => {
      for (let node: ts.Node | undefined = site.node; node && node !== callback; node = node.parent)
        if (analysis.scopes.declaredIn(node)?.has(name)) return false;
      return true;
    });
  const names = [localNameFor(exportName), 'sharedPrisma', ...Array.from({ length: 8 }, (_, i) => `sharedPrisma${i + 2}`)];
  const local = names.find(freeInCallback) ?? 'sharedPrisma';
  return [
    { start: argument.getStart(), end: argument.end, text: quoted(request.specifier, style) },
    { start: parameter.name.getStart(), end: parameter.name.end, text: destructure(exportName, local) },
    ...sites.map((site) => ({ start: site.node.getStart(), end: site.node.end, text: local })),
  ];
}

/** An identifier `name` anywhere in `node` outside the sites that the rewrite replaces. */
function mentions(node: ts.Node, name: string, sites: readonly Site[]): boolean {
  const inSite = (n: ts.Node): boolean => sites.some((site) => site.node.getStart() <= n.getStart() && n.end <= site.node.end);
  const visit = (n: ts.Node): boolean => (ts.isIdentifier(n) ? n.text === name && !inSite(n) : (ts.forEachChild(n, visit) ?? false));
  return visit(node);
}
