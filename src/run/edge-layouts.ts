import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Discovery } from '../discover/discover.js';

/** `export const runtime = 'edge'` (or `'experimental-edge'`) in a Next.js segment's file. */
const EDGE_RUNTIME = /^\s*export\s+const\s+runtime\s*=\s*['"`](?:experimental-)?edge['"`]/m;
/** A Next.js app-router file: under `app/` or `src/app/`. */
const APP_ROUTER = /^(?:src\/)?app\//;
const LAYOUTS = ['layout.tsx', 'layout.ts', 'layout.jsx', 'layout.js'];

/**
 * The Next.js app-router candidates under a layout that sets the edge runtime: a layout's segment config applies to
 * every segment below it, so a page or route there runs on the edge unless it asks for Node.js itself (the verdict
 * reads that). Reads the layouts above the candidates only, once each.
 */
export function edgeByLayout(discovery: Discovery): string[] {
  if (!discovery.project.dependencies.has('next')) return [];
  const edge = new Map<string, boolean>();
  const layoutIsEdge = (folder: string): boolean => {
    const known = edge.get(folder);
    if (known !== undefined) return known;
    const layout = LAYOUTS.map((name) => posix.join(folder, name)).find((path) => discovery.sourcePaths.has(path));
    const isEdge = layout !== undefined && EDGE_RUNTIME.test(readText(join(discovery.root, layout)));
    edge.set(folder, isEdge);
    return isEdge;
  };
  return discovery.candidates
    .map((candidate) => candidate.path)
    .filter((path) => {
      if (!APP_ROUTER.test(path)) return false;
      for (let folder = posix.dirname(path); APP_ROUTER.test(`${folder}/`); folder = posix.dirname(folder)) {
        if (layoutIsEdge(folder)) return true;
      }
      return false;
    });
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
