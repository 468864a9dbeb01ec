const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"\n]+)['"]/gm;
/** `import type ... from`, `export type ... from`: erased by the compiler, so they load nothing at run time. */
const TYPE_ONLY = /\b(?:import|export)\s+type\s+(?!from\b)[^;'"]*?\bfrom\s*['"][^'"\n]+['"]/g;

/**
 * The module specifiers a file's text names in imports, re-exports, `import()` and `require()`, found lexically:
 * what the project loads at run time, so type-only imports and exports are left out.
 */
export function moduleSpecifiersIn(text: string): string[] {
  const code = text.includes('type') ? text.replace(TYPE_ONLY, '') : text;
  const out: string[] = [];
  for (const match of code.matchAll(SPECIFIER)) if (match[1]) out.push(match[1]);
  return out;
}
