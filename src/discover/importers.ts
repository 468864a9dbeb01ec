import { join, posix } from 'node:path';
import { importersOf } from './import-graph.js';
import type { ModuleResolver } from './module-resolver.js';
import { readRegularSync } from './regular-file.js';

/** How many source files import each of `targets` (root-relative module paths), whatever the form of the import. */
export function countImporters(root: string, sourcePaths: Iterable<string>, targets: readonly string[], resolver: ModuleResolver): Map<string, number> {
  return new Map([...importersOf(root, sourcePaths, targets, resolver)].map(([target, files]) => [target, files.length]));
}

/** Nitro (Nuxt's server) auto-imports what the files directly in `server/utils/` export into every server file. */
const NITRO_UTILS = /(^|\/)server\/utils\/[^/]+$/;

/**
 * How many files of a Nuxt project's server use `name`, exported by `modulePath` in `server/utils/`, without importing
 * it (Nitro's auto-import): the files under the same `server/` folder whose text names it. 0 for any other module.
 */
export function autoImportUsers(root: string, sourcePaths: Iterable<string>, modulePath: string, name: string): number {
  if (!NITRO_UTILS.test(modulePath) || name === 'default') return 0;
  const server = `${posix.dirname(posix.dirname(modulePath))}/`.replace(/^\.\//, '');
  const word = new RegExp(`(^|[^\\w$.])${name.replace(/\$/g, '\\$')}\\b`);
  let users = 0;
  for (const path of sourcePaths) {
    if (path === modulePath || !path.startsWith(server)) continue;
    const text = readRegularSync(join(root, path))?.toString('utf8');
    if (text !== undefined && word.test(text)) users += 1;
  }
  return users;
}
