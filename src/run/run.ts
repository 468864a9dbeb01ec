import { ProjectError } from '../core/errors.js';
import type { RunOptions } from '../core/options.js';
import type { RunResult } from '../core/result.js';
import { mergePlans } from '../plan/merge-plans.js';
import { narrowPlan } from '../plan/narrow-plan.js';
import type { WriterFs } from '../write/writer-fs.js';
import { settleBaseline } from './baseline.js';
import { emptyScan } from './empty-scan.js';
import { packageOutcomes } from './package-outcomes.js';
import { planUnit, type UnitOutcome } from './plan-unit.js';
import { projectLayout } from './project-layout.js';
import { checkPathOptions } from './option-paths.js';
import { singletonFor } from './singleton-option.js';

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

/**
 * Discovers, plans and, in apply mode, writes. At a workspace root each package is planned on its own (its own
 * singleton, conventions and roles; no import crosses a package folder) and the plans are written as one. Never prints
 * and never exits; errors are CodemodErrors.
 */
export async function run(options: RunOptions, hooks: RunHooks = {}): Promise<RunResult> {
  await checkPathOptions(options);
  const limited = options.changedSince !== undefined || options.staged;
  // The git questions come first: a missing ref or merge base should fail before a long scan.
  // git is loaded only for a run limited to a change.
  const scope = limited ? await (await import('../git/change-scope.js')).changeScope(options.root, options.changedSince, options.staged) : undefined;
  const layout = await projectLayout(options.root);
  const outcomes: UnitOutcome[] = [];
  for (const unit of layout.units) {
    outcomes.push(await planUnit(options, layout, unit, scope, singletonFor(layout.units, options.singleton, unit), hooks.onProgress));
  }
  const scanned = outcomes.reduce((sum, o) => sum + o.discovery.scanned, 0);
  const last = outcomes[outcomes.length - 1];
  if (options.mode === 'check' && scanned === 0 && last) throw new ProjectError(emptyScan(last.discovery));
  const notes = outcomes.flatMap((o) => o.notes);
  let plan = outcomes.length === 1 && last ? last.plan : mergePlans(outcomes.map((o) => o.plan));
  // The baseline meets every site before the change narrows them: a site outside the change is not stale.
  const settled = options.baseline === undefined ? undefined : await settleBaseline(plan, options.baseline, options.updateBaseline ?? false);
  if (settled) plan = settled.plan;
  if (scope) plan = narrowPlan(plan, scope.lines);
  // The writer is loaded only to write: a check or a dry run never loads it.
  const written = options.mode === 'apply' ? await (await import('./apply-plan.js')).applyPlan(options, plan, hooks, notes) : { plan, applied: false };
  return {
    options,
    plan: written.plan,
    scanned,
    applied: written.applied,
    notes,
    unscanned: outcomes.flatMap((o) => o.discovery.unscanned.map((u) => ({ ...u, path: o.unit.dir === '' ? u.path : `${o.unit.dir}/${u.path}` }))),
    ...(layout.isWorkspaceRoot ? { packages: packageOutcomes(outcomes, written.plan) } : {}),
    ...(settled ? { baseline: settled.outcome } : {}),
  };
}
