import { posix } from 'node:path';

/** How relative imports end in a project: `.js` (ESM output), `.ts` (TS extensions allowed), or no extension. */
export type ExtensionRule = 'js' | 'ts' | 'none';

const TS_TO_JS: Readonly<Record<string, string>> = { '.ts': '.js', '.tsx': '.js', '.mts': '.mjs', '.cts': '.cjs' };

/**
 * The specifier a file at `fromPath` uses for the module at `targetPath` (both POSIX, root-relative): relative,
 * starting with `./` or `../`, ending as the rule says (`.mts` maps to `.mjs` and `.cts` to `.cjs` under `js`).
 */
export function relativeSpecifier(fromPath: string, targetPath: string, rule: ExtensionRule): string {
  const extension = posix.extname(targetPath);
  const withoutExtension = targetPath.slice(0, targetPath.length - extension.length);
  let relative = posix.relative(posix.dirname(fromPath), withoutExtension);
  if (!relative.startsWith('.')) relative = `./${relative}`;
  if (rule === 'none') return relative;
  if (rule === 'ts') return relative + extension;
  return relative + (TS_TO_JS[extension] ?? extension);
}

const RELATIVE = /^\.\.?\//;

/** Classifies one relative specifier by its ending; undefined for bare specifiers and non-script files. */
function extensionOf(specifier: string): ExtensionRule | undefined {
  if (!RELATIVE.test(specifier)) return undefined;
  const extension = posix.extname(specifier);
  if (/^\.[cm]?jsx?$/.test(extension)) return 'js';
  if (/^\.[cm]?tsx?$/.test(extension)) return 'ts';
  if (/^\.(json|css|scss|svg|png|node|wasm)$/.test(extension)) return undefined;
  return 'none';
}

/** The majority ending among a project's relative imports; undefined when there are none or it is a tie. */
export function majorityExtension(specifiers: Iterable<string>): ExtensionRule | undefined {
  const counts: Record<ExtensionRule, number> = { js: 0, ts: 0, none: 0 };
  for (const specifier of specifiers) {
    const rule = extensionOf(specifier);
    if (rule) counts[rule] += 1;
  }
  const rules: readonly ExtensionRule[] = ['js', 'ts', 'none'];
  const ranked = [...rules].sort((a, b) => counts[b] - counts[a]);
  const [first, second] = ranked;
  if (!first || !second || counts[first] === 0 || counts[second] === counts[first]) return undefined;
  return first;
}

/**
 * `@/lib/prisma` when the project imports through a tsconfig `paths` alias that reaches the singleton's folder
 * (`"@/*": ["./src/*"]`), so that the new imports read like the project's own; undefined otherwise.
 */
export function aliasSpecifier(singletonPath: string, aliases: ReadonlyArray<readonly [string, string]>, specifiers: readonly string[], rule: ExtensionRule): string | undefined {
  for (const [pattern, target] of aliases) {
    if (!pattern.endsWith('/*') || !target.endsWith('/*')) continue;
    const prefix = pattern.slice(0, -1);
    const folder = target.slice(0, -1);
    if (!singletonPath.startsWith(folder) || !specifiers.some((s) => s.startsWith(prefix))) continue;
    const extension = posix.extname(singletonPath);
    const withoutExtension = singletonPath.slice(folder.length, singletonPath.length - extension.length);
    const ending = rule === 'none' ? '' : rule === 'ts' ? extension : extension.replace(/^\.([cm]?)tsx?$/, '.$1js');
    return `${prefix}${withoutExtension}${ending}`;
  }
  return undefined;
}
