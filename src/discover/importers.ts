import { importersOf } from './import-graph.js';
import type { ModuleResolver } from './module-resolver.js';

/** How many source files import each of `targets` (root-relative module paths), whatever the form of the import. */
export function countImporters(root: string, sourcePaths: Iterable<string>, targets: readonly string[], resolver: ModuleResolver): Map<string, number> {
  return new Map([...importersOf(root, sourcePaths, targets, resolver)].map(([target, files]) => [target, files.length]));
}
