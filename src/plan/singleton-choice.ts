import { posix } from 'node:path';
import type { ExistingSingleton } from '../analyze/existing-singleton.js';
import { ProjectError, UsageError } from '../core/errors.js';
import { comparePaths, isDeclarationPath, isJavaScriptPath, isScriptPath, isTypeScriptPath, isTypeScriptSource } from '../core/paths.js';
import type { ModuleSyntax } from '../core/types.js';
import type { ProjectFacts } from '../discover/project-facts.js';
import { NEVER_ENTERED } from '../discover/walk.js';
import { compilesToCommonJs } from './module-system.js';

/**
 * Which module is the singleton, decided in one place: the path the user named; else, in a half-migrated project,
 * the module that already exports a shared client and that most files import; else `src/lib/prisma.ts`
 * (`lib/` without `src/`, `.js` for a JavaScript project).
 */

/**
 * Where the singleton goes when nothing says otherwise: `lib/` in the sources' folder (`src`, the tsconfig's source
 * root, or '' for the root: discover.ts `sourceDir`); `.ts` when the project has TypeScript sources, `.js` when all of
 * them are JavaScript (a tsconfig that only type-checks JavaScript does not make Node load TypeScript).
 */
export function defaultSingletonPath(sourcePaths: Iterable<string>, sourceDir: string): string {
  let typescript = false;
  for (const path of sourcePaths) {
    if (isTypeScriptSource(path)) {
      typescript = true;
      break;
    }
  }
  return posix.join(sourceDir, 'lib', typescript ? 'prisma.ts' : 'prisma.js');
}

/** An existing client module with the number of files that import it. */
export interface RankedSingleton extends ExistingSingleton {
  readonly importers: number;
}

/**
 * The reused module (most importers, then path), and a note that says which and why. With none imported (its
 * importers may reach it through an alias only a framework config declares), the one module that caches its client
 * on `globalThis`; undefined when there is none, or several.
 */
export function chooseReusableSingleton(
  found: readonly ExistingSingleton[],
  importers: ReadonlyMap<string, number>,
): { path: string; note: string } | undefined {
  const ranked: RankedSingleton[] = found
    .map((f) => ({ ...f, importers: importers.get(f.path) ?? 0 }))
    .filter((f) => f.importers > 0)
    // A module that exports its client comes before one that hands it out through a function: strays can import it.
    .sort((a, b) => Number(!!a.accessor) - Number(!!b.accessor) || b.importers - a.importers || comparePaths(a.path, b.path));
  const [best] = ranked;
  const cached = found.filter((f) => f.cached);
  const [onlyCached] = cached;
  if (!best && onlyCached && cached.length === 1) {
    const note = `reusing ${onlyCached.path} as the singleton: it keeps its client on globalThis, though no file the tool can follow imports it; pass --singleton <path> to choose another`;
    return { path: onlyCached.path, note };
  }
  if (!best) return undefined;
  const others =
    ranked.length > 1
      ? `; other candidates: ${ranked
          .slice(1)
          .map((r) => r.path)
          .join(', ')}`
      : '';
  return {
    path: best.path,
    note: `reusing ${best.path} as the singleton: it already ${best.accessor ? `hands out a client through ${best.exportName}()` : 'exports a client'}, imported by ${best.importers} file(s)${others}; pass --singleton <path> to choose another`,
  };
}

/** Refuses a singleton path that names a file which is not a client module. */
export function assertSingletonTarget(path: string, isCandidate: boolean, existsOnDisk: boolean, exportName: string | undefined): void {
  if (!isCandidate && existsOnDisk) {
    throw new ProjectError(`${path} exists but does not create a PrismaClient; pass --singleton <path> to choose another file`);
  }
  if (isCandidate && !exportName) {
    throw new ProjectError(`${path} exists but does not export a PrismaClient instance; pass --singleton <path> to choose another file`);
  }
}

/**
 * The singleton's language and module syntax: TypeScript or JavaScript; ESM, CommonJS JavaScript (require: a `.cjs`
 * file, or `.js` in a package that is not `"type": "module"` and that no framework bundles, as Next.js bundles its
 * JavaScript template's files), or TypeScript compiled to CommonJS under verbatimModuleSyntax (import-equals and `export =`).
 */
export function singletonFlavour(path: string, project: ProjectFacts): { typescript: boolean; syntax: ModuleSyntax } {
  if (isTypeScriptPath(path)) return { typescript: true, syntax: project.verbatimModuleSyntax && compilesToCommonJs(path, project) ? 'import-equals' : 'esm' };
  const commonJs = path.endsWith('.cjs') || (isJavaScriptPath(path) && !project.esmPackage && !path.endsWith('.mjs') && !isBundled(project));
  return { typescript: false, syntax: commonJs ? 'require' : 'esm' };
}

/** Frameworks whose bundler compiles the application's JavaScript: its files use `import` whatever package.json says. */
const BUNDLING_FRAMEWORKS = ['next', 'nuxt', '@sveltejs/kit', 'astro', '@remix-run/dev', '@react-router/dev', 'vite'];

export function isBundled(project: ProjectFacts): boolean {
  return BUNDLING_FRAMEWORKS.some((name) => project.dependencies.has(name));
}

/**
 * Refuses a `--singleton` path that cannot be the singleton: no script extension (a folder, `.json`, none), a
 * declaration file, or a place discovery never enters (dependencies, git's data), where the next run would not find
 * it and would plan it again.
 */
export function assertSingletonOption(path: string): void {
  const flag = `--singleton ${path}`;
  if (isDeclarationPath(path)) throw new UsageError(`${flag}: a declaration file holds no code; name a .ts or .js file`);
  if (!isScriptPath(path)) throw new UsageError(`${flag}: name a .ts or .js file (.ts, .tsx, .mts, .cts, .js, .jsx, .mjs or .cjs)`);
  const unscanned = path
    .split('/')
    .slice(0, -1)
    .find((segment) => NEVER_ENTERED.has(segment));
  if (unscanned !== undefined) throw new UsageError(`${flag}: ${unscanned}/ is never scanned (dependencies or git's data); name a file among the sources`);
}
