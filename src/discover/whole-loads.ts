import type { Interest } from './prefilter.js';

/**
 * Loads of a whole module, and re-exports, as raw text (comments and strings included, so a superset): an import
 * clause with `*`, a default binding or `default` in braces; `require(` and `import(`; `export *` and `export { ... }`
 * from a module. The specifier is the last group.
 */
const WHOLE_LOADS = [
  /\bimport\s*(?:\*|[\w$]+\s*(?=,|from\b)|\{[^}]*\bdefault\b)[^;'"`]*?\bfrom\s*(['"`])([^'"`\n]+)\1/g,
  /\b(?:require|import)\s*\(\s*(['"`])([^'"`\n]+)\1/g,
  /\bexport\s*[*{][^;'"`]*?\bfrom\s*(['"`])([^'"`\n]+)\1/g,
];

/**
 * Whether the text may load a client module whole or re-export one, read from the raw text: what lets a file pass a
 * client module on without naming PrismaClient (a barrel's `export * from '@prisma/client'`, `export default pkg`).
 */
export function loadsClientWhole(text: string, path: string, interest: Interest): boolean {
  return WHOLE_LOADS.some((pattern) => [...text.matchAll(pattern)].some((match) => interest(match[2] ?? '', path) === 'client'));
}
