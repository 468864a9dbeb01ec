import { ProjectError } from '../core/errors.js';
import type { Framework } from '../core/options.js';
import { comparePaths, type ExtensionRule } from '../core/paths.js';
import type { FileChange, FileRole, Plan, SingletonInfo, Skip, SourceText } from '../core/types.js';
import { clientModules } from '../discover/client-modules.js';
import { createModuleResolver } from '../discover/module-resolver.js';
import type { ProjectFacts } from '../discover/project-facts.js';
import { chooseTargets, secondarySingleton, type SharedTarget, type Target } from './client-targets.js';
import { aliasSpecifier, chooseExtension, extensionFor, relativeSpecifier } from './import-specifier.js';
import { type Judgement, judgeFiles } from './judge-files.js';
import { buildNestPlan, isNestMode } from './nest-plan.js';
import type { ProjectClasses } from '../analyze/bindings.js';
import { numberOccurrences } from './occurrences.js';
import { rewriteFiles, type WiredTarget } from './rewrite-files.js';
import { assertSingletonTarget, defaultSingletonPath, isBundled } from './singleton-choice.js';
import { singletonChange } from './singleton-file.js';

/** Choices that shape the plan. */
export interface PlanOptions {
  /** Root-relative path of the singleton; undefined picks `src/lib/prisma.ts` or `lib/prisma.ts`. */
  readonly singletonPath: string | undefined;
  /** Migrate tests, seeds and scripts too. */
  readonly all: boolean;
  /** Force the extension of the new import paths. */
  readonly importExtension: ExtensionRule | undefined;
  /** Decide every finding but write no rewrite (--check): the second pass over the files is skipped. */
  readonly findingsOnly?: boolean;
  /** `nest`, `none`, or undefined to decide from package.json (`@nestjs/core`). */
  readonly framework?: Framework | undefined;
  /**
   * In Nest mode, the provider a workspace package the project depends on exports (`DbService` of `@crew/db`): with
   * no provider of its own, the project injects that one, so no second provider is created (its sites are for review).
   */
  readonly sharedProvider?: { readonly name: string; readonly packageName: string } | undefined;
}

/** Everything the planner reads; discovery builds it, tests build it by hand. */
export interface PlanInput {
  /** Candidate files (they mention PrismaClient), sorted by path. */
  readonly files: readonly SourceText[];
  /** Files discovery already passed over. */
  readonly skipped: readonly Skip[];
  readonly project: ProjectFacts;
  /** The target has a `src/` folder. */
  readonly hasSrcDir: boolean;
  /** Where the sources live when there is no `src/` (discover.ts `sourceDir`). */
  readonly sourceDir?: string;
  /** Every source file under the root, candidate or not. */
  readonly sourcePaths: ReadonlySet<string>;
  /** Module specifiers seen across the project, to learn its habits: extensions and path aliases. */
  readonly specifiers: readonly string[];
  /** Roles that follow the import graph (analyze/roles.ts graphRoles); a file missing here has its path role. */
  readonly roles?: ReadonlyMap<string, FileRole>;
  /** Nest mode: the files that declare `@Module()` classes or bootstrap, candidates or not. */
  readonly nestFiles?: readonly SourceText[];
  /** Shared clients of the workspace packages this project depends on (client-targets.ts). */
  readonly shared?: readonly SharedTarget[];
  /** The client subclasses other workspace packages' entries export, by `packageModuleKey` (run/plan-unit.ts). */
  readonly packageClasses?: ProjectClasses;
  readonly options: PlanOptions;
}

/**
 * Analyses every candidate and plans the whole change in memory: which sites share the singleton (those whose
 * connection options agree), the rewritten texts, the singleton file, and every finding. Writes nothing.
 * Phases: check the project, judge every site (pass 1), choose the shared options, rewrite (pass 2), create the
 * singleton, sort.
 */
