import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseNameOf, moduleKeyOf } from '../core/paths.js';
import type { ModuleResolver } from './module-resolver.js';
import { moduleSpecifiersIn } from './specifiers.js';

/**
 * How many source files import each of `targets` (root-relative module paths), whatever the form: relative, a
 * tsconfig alias, or a bare path under baseUrl. Reads each file's bytes once more, one file at a time; only files
 * that mention a target's base name are decoded and searched for specifiers.
 */
export function countImporters(root: string, sourcePaths: Iterable<string>, targets: readonly string[], resolver: ModuleResolver): Map<string, number> {
  const counts = new Map(targets.map((target) => [target, 0]));
  const keys = new Map(targets.map((target) => [moduleKeyOf(target), target]));
  const needles = [...new Set(targets.map((target) => Buffer.from(baseNameOf(target))))];
  for (const path of sourcePaths) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(root, path));
    } catch {
      continue;
    }
    if (!needles.some((needle) => bytes.includes(needle))) continue;
    const seen = new Set<string>();
    for (const specifier of moduleSpecifiersIn(bytes.toString('utf8'))) {
      const key = resolver.resolve(specifier, path);
      const target = key === undefined ? undefined : keys.get(key);
      if (target && target !== path && !seen.has(target)) {
        seen.add(target);
        counts.set(target, (counts.get(target) ?? 0) + 1);
      }
    }
  }
  return counts;
}
