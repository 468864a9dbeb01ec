import { posix } from 'node:path';
import { climbsOut } from '../core/paths.js';

/** A `paths`-style alias: the pattern and its root-relative target (`['$lib/*', 'src/lib/*']`). */
export type Alias = readonly [string, string];

/**
 * The aliases a framework defines in a tsconfig it generates (`.svelte-kit/tsconfig.json`, `.nuxt/tsconfig.json`),
 * which a fresh checkout does not have: SvelteKit's `$lib` (src/lib), Nuxt's `~`/`@` (the source folder: the
 * `srcDir` nuxt.config sets, else the root, or `app/` from Nuxt 4) and `~~`/`@@` (the root), and the `alias` entries
 * of svelte.config and nuxt.config (which those frameworks copy into that tsconfig). Added after the project's own, and only for patterns it does not
 * declare itself, so that `$lib/server/db` resolves (importers of an existing singleton, a generated client under
 * src/lib) and new imports can be written the way the project writes them.
 */
export function withFrameworkAliases(declared: readonly Alias[], frameworks: FrameworkVersions): Alias[] {
  const own = new Set(declared.map(([pattern]) => pattern));
  const extra: Alias[] = [];
  const nuxtSource = frameworks.nuxt === undefined ? undefined : (frameworks.nuxtSrcDir ?? (frameworks.nuxt >= 4 ? 'app' : ''));
  for (const [key, value] of frameworks.configAliases ?? []) {
    const target = configTarget(value, nuxtSource ?? '');
    if (target === undefined) continue;
    if (key.endsWith('/*')) extra.push([key, target.endsWith('/*') ? target : `${target}/*`]);
    else extra.push([key, target], [`${key}/*`, target === '' ? '*' : `${target}/*`]);
  }
  if (frameworks.svelteKit) extra.push(['$lib', 'src/lib'], ['$lib/*', 'src/lib/*']);
  if (nuxtSource !== undefined) {
    const source = nuxtSource === '' ? '*' : `${nuxtSource}/*`;
    extra.push(['~~/*', '*'], ['@@/*', '*'], ['~/*', source], ['@/*', source]);
  }
  return [...declared, ...extra.filter(([pattern]) => !own.has(pattern))];
}

/** A config alias's value, root-relative (Nuxt's `~/` and `~~/` resolved); undefined when it leaves the project. */
function configTarget(value: string, source: string): string | undefined {
  const rooted = value.replace(/^(?:~~|@@)(?=\/|$)/, '.').replace(/^[~@](?=\/|$)/, source === '' ? '.' : source);
  if (posix.isAbsolute(rooted) || climbsOut(rooted)) return undefined;
  const target = posix.normalize(rooted).replace(/\/+$/, '');
  return target === '.' ? '' : target;
}

/**
 * The entries of a framework config's `alias` object whose value is a string (svelte.config's `kit.alias`,
 * nuxt.config's `alias`), as written: `{ $db: 'src/lib/server/db' }` -> `['$db', 'src/lib/server/db']`. A computed
 * value (`fileURLToPath(new URL(...))`, `resolve(...)`) is not read.
 */
export function configAliases(config: string | undefined): Array<readonly [string, string]> {
  const start = config === undefined ? -1 : config.search(/\balias\s*:\s*\{/);
  if (config === undefined || start < 0) return [];
  const open = config.indexOf('{', start);
  let depth = 0;
  let end = open;
  for (; end < config.length; end += 1) {
    if (config[end] === '{') depth += 1;
    if (config[end] === '}') depth -= 1;
    if (depth === 0) break;
  }
  const body = config.slice(open + 1, end);
  return [...body.matchAll(ALIAS_ENTRY)].map((m) => [m[2] ?? '', m[4] ?? ''] as const);
}

/** `key: 'value'`, the key bare or quoted: `$db: 'src/db'`, `'$components/*': 'src/components/*'`, `"@generated": "./generated"`. */
const ALIAS_ENTRY = /(?:^|[,{\s])(['"]?)([$\w@~#][\w@~#$/*.-]*)\1\s*:\s*(['"`])([^'"`\n]+)\3/g;

/** Which frameworks the project depends on: SvelteKit, and Nuxt's major version (0 when its range names none). */
export interface FrameworkVersions {
  readonly svelteKit: boolean;
  readonly nuxt: number | undefined;
  /** Nuxt's `srcDir` from nuxt.config, root-relative ('' for the root), when it sets one: `~` and `@` point there. */
  readonly nuxtSrcDir?: string | undefined;
  /** The `alias` entries of svelte.config and nuxt.config, as written (configAliases). */
  readonly configAliases?: ReadonlyArray<readonly [string, string]>;
}

/** `srcDir: 'src/'` in nuxt.config, root-relative without `./` or a trailing slash ('' for the root). */
export function nuxtSrcDir(config: string | undefined): string | undefined {
  const value = config === undefined ? undefined : /\bsrcDir\s*:\s*['"`]([^'"`]*)['"`]/.exec(config)?.[1];
  if (value === undefined || climbsOut(value) || posix.isAbsolute(value)) return undefined;
  const folder = posix.normalize(value).replace(/\/+$/, '');
  return folder === '.' ? '' : folder;
}
