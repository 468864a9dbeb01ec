import type { RunOptions } from './options.js';
import type { Plan, SingletonInfo, SkipReason, Unscanned } from './types.js';

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
  /** What the skip rules left out that mentions PrismaClient: generated-client folders and ignored files. */
  readonly unscanned?: readonly Unscanned[];
  /** With --baseline: what the baseline accepted, what in it is stale, and whether --update-baseline rewrote it. */
  readonly baseline?: BaselineOutcome;
  /** At a workspace root: each package (and the root's own files, dir ''), planned on its own. */
  readonly packages?: readonly PackageOutcome[];
}

/** What a workspace run found and did in one package. Paths are relative to the run's root. */
export interface PackageOutcome {
  /** The package folder; '' for the files at the workspace root outside every package. */
  readonly dir: string;
  /** Its package.json name. */
  readonly name: string | undefined;
  readonly scanned: number;
  /** Sites the plan reports in it (rewritten, for review, allowed). */
  readonly sites: number;
  /** Of those, the ones left alone (tests, seeds, scripts, marked intentional, edge): not outside the singleton. */
  readonly allowed: number;
  /** Its existing files the plan rewrites (created singletons are among `singletons`). */
  readonly changed: number;
  /** Its singletons: created, reused, or shared by another package (`packageName`). */
  readonly singletons: readonly SingletonInfo[];
}

/**
 * Where the project sits in its git work tree, for output paths that tools resolve from the repository's top (git
 * apply, GitHub): the top, absolute, and the project folder's POSIX path from it ('' when the project is the top).
 * `git/work-tree.ts` finds it; the CLI hands it to the reporters that need it.
 */
export interface RepositoryPlace {
  readonly top: string;
  readonly projectPath: string;
}

/** How a check met its baseline file. The plan's findings are then only those the baseline does not accept. */
export interface BaselineOutcome {
  /** The baseline file, absolute. */
  readonly path: string;
  /** Sites outside the singleton the baseline accepts (legacy left to migrate), and in how many files. */
  readonly accepted: number;
  readonly acceptedFiles: number;
  /** Entries that match no site any more (fixed, or edited beyond recognition); --update-baseline drops them. */
  readonly stale: readonly { readonly path: string; readonly fingerprint: string }[];
  /** --update-baseline: the file now accepts every current site; `added` of them were not in it before. */
  readonly updated: boolean;
  readonly added: number;
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
