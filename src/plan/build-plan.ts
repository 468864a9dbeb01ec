import { clientModules } from '../analyze/client-modules.js';
import { ProjectError } from '../core/errors.js';
import { comparePaths, type ExtensionRule } from '../core/paths.js';
import type { FileChange, Plan, Skip, SourceText } from '../core/types.js';
import { createModuleResolver } from '../discover/module-resolver.js';
import type { ProjectFacts } from '../discover/project-facts.js';
import { aliasSpecifier, chooseExtension, relativeSpecifier } from './import-specifier.js';
import { chooseOptionsKey, judgeFiles } from './judge-files.js';
import { rewriteFiles, type Target } from './rewrite-files.js';
import { assertSingletonTarget, defaultSingletonPath } from './singleton-choice.js';
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
  /** Every source file under the root, candidate or not. */
  readonly sourcePaths: ReadonlySet<string>;
  /** Module specifiers seen across the project, to learn its habits: extensions and path aliases. */
  readonly specifiers: readonly string[];
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
  const modules = clientModules(project.generatorOutputs);
  const singletonPath = options.singletonPath ?? defaultSingletonPath(input.sourcePaths, input.hasSrcDir);
  const judgement = judgeFiles(input.files, project, modules, singletonPath, options.all);
  assertSingletonTarget(singletonPath, judgement.existing, input.sourcePaths.has(singletonPath), judgement.existingExport);

  const extension = chooseExtension(options.importExtension, input.specifiers, project);
  const alias = aliasSpecifier(singletonPath, createModuleResolver(project, input.sourcePaths), input.specifiers, extension);
  const key = judgement.existing ? (judgement.existingKey ?? '') : chooseOptionsKey(judgement.verdicts);
  const target: Target = {
    exportName: judgement.existingExport ?? 'prisma',
    specifierFor: (path) => alias ?? relativeSpecifier(path, singletonPath, extension),
    accepts: (candidate) => candidate === '' || candidate === key,
    key,
  };
  const findingsOnly = options.findingsOnly ?? false;
  const rewrites = rewriteFiles(input.files, judgement.verdicts, target, { project, modules, findingsOnly });

  const createSingleton = rewrites.rewritten > 0 && !judgement.existing;
  const changes: FileChange[] = [...rewrites.changes];
  if (createSingleton && !findingsOnly) changes.push(singletonChange({ path: singletonPath, project, extension, ...rewrites }));
  const byPosition = <T extends { path: string; line: number; column: number }>(a: T, b: T): number =>
    comparePaths(a.path, b.path) || a.line - b.line || a.column - b.column;
  return {
    changes: changes.sort((a, b) => comparePaths(a.path, b.path)),
    findings: [...rewrites.findings].sort(byPosition),
    skipped: [...input.skipped, ...judgement.skipped].sort((a, b) => comparePaths(a.path, b.path)),
    warnings: [...rewrites.warnings].sort(byPosition),
    singleton: rewrites.rewritten > 0 || judgement.existing ? { path: singletonPath, created: createSingleton, exportName: target.exportName } : null,
    leftAlone: judgement.leftAlone,
  };
}
