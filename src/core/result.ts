import type { RunOptions } from './options.js';
import type { Plan, SkipReason } from './types.js';

/** What a run did or would do; the CLI turns it into output and an exit code. */
export interface RunResult {
  readonly options: RunOptions;
  readonly plan: Plan;
  /** Source files discovered under the root. */
  readonly scanned: number;
  /** True when apply wrote the plan to disk. */
  readonly applied: boolean;
  /** Things to tell the user about the run as a whole. */
  readonly notes: readonly string[];
}

/** Skip reasons that are problems with the input (exit 1) rather than information. */
export const PROBLEM_SKIPS: ReadonlySet<SkipReason> = new Set([
  'parse-error',
  'invalid-utf8',
  'utf16',
  'binary',
  'too-large',
  'too-deeply-nested',
  'unreadable',
  'hard-links',
  'owner-not-kept',
]);

/**
 * The documented exit code of a finished run: 1 when --check finds instantiations outside the singleton, when sites
 * are left for a person, or when files could not be read or parsed; else 0.
 */
export function exitCodeOf(result: RunResult): 0 | 1 {
  const { plan, options } = result;
  if (plan.skipped.some((skip) => PROBLEM_SKIPS.has(skip.reason))) return 1;
  if (options.mode === 'check') return plan.findings.some((f) => f.action !== 'allowed') ? 1 : 0;
  return plan.findings.some((f) => f.action === 'review') || plan.warnings.some((w) => w.needsPerson) ? 1 : 0;
}