export function buildPlan(input: PlanInput): Plan {
  const { project, options } = input;
  if (project.prismaMajor !== undefined && project.prismaMajor >= 8) {
    throw new ProjectError(`this project uses Prisma ${project.prismaMajor}; prisma-singleton-codemod targets Prisma 4 to 7, where PrismaClient exists`);
  }
  const modules = clientModules(project);
  const passOptions = { all: options.all, roles: input.roles, packageClasses: input.packageClasses };
  if (isNestMode(options.framework, project)) {
    const provider = { primary: '', isSingleton: () => false, typescript: project.typescript };
    const judgement = judgeFiles(input.files, project, modules, provider, passOptions);
    return buildNestPlan(input, judgement, modules);
  }
  const primary = options.singletonPath ?? defaultSingletonPath(input.sourcePaths, input.sourceDir ?? (input.hasSrcDir ? 'src' : ''));
  const isSingleton = (path: string, clientModule: string | undefined): boolean =>
    path === primary || (clientModule !== undefined && secondarySingleton(primary, clientModule).path === path);
  const judgement = judgeFiles(input.files, project, modules, { primary, isSingleton }, passOptions);
  const primaryExisting = judgement.existing.find((e) => e.path === primary);
  assertSingletonTarget(primary, !!primaryExisting, input.sourcePaths.has(primary), primaryExisting?.exportName);
  const extension = chooseExtension(options.importExtension, input.specifiers, project);
  const plainNode = !project.typescript && !isBundled(project);
  const extensions = new Map(input.files.map((file) => [file.path, extensionFor(file, extension, plainNode)]));
  const resolver = createModuleResolver(project, input.sourcePaths);
  const targets = chooseTargets(judgement, primary, input.shared).map((target): WiredTarget => {
    const { packageName } = target;
    if (packageName !== undefined) return { ...target, specifierFor: () => packageName };
    const alias = aliasSpecifier(target.path, resolver, input.specifiers, extension);
    return { ...target, specifierFor: (path) => alias ?? relativeSpecifier(path, target.path, extensions.get(path) ?? extension) };
  });
  const findingsOnly = options.findingsOnly ?? false;
  const analysis = { modules, classes: judgement.classes };
  const rewrites = rewriteFiles(input.files, throughAccessors(judgement.verdicts, targets), targets, { project, analysis, findingsOnly });

  const singletons: SingletonInfo[] = [];
  const changes: FileChange[] = [...rewrites.changes];
  for (const target of targets) {
    const use = rewrites.uses.get(target.clientModule);
    const rewritten = use?.rewritten ?? 0;
    if (rewritten === 0 && !target.existing) continue;
    const created = rewritten > 0 && !target.existing;
    singletons.push(singletonInfo(target, created, judgement));
    if (!created || findingsOnly || !use) continue;
    changes.push(singletonChange({ path: target.path, exportName: target.exportName, project, extension, ...use, styles: rewrites.styles }));
  }
  const byPosition = <T extends { path: string; line: number; column: number }>(a: T, b: T): number =>
    comparePaths(a.path, b.path) || a.line - b.line || a.column - b.column;
  return {
    changes: changes.sort((a, b) => comparePaths(a.path, b.path)),
    findings: numberOccurrences([...rewrites.findings].sort(byPosition)),
    skipped: [...input.skipped, ...judgement.skipped, ...rewrites.skipped].sort((a, b) => comparePaths(a.path, b.path)),
    warnings: [...rewrites.warnings].sort(byPosition),
    singleton:
      singletons.find((s) => s.path === primary) ??
      (primaryExisting ? { path: primary, created: false, exportName: primaryExisting.exportName ?? 'prisma' } : null),
    singletons,
    leftAlone: judgement.leftAlone,
    clientClasses: [...judgement.classes].flatMap(([module, names]) =>
      [...names].map(([name, exported]) => ({ module, name, clientModule: exported.clientModule, reason: exported.reason })),
    ),
  };
}

/**
 * A singleton that hands its client out through a function (`usePrisma()`) is not rewritten to: each site that would
 * join it is for a person, who calls the function there. Nothing new is created beside it.
 */
function throughAccessors(verdicts: Judgement['verdicts'], targets: readonly Target[]): Judgement['verdicts'] {
  const accessors = new Set(targets.filter((t) => t.accessor).map((t) => t.clientModule));
  if (accessors.size === 0) return verdicts;
  const review = { merge: false, action: 'review', reason: 'accessor-singleton' } as const;
  return new Map(
    [...verdicts].map(([path, list]) => [path, list.map((v) => (v.verdict.merge && accessors.has(v.clientModule) ? { ...v, verdict: review } : v))]),
  );
}

/** What the summary says of one singleton: where, created or not, its export, and whether it lacks a cache. */
function singletonInfo(target: WiredTarget, created: boolean, judgement: Judgement): SingletonInfo {
  const uncached = judgement.existing.some((e) => e.path === target.path && !e.cached);
  return {
    path: target.path,
    created,
    exportName: target.exportName,
    ...(target.packageName ? { packageName: target.packageName } : {}),
    ...(uncached ? { uncached } : {}),
  };
}
