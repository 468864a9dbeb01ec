const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"\n]+)['"]/gm;

/** The module specifiers a file's text names in imports, re-exports, `import()` and `require()`, found lexically. */
export function moduleSpecifiersIn(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) if (match[1]) out.push(match[1]);
  return out;
}
