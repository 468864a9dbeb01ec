import { isAbsolute, join, posix } from 'node:path';
import type { RunOptions } from '../core/options.js';
import { moduleKeyOf, packageModuleKey } from '../core/paths.js';
import type { FileRole, Plan, SourceText } from '../core/types.js';
import { discover, type DiscoveryUnit, findImporters, type Discovery } from '../discover/discover.js';
import { reachableFrom } from '../discover/import-graph.js';
import { createModuleResolver, type ModuleResolver } from '../discover/module-resolver.js';
import { readNestFiles } from '../discover/nest-files.js';
import { moduleSpecifiersIn } from '../discover/specifiers.js';
import { overlayTexts } from '../discover/text-overlay.js';
import type { ChangeScope } from '../git/change-scope.js';
import type { PlanOptions } from '../plan/build-plan.js';
import type { SharedTarget } from '../plan/client-targets.js';
import { relativeReach } from './relative-shared.js';
import { edgeByLayout } from './edge-layouts.js';
import { prefixPlan } from '../plan/merge-plans.js';
import { isNestMode } from '../plan/nest-plan.js';
import { planProject } from '../plan/plan-project.js';
import type { LayoutUnit, ProjectLayout } from './project-layout.js';
import type { SharedClient } from './shared-clients.js';
import type { ProjectClasses } from '../analyze/bindings.js';
import { findReusableSingleton, uncachedNote } from './reusable-singleton.js';
import { projectRoles } from './project-roles.js';
import { assertSingletonScanned } from './option-paths.js';

/** One unit planned: its discovery (paths relative to the unit) and its plan and notes (relative to the run's root). */
export interface UnitOutcome {
  readonly unit: LayoutUnit;
  readonly discovery: Discovery;
  readonly plan: Plan;
  readonly notes: readonly string[];
}

/** Discovers and plans one unit of the layout: a package of a workspace, or the whole project. */
export async function planUnit(
  options: RunOptions,
  layout: ProjectLayout,
  unit: LayoutUnit,
  scope: ChangeScope | undefined,
  singletonOption: string | undefined,
  onProgress?: (done: number, total: number) => void,
): Promise<UnitOutcome> {
  const others = layout.shared.filter((s) => s.dir !== unit.workspaceDir);
  const found = await discover(join(options.root, unit.dir), local(options.schema, unit.dir), onProgress, discoveryUnit(unit, others));
  const discovery = scope ? overlayTexts(found, withinUnit(scope.texts, unit.dir)) : found;
  const own = layout.shared.find((s) => s.dir === unit.workspaceDir)?.singleton;
  const singleton = singletonOption ?? (own ? posix.relative(unit.workspaceDir, own.path) : undefined);
  if (singleton !== undefined) assertSingletonScanned({ ...options, root: join(options.root, unit.dir) }, singleton, discovery);
  const label = (text: string): string => (unit.dir === '' ? text : `${unit.dir}: ${text}`);
  const notes = discovery.notes.map(label);
  const resolver = createModuleResolver(discovery.project, discovery.sourcePaths);
  const roles = projectRoles(discovery, resolver);
  // Nest code outside the package that depends on @nestjs/core counts too: an Nx project with no package.json of its
  // own, a db package that holds the provider (a candidate that imports Nest says so).
  const maybeNest = isNestMode(options.framework, discovery.project) || (options.framework === undefined && discovery.candidates.some(importsNest));
  const nestFiles = maybeNest ? readNestFiles(discovery) : undefined;
  // A @nestjs/core dependency alone is not a Nest application: some file must import Nest.
  const framework = options.framework ?? (nestFiles && [...discovery.candidates, ...nestFiles].some(importsNest) ? 'nest' : 'none');
  const nest = framework === 'nest';
  const reusable = singleton === undefined && !nest ? findReusableSingleton(discovery, roles, resolver) : undefined;
  // Where a new singleton would go is news only when one is created there (below).
  if (reusable && !reusable.beside) notes.push(label(reusable.note));
  const shared = sharedTargets(layout, unit, discovery, notes, label);
  // The plan judges edge code by the files that run on an edge runtime, not only the entries the config names.
  const edgeAware = { ...discovery, project: { ...discovery.project, edgeEntries: edgeFiles(discovery, resolver) } };
  const provider = nest ? sharedProvider(others, unit, discovery) : undefined;
  const plan = planWithClientClasses(
    edgeAware,
    roles,
    shared,
    {
      singletonPath: singleton ?? reusable?.path,
      all: options.all,
      importExtension: options.importExtension,
      findingsOnly: options.mode === 'check',
      framework,
      sharedProvider: provider,
    },
    nest ? nestFiles : undefined,
    nest ? undefined : subclassesOf(others),
  );
  if (reusable?.beside && plan.singleton?.created && plan.singleton.path === reusable.path) notes.push(label(reusable.note));
  if (plan.singleton?.created && discovery.ignore.isIgnored(plan.singleton.path)) {
    notes.push(label(`${plan.singleton.path} is ignored by a .gitignore: commit it anyway (git add -f), or every import of it breaks in a fresh clone`));
  }
  if (provider && plan.findings.some((f) => f.reason === 'nest-shared-provider')) {
    notes.push(label(`${provider.name} from ${provider.packageName} is the Nest provider to inject where a provider builds its own client (left for review)`));
  }
  const uncached = uncachedNote(plan.singleton, discovery.project);
  if (uncached) notes.push(label(uncached));
  const packages = new Set(['@prisma/client', '.prisma/client', ...layout.shared.flatMap((s) => (s.name === undefined ? [] : [s.name]))]);
  return { unit, discovery, plan: prefixPlan(plan, unit.dir, packages), notes };
}

