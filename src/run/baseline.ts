import { ProjectError } from '../core/errors.js';
import type { BaselineOutcome } from '../core/result.js';
import type { Plan } from '../core/types.js';
import { readBaselineFile } from '../discover/baseline-file.js';
import { baselineOf, baselineSize, matchBaseline, parseBaseline, renderBaseline } from '../plan/baseline.js';
import { writeBaselineFile } from '../write/baseline-file.js';

/**
 * --baseline: the plan without the findings the baseline accepts, and what it accepted. With --update-baseline the
 * file is rewritten to accept every current site (stale entries dropped, reported) and no finding fails.
 */
export async function settleBaseline(plan: Plan, path: string, update: boolean): Promise<{ plan: Plan; outcome: BaselineOutcome }> {
  const text = await readBaselineFile(path);
  if (text === undefined && !update) throw new ProjectError(`--baseline ${path} does not exist; write it with --check --baseline <file> --update-baseline`);
  const match = matchBaseline(plan.findings, text === undefined ? new Map() : parseBaseline(text, path));
  const outcome = { path, stale: match.stale, updated: update };
  if (!update) {
    const acceptedFiles = new Set(match.accepted.map((f) => f.path)).size;
    return { plan: { ...plan, findings: match.kept }, outcome: { ...outcome, accepted: match.accepted.length, acceptedFiles, added: 0 } };
  }
  const next = baselineOf(plan.findings);
  const rendered = renderBaseline(next);
  if (rendered !== text) await writeBaselineFile(path, rendered);
  const added = match.kept.filter((f) => f.action !== 'allowed').length;
  return {
    plan: { ...plan, findings: plan.findings.filter((f) => f.action === 'allowed') },
    outcome: { ...outcome, accepted: baselineSize(next), acceptedFiles: next.size, added },
  };
}
