import { join } from 'node:path';
import { baseNameOf, isRelativeSpecifier, moduleKeyOf, resolveRelative } from '../core/paths.js';
import { readRegularSync } from './regular-file.js';

const ANY_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"\n]+)['"]/gm;

/**
 * How many source files import each of `targets` (root-relative module paths) by a relative specifier. Reads each
 * file's bytes once more, one file at a time; only files that mention a target's base name are decoded and
 * searched for specifiers.
 */
export function countImporters(root: string, sourcePaths: Iterable<string>, targets: readonly string[]): Map<string, number> {
  const counts = new Map(targets.map((target) => [target, 0]));
  const keys = new Map(targets.map((target) => [moduleKeyOf(target), target]));
  const needles = [...new Set(targets.map((target) => Buffer.from(baseNameOf(target))))];
  for (const path of sourcePaths) {
    const bytes = readRegularSync(join(root, path));
    if (!bytes) continue;
    if (!needles.some((needle) => bytes.includes(needle))) continue;
    const seen = new Set<string>();
    for (const match of bytes.toString('utf8').matchAll(ANY_SPECIFIER)) {
      const specifier = match[1];
      if (!specifier || !isRelativeSpecifier(specifier)) continue;
      const target = keys.get(moduleKeyOf(resolveRelative(path, specifier)));
      if (target && target !== path && !seen.has(target)) {
        seen.add(target);
        counts.set(target, (counts.get(target) ?? 0) + 1);
      }
    }
  }
  return counts;
}
