/**
 * Programmatic API of prisma-singleton-codemod. `run()` plans (and, in `apply` mode, writes) without printing
 * or exiting; `buildPlan()` is the pure core for callers that bring their own file texts; `main()` is the CLI.
 */
export { run, type RunHooks } from './run/run.js';
export { exitCodeOf, type RunResult, type BaselineOutcome, type RepositoryPlace } from './core/result.js';
export type { RunOptions, Mode } from './core/options.js';
export { main } from './cli/main.js';
export type { CliIo } from './cli/io.js';
export { parseOptions, type CliOptions, type RawFlags } from './cli/options.js';
export type { ReporterName } from './report/index.js';
export { buildPlan, type PlanInput, type PlanOptions } from './plan/build-plan.js';
export { applyChanges, type ApplyOptions, type ApplyOutcome, type HeldFile } from './write/apply-changes.js';
export type { WriterFs, FileFacts } from './write/writer-fs.js';
export { diffChanges, type DiffLine } from './write/diff.js';
export { CodemodError, UsageError, ProjectError, InterruptedError, type InterruptSignal } from './core/errors.js';
export type { ExtensionRule } from './core/paths.js';
export type { Plan, Finding, FindingKind, FindingAction, FileChange, Skip, SkipReason, SourceText, SingletonInfo, ReasonId } from './core/types.js';
