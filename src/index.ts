/**
 * Programmatic API of prisma-singleton-codemod. `run()` plans (and, in `apply` mode, writes) without printing
 * or exiting; `buildPlan()` is the pure core for callers that bring their own file texts.
 */
export { run, exitCodeOf, type RunResult, type RunHooks } from './run.js';
export { parseOptions, type Options, type Mode, type RawFlags, type ReporterName } from './options.js';
export { buildPlan, type PlanInput, type PlanOptions } from './plan.js';
export { applyChanges, type WriterFs } from './apply.js';
export { diffChanges, type DiffLine } from './diff.js';
export { CodemodError, UsageError, ProjectError } from './errors.js';
export type { Plan, Finding, FindingKind, FindingAction, FileChange, Skip, SkipReason, SourceText, SingletonInfo, ReasonId } from './types.js';
