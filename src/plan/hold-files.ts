import { comparePaths } from '../core/paths.js';
import type { Plan, Skip } from '../core/types.js';

/**
 * The plan as written when the writer held files back (see write/): their changes are gone, their sites need a
 * person (`file-not-written`), the warnings that described their rewrite no longer apply, and each is a skip that
 * says why. Pure.
 */
export function withHeldFiles(plan: Plan, held: readonly Skip[]): Plan {
  if (held.length === 0) return plan;
  const paths = new Set(held.map((h) => h.path));
  return {
    ...plan,
    changes: plan.changes.filter((c) => !paths.has(c.path)),
    findings: plan.findings.map((f) => (paths.has(f.path) && f.action === 'rewrite' ? { ...f, action: 'review', reason: 'file-not-written' } : f)),
    warnings: plan.warnings.filter((w) => !paths.has(w.path)),
    skipped: [...plan.skipped, ...held].sort((a, b) => comparePaths(a.path, b.path)),
  };
}
