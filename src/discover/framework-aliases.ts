import { posix } from 'node:path';
import { climbsOut } from '../core/paths.js';

/** A `paths`-style alias: the pattern and its root-relative target (`['$lib/*', 'src/lib/*']`). */
export type Alias = readonly [string, string];

/**
 * The aliases a framework defines in a tsconfig it generates (`.svelte-kit/tsconfig.json`, `.nuxt/tsconfig.json`),
 * which a fresh checkout does not have: SvelteKit's `$lib` (src/lib), Nuxt's `~`/`@` (the source folder: the
 * `srcDir` nuxt.config sets, else the root, or `app/` from Nuxt 4) and `~~`/`@@` (the root). Added after the project's own, and only for patterns it does not
 * declare itself, so that `$lib/server/db` resolves (importers of an existing singleton, a generated client under
 * src/lib) and new imports can be written the way the project writes them.
 */
export function withFrameworkAliases(declared: readonly Alias[], frameworks: FrameworkVersions): Alias[] {
  const own = new Set(declared.map(([pattern]) => pattern));
  const extra: Alias[] = [];
  if (frameworks.svelteKit) extra.push(['$lib', 'src/lib'], ['$lib/*', 'src/lib/*']);
  if (frameworks.nuxt !== undefined) {
    const srcDir = frameworks.nuxtSrcDir;
    const source = srcDir !== undefined ? (srcDir === '' ? '*' : `${srcDir}/*`) : frameworks.nuxt >= 4 ? 'app/*' : '*';
    extra.push(['~~/*', '*'], ['@@/*', '*'], ['~/*', source], ['@/*', source]);
  }
  return [...declared, ...extra.filter(([pattern]) => !own.has(pattern))];
}

/** Which frameworks the project depends on: SvelteKit, and Nuxt's major version (0 when its range names none). */
export interface FrameworkVersions {
  readonly svelteKit: boolean;
  readonly nuxt: number | undefined;
  /** Nuxt's `srcDir` from nuxt.config, root-relative ('' for the root), when it sets one: `~` and `@` point there. */
  readonly nuxtSrcDir?: string | undefined;
}

/** `srcDir: 'src/'` in nuxt.config, root-relative without `./` or a trailing slash ('' for the root). */
export function nuxtSrcDir(config: string | undefined): string | undefined {
  const value = config === undefined ? undefined : /\bsrcDir\s*:\s*['"`]([^'"`]*)['"`]/.exec(config)?.[1];
  if (value === undefined || climbsOut(value) || posix.isAbsolute(value)) return undefined;
  const folder = posix.normalize(value).replace(/\/+$/, '');
  return folder === '.' ? '' : folder;
}
