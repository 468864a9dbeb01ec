/**
 * One pass over a file for what it loads: at each position a type-only import or export (`import type ... from`,
 * `export type ... from`: erased by the compiler, so it loads nothing at run time) is tried first and passed over
 * whole; otherwise a specifier after `from`, `import(`, `require(` or a bare `import` captures its text (group 1).
 */
const SPECIFIERS =
  /\b(?:import|export)\s+type\s+(?!from\b)[^;'"]*?\bfrom\s*['"][^'"\n]+['"]|(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"\n]+)['"]/gm;

/**
 * The module specifiers a file's text names in imports, re-exports, `import()` and `require()`, found lexically:
 * what the project loads at run time, so type-only imports and exports are left out.
 */
export function moduleSpecifiersIn(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(SPECIFIERS)) if (match[1]) out.push(match[1]);
  return out;
}
