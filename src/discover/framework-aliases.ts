/** A `paths`-style alias: the pattern and its root-relative target (`['$lib/*', 'src/lib/*']`). */
export type Alias = readonly [string, string];

/**
 * The aliases a framework defines in a tsconfig it generates (`.svelte-kit/tsconfig.json`, `.nuxt/tsconfig.json`),
 * which a fresh checkout does not have: SvelteKit's `$lib` (src/lib), Nuxt's `~`/`@` (the source folder: the root,
 * or `app/` from Nuxt 4) and `~~`/`@@` (the root). Added after the project's own, and only for patterns it does not
 * declare itself, so that `$lib/server/db` resolves (importers of an existing singleton, a generated client under
 * src/lib) and new imports can be written the way the project writes them.
 */
export function withFrameworkAliases(declared: readonly Alias[], dependencies: ReadonlyMap<string, string>): Alias[] {
  const own = new Set(declared.map(([pattern]) => pattern));
  const extra: Alias[] = [];
  if (dependencies.has('@sveltejs/kit')) extra.push(['$lib', 'src/lib'], ['$lib/*', 'src/lib/*']);
  const nuxt = dependencies.get('nuxt');
  if (nuxt !== undefined) {
    const source = majorOf(nuxt) >= 4 ? 'app/*' : '*';
    extra.push(['~~/*', '*'], ['@@/*', '*'], ['~/*', source], ['@/*', source]);
  }
  return [...declared, ...extra.filter(([pattern]) => !own.has(pattern))];
}

function majorOf(range: string): number {
  return Number(/(\d+)/.exec(range)?.[1] ?? 0);
}