/** Where the unit stands in its workspace, and the packages whose entry passes a client on. */
function discoveryUnit(unit: LayoutUnit, others: readonly SharedClient[]): DiscoveryUnit {
  const passOn = others.filter((s): s is SharedClient & { name: string } => s.reexportsClient && s.name !== undefined);
  return {
    ...(unit.workspaceRoot ? { boundary: unit.workspaceRoot, schemaFallback: unit.workspaceRoot } : {}),
    otherProjects: unit.otherProjects,
    clientPackages: passOn.map((s) => s.name),
    // Those the unit depends on, so that a singleton may import the client by the package's name.
    clientPackageDirs: new Map(passOn.filter((s) => unit.member?.dependencies.has(s.name)).map((s) => [posix.relative(unit.dir, s.dir), s.name] as const)),
  };
}

/**
 * The shared clients this unit may import: packages it depends on (package.json, `workspace:` included) or already
 * imports by name, and packages a tsconfig path of its own reaches (`"@db": ["../../packages/db/src/index.ts"]`,
 * or the singleton module itself). When several serve one client, the most imported comes first and a note names
 * the rest.
 */
function sharedTargets(layout: ProjectLayout, unit: LayoutUnit, discovery: Discovery, notes: string[], label: (text: string) => string): SharedTarget[] {
  const imports = (name: string): number => discovery.specifiers.filter((s) => s === name).length;
  const usable = layout.shared.flatMap((shared): SharedTarget[] => {
    const { singleton, name } = shared;
    if (!singleton || shared.dir === unit.workspaceDir) return [];
    const byName = name !== undefined && (unit.member?.dependencies.has(name) || imports(name) > 0) ? name : undefined;
    const alias = byName === undefined ? aliasOf(discovery, unit, shared) : undefined;
    const specifier = byName ?? alias?.pattern;
    const covers = [...(singleton.clientModule === '@prisma/client' ? ['@prisma/client'] : []), ...(shared.reexportsClient && name ? [name] : [])];
    if (specifier === undefined) {
      // Reached by a relative path out of this package: imported by that path (no package name to write).
      const reach = relativeReach(discovery, unit.workspaceDir, shared);
      const exportName = reach?.toModule ? singleton.moduleExportName : singleton.exportName;
      return reach ? [{ exportName, path: reach.path, key: singleton.key, covers, importers: reach.importers }] : [];
    }
    const exportName = alias?.toModule ? singleton.moduleExportName : singleton.exportName;
    return [{ packageName: specifier, exportName, path: posix.relative(unit.workspaceDir, singleton.path), key: singleton.key, covers }];
  });
  const uses = (t: SharedTarget): number => t.importers ?? imports(t.packageName ?? '');
  const named = (t: SharedTarget): string => t.packageName ?? t.path;
  usable.sort((a, b) => uses(b) - uses(a) || named(a).localeCompare(named(b)));
  const [first, ...rest] = usable;
  if (first && rest.length > 0) {
    notes.push(label(`shares the client of ${named(first)} (the most imported); other candidates: ${rest.map(named).join(', ')}`));
  }
  return usable;
}

/**
 * The Nest provider exported by a workspace package this unit depends on or imports by name (or reaches through a
 * tsconfig path, as an Nx app reaches a lib), with the specifier the unit reaches it by.
 */
function sharedProvider(others: readonly SharedClient[], unit: LayoutUnit, discovery: Discovery): { name: string; packageName: string } | undefined {
  for (const shared of others) {
    if (shared.provider === undefined) continue;
    const { name } = shared;
    const byName = name !== undefined && (unit.member?.dependencies.has(name) || discovery.specifiers.includes(name)) ? name : undefined;
    const specifier = byName ?? aliasOf(discovery, unit, shared)?.pattern;
    if (specifier !== undefined) return { name: shared.provider, packageName: specifier };
  }
  // nestjs-prisma's PrismaService, a PrismaClient subclass its PrismaModule provides, is the provider the project has.
  return discovery.project.dependencies.has('nestjs-prisma') ? { name: 'PrismaService', packageName: 'nestjs-prisma' } : undefined;
}

