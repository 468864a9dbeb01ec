import { posix } from 'node:path';
import { isJavaScriptPath, isRelativeSpecifier, isTypeScriptPath, type ExtensionRule } from '../core/paths.js';
import type { ModuleResolver } from '../discover/module-resolver.js';
import type { ProjectFacts } from '../discover/project-facts.js';

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
  return relative + ending(extension, rule);
}

function ending(extension: string, rule: ExtensionRule): string {
  if (rule === 'none') return '';
  if (rule === 'ts') return extension;
  return TS_TO_JS[extension] ?? extension;
}

/** Classifies one relative specifier by its ending; undefined for bare specifiers and non-script files. */
function extensionOf(specifier: string): ExtensionRule | undefined {
  if (!isRelativeSpecifier(specifier)) return undefined;
  const extension = posix.extname(specifier);
  if (isJavaScriptPath(extension)) return 'js';
  if (isTypeScriptPath(extension)) return 'ts';
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
 * The extension rule for new imports: the flag, else the project's own habit, else Prisma's generator rule from the
 * tsconfig; plain ESM JavaScript needs `.js`. A habit of `.ts` counts only where the tsconfig lets imports end in
 * `.ts` (or there is no tsconfig: Deno, Bun, Node's type stripping): under one that does not, tsc rejects them, so
 * they come from code it never checks (a generator's output under `// @ts-nocheck`), not from the project's own.
 */
export function chooseExtension(
  flag: ExtensionRule | undefined,
  specifiers: readonly string[],
  project: Pick<ProjectFacts, 'tsconfigExtension' | 'esmPackage'>,
): ExtensionRule {
  const habit = majorityExtension(specifiers);
  const compiles = habit !== 'ts' || project.tsconfigExtension === undefined || project.tsconfigExtension === 'ts';
  return flag ?? (compiles ? habit : undefined) ?? project.tsconfigExtension ?? (project.esmPackage ? 'js' : 'none');
}

/**
 * `@/lib/prisma` (or `~/lib/prisma`, or a bare `lib/prisma` under `baseUrl`) when the project already imports its own
 * modules through an alias that reaches the singleton, so that the new imports read like the project's own: the
 * alias the project uses most among those that reach it, when it is a habit (one use for every four relative
 * imports; for a bare path under `baseUrl`, as many as relative imports). Undefined when none does, or the project
 * never uses one.
 */
export function aliasSpecifier(singletonPath: string, resolver: ModuleResolver, specifiers: readonly string[], rule: ExtensionRule): string | undefined {
  const forms = resolver.aliasesFor(singletonPath);
  if (forms.length === 0) return undefined;
  const uses = new Map<string, number>();
  let relative = 0;
  for (const specifier of specifiers) {
    if (isRelativeSpecifier(specifier)) relative += 1;
    // An alias use is a specifier that is neither relative nor a package, and names a module of the project through
    // that alias: `~/models/db` is a use of `~/*`, never of `baseUrl`, even when `baseUrl` is set too.
    const via = resolver.viaOf(specifier);
    if (via !== undefined) uses.set(via, (uses.get(via) ?? 0) + 1);
  }
  // A habit, not a stray: an alias needs one use for every four relative imports; a bare path under `baseUrl`, which
  // Node resolves only with a loader the project may not have, as many uses as relative imports (5 bare `src/...`
  // uses against 98 relative imports are an editor's auto-imports, often of types the compiler erases).
  const habit = (form: { via: string }): boolean => {
    const count = uses.get(form.via) ?? 0;
    return count > 0 && count * (form.via === 'baseUrl' ? 1 : 4) >= relative;
  };
  const [best] = forms.filter(habit).sort((a, b) => (uses.get(b.via) ?? 0) - (uses.get(a.via) ?? 0));
  if (!best) return undefined;
  return best.specifier + ending(posix.extname(singletonPath), rule);
}

/**
 * The extension rule for one importing file: Node loads an `.mjs` file, and a JavaScript file written with `import` in
 * a project that nothing compiles or bundles (no tsconfig, no bundling framework), as an ES module, which needs the
 * full file name whatever the project's habit says (`./lib/prisma.js`, never `./lib/prisma`).
 */
export function extensionFor(file: { readonly path: string; readonly text: string }, rule: ExtensionRule, plainNode: boolean): ExtensionRule {
  if (rule !== 'none') return rule;
  if (/\.m[jt]s$/.test(file.path)) return 'js';
  return plainNode && isJavaScriptPath(file.path) && ESM_SYNTAX.test(file.text) ? 'js' : rule;
}

const ESM_SYNTAX = /^[ \t]*(?:import[\s{*]|export[\s{*])/m;
