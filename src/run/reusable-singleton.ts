import { posix } from 'node:path';
import { analyzeFile } from '../analyze/analyze-file.js';
import { type ExistingSingleton, findExistingSingletons, singletonExport } from '../analyze/existing-singleton.js';
import { parseSource } from '../analyze/parse.js';
import { isComponentPath } from '../core/paths.js';
import type { FileRole, SingletonInfo, SourceText } from '../core/types.js';
import type { ProjectFacts } from '../discover/project-facts.js';
import type { ClientModules } from '../discover/client-modules.js';
import type { Discovery } from '../discover/discover.js';
import { countImporters } from '../discover/importers.js';
import type { ModuleResolver } from '../discover/module-resolver.js';
import { isStackOverflow } from '../plan/nesting.js';
import { chooseReusableSingleton, defaultSingletonPath } from '../plan/singleton-choice.js';

/**
 * In a half-migrated project, the module that already exports a shared client (the one most files import) is the
 * singleton; undefined leaves the choice to the planner (the default path, reused if a singleton is there).
 */
export function findReusableSingleton(
  discovery: Discovery,
  roles: ReadonlyMap<string, FileRole>,
  resolver: ModuleResolver,
): { path: string; note: string; beside?: true } | undefined {
  const defaultPath = defaultSingletonPath(discovery.sourcePaths, discovery.sourceDir);
  const taken = discovery.sourcePaths.has(defaultPath);
  const defaultFile = discovery.candidates.find((candidate) => candidate.path === defaultPath);
  // As the planner takes the file at the default path: any module that exports a client instance, whatever else it exports.
  if (taken && defaultFile && exportsClient(defaultFile, discovery.modules)) return undefined;
  const apps = discovery.candidates.filter((file) => roles.get(file.path) === 'app' && !isComponentPath(file.path));
  const found = apps.flatMap((file) => existingSingletonIn(file, discovery.modules));
  if (found.length === 0) return taken ? besideDefault(discovery, defaultPath) : undefined;
  // In a Nuxt project, server files use what server/utils exports without importing it.
  const autoImported = new Map(discovery.project.dependencies.has('nuxt') ? found.map((f) => [f.path, f.exportName] as const) : []);
  const importers = countImporters(
    discovery.root,
    [...discovery.sourcePaths],
    found.map((f) => f.path),
    resolver,
    autoImported,
  );
  return chooseReusableSingleton(found, importers) ?? (taken ? besideDefault(discovery, defaultPath) : undefined);
}

/**
 * The default path holds a module that is no singleton (Prisma's Hono guide keeps a `withPrisma` middleware in
 * `src/lib/prisma.ts`) and no other module is one to reuse: the singleton goes beside it, and the module's own
 * clients are sites like any other.
 */
function besideDefault(discovery: Discovery, defaultPath: string): { path: string; note: string; beside?: true } | undefined {
  const extension = posix.extname(defaultPath);
  const free = ['db', 'prisma-client', 'prisma-singleton']
    .map((name) => posix.join(posix.dirname(defaultPath), `${name}${extension}`))
    .find((path) => !discovery.sourcePaths.has(path));
  if (free === undefined) return undefined;
  return {
    path: free,
    beside: true,
    note: `${defaultPath} holds other code (it exports no PrismaClient instance): the singleton goes to ${free}; pass --singleton <path> to choose another`,
  };
}

function exportsClient(file: SourceText, modules: ClientModules): boolean {
  const { sourceFile, error } = parseSource(file.path, file.text);
  if (error) return true;
  try {
    return singletonExport(analyzeFile(sourceFile, { modules, classes: new Map() })).exportName !== undefined;
  } catch (caught) {
    if (isStackOverflow(caught)) return true;
    throw caught;
  }
}

/** The file as an existing singleton, if it is one; a file nested too deeply is not (the planner names it). */
function existingSingletonIn(file: SourceText, modules: ClientModules): ExistingSingleton[] {
  try {
    return findExistingSingletons([file], modules);
  } catch (error) {
    if (isStackOverflow(error)) return [];
    throw error;
  }
}

/** Frameworks whose dev server reloads modules in one process, where a module-level client without a cache piles up. */
const RELOADING = ['next', 'nuxt', '@sveltejs/kit', '@remix-run/dev', '@react-router/dev', 'astro', 'vite'];

/**
 * A note when the reused singleton keeps its client in a module variable only, in a framework whose dev server
 * reloads modules: every reload then builds a client and a pool (the generated singleton caches on `globalThis`).
 */
export function uncachedNote(singleton: SingletonInfo | null, project: ProjectFacts): string | undefined {
  if (!singleton?.uncached || singleton.created || !RELOADING.some((name) => project.dependencies.has(name))) return undefined;
  return `${singleton.path} keeps its client in a module variable: in development each hot reload of it opens another pool; keep it on globalThis (as the generated singleton does)`;
}