/** A tsconfig path without `*` of the unit that names the package's entry, or its singleton module (`toModule`). */
function aliasOf(discovery: Discovery, unit: LayoutUnit, shared: SharedClient): { pattern: string; toModule: boolean } | undefined {
  const key = (path: string): string => moduleKeyOf(posix.normalize(path));
  for (const [pattern, target] of discovery.project.pathAliases) {
    if (pattern.includes('*')) continue;
    const reached = key(posix.join(unit.workspaceDir, target));
    if (reached === key(shared.entry)) return { pattern, toModule: false };
    if (shared.singleton && reached === key(shared.singleton.path)) return { pattern, toModule: true };
  }
  return undefined;
}

/**
 * The files that run on an edge runtime by where they sit: everything a wrangler entry reaches (the Worker's bundle),
 * Next.js middleware (edge unless it exports `runtime: 'nodejs'`, which the verdict reads), never what it imports,
 * and the app-router files under a layout that sets the edge runtime.
 */
function edgeFiles(discovery: Discovery, resolver: ModuleResolver): string[] {
  const { project, sourcePaths, root } = discovery;
  const worker = project.edgeEntries.length > 0 ? reachableFrom(root, project.edgeEntries, sourcePaths, resolver) : [];
  const middleware = project.dependencies.has('next') ? [...sourcePaths].filter((path) => NEXT_MIDDLEWARE.test(path)) : [];
  return [...new Set([...worker, ...middleware, ...edgeByLayout(discovery)])];
}

const NEXT_MIDDLEWARE = /^(?:src\/)?middleware\.[cm]?[jt]s$/;

function importsNest(file: SourceText): boolean {
  return moduleSpecifiersIn(file.text).some((specifier) => specifier.startsWith('@nestjs/'));
}

/** A root-relative path option (`--schema`) as the unit sees it: relative to the unit's folder, climbing out if it must. */
function local(path: string | undefined, dir: string): string | undefined {
  return path === undefined || dir === '' || isAbsolute(path) ? path : posix.relative(dir, path);
}

function withinUnit(texts: ReadonlyMap<string, Buffer>, dir: string): ReadonlyMap<string, Buffer> {
  if (dir === '') return texts;
  return new Map([...texts].flatMap(([path, bytes]) => (path.startsWith(`${dir}/`) ? [[path.slice(dir.length + 1), bytes] as const] : [])));
}

/** The plan, with the files that import the project's client classes found by reading the tree again. */
function planWithClientClasses(
  discovery: Discovery,
  roles: ReadonlyMap<string, FileRole>,
  shared: readonly SharedTarget[],
  options: PlanOptions,
  nestFiles?: readonly SourceText[],
  packageClasses?: ProjectClasses,
): Plan {
  const input = {
    ...(nestFiles ? { nestFiles } : {}),
    files: discovery.candidates,
    skipped: discovery.skipped,
    project: discovery.project,
    hasSrcDir: discovery.hasSrcDir,
    sourceDir: discovery.sourceDir,
    sourcePaths: discovery.sourcePaths,
    specifiers: discovery.specifiers,
    roles,
    shared,
    options,
    ...(packageClasses ? { packageClasses } : {}),
  };
  return planProject(input, (modules, files) => findImporters({ ...discovery, candidates: files }, modules));
}

/**
 * The client subclasses that other workspace packages' entries and `exports` subpaths export (`export class Db
 * extends PrismaClient` in `@repo/db`, or in `@repo/db/client`): a `new Db()` here constructs a client through the
 * package's name, which no resolver here follows. Not
 * in Nest mode, where such a class is the shared provider (nest-plan.ts).
 */
function subclassesOf(others: readonly SharedClient[]): ProjectClasses {
  return new Map(
    // A package that re-exports PrismaClient is a client module by its name (discoveryUnit): left to that reading.
    others.flatMap(({ name, provider, subpathProviders, reexportsClient }) => {
      if (name === undefined || reexportsClient) return [];
      const subclass = (className: string) =>
        new Map([[className, { form: 'constructor', clientModule: name, edge: false, reason: 'client-subclass' } as const]]);
      const bySubpath = [...subpathProviders].map(([subpath, className]) => [packageModuleKey(`${name}/${subpath}`), subclass(className)] as const);
      return provider === undefined ? bySubpath : [[packageModuleKey(name), subclass(provider)] as const, ...bySubpath];
    }),
  );
}
