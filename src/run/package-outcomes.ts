import type { PackageOutcome } from '../core/result.js';
import type { Plan } from '../core/types.js';
import type { UnitOutcome } from './plan-unit.js';

/** Per package of a workspace run, what the final plan holds for it (after any baseline or change scope). */
export function packageOutcomes(outcomes: readonly UnitOutcome[], plan: Plan): PackageOutcome[] {
  const packageDirs = outcomes.map((o) => o.unit.dir).filter((dir) => dir !== '');
  // A path belongs to the deepest package folder that holds it; the root unit has what no package holds.
  const ownerOf = (path: string): string => packageDirs.filter((dir) => path.startsWith(`${dir}/`)).sort((a, b) => b.length - a.length)[0] ?? '';
  return outcomes
    .map(({ unit, discovery, plan: own }) => {
      const findings = plan.findings.filter((f) => ownerOf(f.path) === unit.dir);
      return { unit, discovery, own, findings };
    })
    .map(({ unit, discovery, own, findings }) => ({
      dir: unit.dir,
      name: unit.member?.name,
      scanned: discovery.scanned,
      sites: findings.length,
      allowed: findings.filter((f) => f.action === 'allowed').length,
      changed: plan.changes.filter((c) => c.before !== null && ownerOf(c.path) === unit.dir).length,
      singletons: own.singletons,
    }))
    .filter((p) => p.dir !== '' || p.scanned > 0);
}
