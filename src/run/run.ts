import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError, ProjectError } from '../core/errors.js';
import type { RunOptions } from '../core/options.js';
import type { RunResult } from '../core/result.js';
import type { FileRole, Plan, SourceText } from '../core/types.js';
import { discover, findImporters, type Discovery } from '../discover/discover.js';
import { createModuleResolver } from '../discover/module-resolver.js';
import { readNestFiles } from '../discover/nest-files.js';
import { overlayTexts } from '../discover/text-overlay.js';
import { changeScope } from '../git/change-scope.js';
import type { PlanOptions } from '../plan/build-plan.js';
import { narrowPlan } from '../plan/narrow-plan.js';
import { isNestMode } from '../plan/nest-plan.js';
import { planProject } from '../plan/plan-project.js';
import { assertSingletonOption } from '../plan/singleton-choice.js';
import type { WriterFs } from '../write/writer-fs.js';
import { applyPlan } from './apply-plan.js';
import { settleBaseline } from './baseline.js';
import { emptyScan } from './empty-scan.js';
import { findReusableSingleton } from './reusable-singleton.js';
import { projectRoles } from './project-roles.js';

/**
 * Hooks for the edges: progress reporting; a file system for the writer (tests inject faults there); a signal that
 * interrupts the writing (the writer finishes the file in flight, restores every file and throws InterruptedError);
 * and `onWriting`, told when writing starts and ends, so that the CLI traps Ctrl-C only while files are written.
 */
export interface RunHooks {
  readonly onProgress?: (done: number, total: number) => void;
  readonly fs?: WriterFs;
  readonly signal?: AbortSignal;
  readonly onWriting?: (writing: boolean) => void;
}

/** Discovers, plans and, in apply mode, writes. Never prints and never exits; errors are CodemodErrors. */
export async function run(options: RunOptions, hooks: RunHooks = {}): Promise<RunResult> {
  if (options.singleton !== undefined) await checkSingletonOption(options.root, options.singleton);
  const limited = options.changedSince !== undefined || options.staged;
  // The git questions come first: a missing ref or merge base should fail before a long scan.
  const scope = limited ? await changeScope(options.root, options.changedSince, options.staged) : undefined;
  const found = await discover(options.root, options.schema, hooks.onProgress);
  const discovery = scope ? overlayTexts(found, scope.texts) : found;
  if (options.mode === 'check' && discovery.scanned === 0) throw new ProjectError(emptyScan(discovery));
  if (options.singleton !== undefined) assertScanned(options.singleton, discovery);
  const notes: string[] = [...discovery.notes];
  const resolver = createModuleResolver(discovery.project, discovery.sourcePaths);
  const roles = projectRoles(discovery, resolver);
  const nest = isNestMode(options.framework, discovery.project);
  const reusable = options.singleton === undefined && !nest ? findReusableSingleton(discovery, roles, resolver) : undefined;
  if (reusable) notes.push(reusable.note);
  const planOptions = {
    singletonPath: options.singleton ?? reusable?.path,
    all: options.all,
    importExtension: options.importExtension,
    findingsOnly: options.mode === 'check',
    framework: options.framework,
  };
  let plan = planWithClientClasses(discovery, roles, planOptions, nest ? readNestFiles(discovery) : undefined);
  // The baseline meets every site before the change narrows them: a site outside the change is not stale.
  const settled = options.baseline === undefined ? undefined : await settleBaseline(plan, options.baseline, options.updateBaseline ?? false);
  if (settled) plan = settled.plan;
  if (scope) plan = narrowPlan(plan, scope.lines);
  if (plan.singleton?.created && discovery.ignore.isIgnored(plan.singleton.path)) {
    notes.push(`${plan.singleton.path} is ignored by a .gitignore: commit it anyway (git add -f), or every import of it breaks in a fresh clone`);
  }
  const written = options.mode === 'apply' ? await applyPlan(options, plan, hooks, notes) : { plan, applied: false };
  return {
    options,
    plan: written.plan,
    scanned: discovery.scanned,
    applied: written.applied,
    notes,
    unscanned: discovery.unscanned,
    ...(settled ? { baseline: settled.outcome } : {}),
  };
}

/** The plan, with the files that import the project's client classes found by reading the tree again. */
function planWithClientClasses(discovery: Discovery, roles: ReadonlyMap<string, FileRole>, options: PlanOptions, nestFiles?: readonly SourceText[]): Plan {
  const input = {
    ...(nestFiles ? { nestFiles } : {}),
    files: discovery.candidates,
    skipped: discovery.skipped,
    project: discovery.project,
    hasSrcDir: discovery.hasSrcDir,
    sourcePaths: discovery.sourcePaths,
    specifiers: discovery.specifiers,
    roles,
    options,
  };
  return planProject(input, (modules, files) => findImporters({ ...discovery, candidates: files }, modules));
}

/** A --singleton that names no possible file, or a folder, is a usage error (exit 2) before anything is read. */
async function checkSingletonOption(root: string, singleton: string): Promise<void> {
  const folder = await stat(join(root, singleton)).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (folder) throw new UsageError(`--singleton ${singleton}: is a folder; name the file, for example ${singleton}/prisma.ts`);
  assertSingletonOption(singleton);
}

/** A --singleton in a folder the walk leaves out (build output, an ignored or generated folder) would be planned again by every run. */
function assertScanned(singleton: string, discovery: Discovery): void {
  const folder = discovery.skippedFolders.find((f) => f.folder && singleton.startsWith(`${f.path}/`));
  if (!folder) return;
  const why = folder.rule === 'gitignore' ? 'ignored by .gitignore' : folder.rule === 'build-output' ? 'build output' : 'the generated client';
  throw new UsageError(`--singleton ${singleton}: ${folder.path}/ is never scanned (${why}); name a file among the sources`);
}
