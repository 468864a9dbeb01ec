import type { RunResult } from '../core/result.js';

/** Counts every reporter shows the same way. */
export interface Summary {
  readonly filesChanged: number;
  readonly replaced: number;
  readonly review: number;
  readonly allowed: number;
  readonly outside: number;
  readonly filesOutside: number;
  readonly skipped: number;
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
