import { ProjectError } from '../core/errors.js';
import type { RunOptions } from '../core/options.js';
import type { RunResult } from '../core/result.js';
import type { FileRole, Plan } from '../core/types.js';
import { discover, findImporters, type Discovery } from '../discover/discover.js';
import { createModuleResolver } from '../discover/module-resolver.js';
import { overlayTexts } from '../discover/text-overlay.js';
import { changeScope } from '../git/change-scope.js';
import type { PlanOptions } from '../plan/build-plan.js';
import { narrowPlan } from '../plan/narrow-plan.js';
import { planProject } from '../plan/plan-project.js';
import type { WriterFs } from '../write/writer-fs.js';
import { applyPlan } from './apply-plan.js';
import { settleBaseline } from './baseline.js';
import { emptyScan } from './empty-scan.js';
import { assertSingletonScanned, checkPathOptions } from './option-paths.js';
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
  await checkPathOptions(options);
  const limited = options.changedSince !== undefined || options.staged;
  // The git questions come first: a missing ref or merge base should fail before a long scan.
  const scope = limited ? await changeScope(options.root, options.changedSince, options.staged) : undefined;
  const found = await discover(options.root, options.schema, hooks.onProgress);
  const discovery = scope ? overlayTexts(found, scope.texts) : found;
  if (options.mode === 'check' && discovery.scanned === 0) throw new ProjectError(emptyScan(discovery));
  if (options.singleton !== undefined) assertSingletonScanned(options, options.singleton, discovery);
  const notes: string[] = [...discovery.notes];
  const resolver = createModuleResolver(discovery.project, discovery.sourcePaths);
  const roles = projectRoles(discovery, resolver);
  const reusable = options.singleton === undefined ? findReusableSingleton(discovery, roles, resolver) : undefined;
  if (reusable) notes.push(reusable.note);
  let plan = planWithClientClasses(discovery, roles, {
    singletonPath: options.singleton ?? reusable?.path,
    all: options.all,
    importExtension: options.importExtension,
    findingsOnly: options.mode === 'check',
  });
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
function planWithClientClasses(discovery: Discovery, roles: ReadonlyMap<string, FileRole>, options: PlanOptions): Plan {
  const input = {
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
