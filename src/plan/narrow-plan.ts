import type { Plan } from '../core/types.js';

/** Lines `start` to `end` of a file, 1-based and inclusive. */
export type LineRange = readonly [start: number, end: number];

/** What a change did to one file: added or altered these lines, or made the whole file new (`all`). */
export type ChangedLines = 'all' | readonly LineRange[];

/** Root-relative path -> the lines a change added or altered there. A path that is absent did not change. */
export type LineChanges = ReadonlyMap<string, ChangedLines>;

/**
 * The plan narrowed to what a change added: findings and warnings whose line the change added or altered, and skips
 * of files it touched (a file that cannot be read or parsed has no lines to compare). A site on an unchanged line
 * of a changed file, or in a renamed file, is old and drops out.
 */
export function narrowPlan(plan: Plan, changes: LineChanges): Plan {
  const changed = (at: { readonly path: string; readonly line: number }): boolean => {
    const lines = changes.get(at.path);
    return lines !== undefined && (lines === 'all' || lines.some(([start, end]) => at.line >= start && at.line <= end));
  };
  return {
    ...plan,
    findings: plan.findings.filter(changed),
    skipped: plan.skipped.filter((s) => changes.has(s.path)),
    warnings: plan.warnings.filter(changed),
  };
}
