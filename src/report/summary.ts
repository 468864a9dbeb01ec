import { PROBLEM_SKIPS, type RunResult } from '../core/result.js';
import type { SkipReason } from '../core/types.js';

/** Skips after which a file's content is unknown (not read, or not parsed): the run cannot vouch for it. */
const UNCHECKED: ReadonlySet<SkipReason> = new Set([...PROBLEM_SKIPS].filter((reason) => reason !== 'hard-links' && reason !== 'owner-not-kept'));

/** Counts every reporter shows the same way. */
export interface Summary {
  readonly filesChanged: number;
  readonly replaced: number;
  readonly review: number;
  readonly allowed: number;
  readonly outside: number;
  readonly filesOutside: number;
  readonly skipped: number;
  /** Files that could not be read or parsed: they may create clients that no count here includes. */
  readonly unchecked: number;
  readonly leftAlone: { readonly test: number; readonly seed: number; readonly script: number };
  readonly singletonCreated: boolean;
  readonly scanned: number;
}

/** Derives the summary counts from a run. */
export function summarize(result: RunResult): Summary {
  const { plan } = result;
  const outside = plan.findings.filter((f) => f.action !== 'allowed');
  return {
    // A check plans no edits: the files it would change are those with a site to rewrite.
    filesChanged:
      result.options.mode === 'check'
        ? new Set(plan.findings.filter((f) => f.action === 'rewrite').map((f) => f.path)).size
        : plan.changes.filter((c) => c.before !== null).length,
    replaced: plan.findings.filter((f) => f.action === 'rewrite').length,
    review: plan.findings.filter((f) => f.action === 'review').length,
    allowed: plan.findings.length - outside.length,
    outside: outside.length,
    filesOutside: new Set(outside.map((f) => f.path)).size,
    skipped: plan.skipped.length,
    unchecked: plan.skipped.filter((skip) => UNCHECKED.has(skip.reason)).length,
    leftAlone: plan.leftAlone,
    singletonCreated: plan.singleton?.created ?? false,
    scanned: result.scanned,
  };
}

/** "44 tests, 13 scripts, 2 seeds", or an empty string when nothing was left alone. */
export function leftAloneText(leftAlone: Summary['leftAlone']): string {
  const parts: string[] = [];
  if (leftAlone.test) parts.push(plural(leftAlone.test, 'test'));
  if (leftAlone.script) parts.push(plural(leftAlone.script, 'script'));
  if (leftAlone.seed) parts.push(plural(leftAlone.seed, 'seed'));
  return parts.join(', ');
}

export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** The verdict of a check that found no site but could not read or parse some files: never a pass. */
export function uncheckedVerdict(summary: Summary, noun: string): string {
  const other = Math.max(0, summary.scanned - summary.unchecked);
  return `could not check ${plural(summary.unchecked, 'file')} (skipped above), so this is not a pass; no PrismaClient instantiation outside the ${noun} in the other ${plural(other, 'file')}`;
}

/** The singletons the plan found in place (not created), the primary one when the list has none. */
export function existingSingletons(plan: RunResult['plan']): string[] {
  const existing = plan.singletons.filter((s) => !s.created).map((s) => s.path);
  if (existing.length === 0 && plan.singleton && !plan.singleton.created) existing.push(plan.singleton.path);
  return existing;
}

/** `: the application already uses X`, or, with several (one per package or per client), every one of them. */
export function alreadyUses(plan: RunResult['plan'], workspace: boolean, where: (path: string) => string): string {
  const existing = existingSingletons(plan);
  const [only] = existing;
  if (only === undefined) return plan.singleton ? `: the application already uses ${where(plan.singleton.path)}` : '';
  if (existing.length === 1) return `: the application already uses ${where(only)}`;
  const list = existing.map(where).join(', ');
  return workspace ? `: each package already uses its singleton (${list})` : `: the application already uses its singletons (${list})`;
}
