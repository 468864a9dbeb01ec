import { posix } from 'node:path';
import type { Discovery } from '../discover/discover.js';
import { countImporters } from '../discover/importers.js';
import { createModuleResolver } from '../discover/module-resolver.js';
import type { SharedClient } from './shared-clients.js';

/**
 * A workspace package's client that this package's files reach by a relative path climbing out of it
 * (`'../../../packages/database/src/index'`), with no dependency on the package and no alias for it: the module they
 * import (the package's entry, or its singleton module: `toModule`), unit-relative, and how many files import it.
 * Undefined when no file does. Reads the unit's files once, and only for a package not reached by name or alias.
 */
export function relativeReach(discovery: Discovery, unitDir: string, shared: SharedClient): { path: string; toModule: boolean; importers: number } | undefined {
  if (!shared.singleton) return undefined;
  const entry = posix.relative(unitDir, shared.entry);
  const module = posix.relative(unitDir, shared.singleton.path);
  const sources = [...discovery.sourcePaths];
  const resolver = createModuleResolver(discovery.project, [...sources, entry, module]);
  const counts = countImporters(discovery.root, sources, [...new Set([entry, module])], resolver);
  const reach = [
    { path: entry, toModule: false, importers: counts.get(entry) ?? 0 },
    { path: module, toModule: entry !== module, importers: entry === module ? 0 : (counts.get(module) ?? 0) },
  ];
  const [best] = reach.filter((r) => r.importers > 0).sort((a, b) => b.importers - a.importers);
  return best;
}
