import type { Plan } from '../core/types.js';

/** The plan's findings, skips and warnings narrowed to the given root-relative paths (what git says changed). */
export function narrowPlan(plan: Plan, paths: ReadonlySet<string>): Plan {
  return {
    ...plan,
    findings: plan.findings.filter((f) => paths.has(f.path)),
    skipped: plan.skipped.filter((s) => paths.has(s.path)),
    warnings: plan.warnings.filter((w) => paths.has(w.path)),
  };
}
