import { join, posix } from 'node:path';
import { importersOf } from './import-graph.js';
import type { ModuleResolver } from './module-resolver.js';
import { readRegularSync } from './regular-file.js';

/**
 * How many source files import each of `targets` (root-relative module paths), whatever the form of the import; with
 * `autoImported` (a target's export name, in a Nuxt project), the server files that use that export without importing
 * it count too. Each file once.
 */
export function countImporters(
  root: string,
  sourcePaths: readonly string[],
  targets: readonly string[],
  resolver: ModuleResolver,
  autoImported: ReadonlyMap<string, string> = new Map(),
): Map<string, number> {
  const importers = importersOf(root, sourcePaths, targets, resolver);
  return new Map(
    targets.map((target) => {
      const files = new Set(importers.get(target) ?? []);
      const name = autoImported.get(target);
      if (name !== undefined) for (const user of autoImportUsers(root, sourcePaths, target, name)) files.add(user);
      return [target, files.size];
    }),
  );
}

/** Nitro (Nuxt's server) auto-imports what the files directly in `server/utils/` export into every server file. */
const NITRO_UTILS = /(^|\/)server\/utils\/[^/]+$/;

/**
 * The files of a Nuxt project's server that use `name`, exported by `modulePath` in `server/utils/`, without importing
 * it (Nitro's auto-import): the files under the same `server/` folder whose text names it. None for any other module.
 */
function autoImportUsers(root: string, sourcePaths: readonly string[], modulePath: string, name: string): string[] {
  if (!NITRO_UTILS.test(modulePath) || name === 'default') return [];
  const server = `${posix.dirname(posix.dirname(modulePath))}/`.replace(/^\.\//, '');
  // The name as code, not inside a path or package name (`@prisma/client`, `~/server/prisma`).
  const word = new RegExp(`(^|[^\\w$.@/-])${name.replace(/\$/g, '\\$')}\\b`);
  return sourcePaths.filter((path) => {
    if (path === modulePath || !path.startsWith(server)) return false;
    const text = readRegularSync(join(root, path))?.toString('utf8');
    return text !== undefined && word.test(text);
  });
}
