import type { BaselineOutcome } from '../core/result.js';
import { plural } from './summary.js';

/**
 * What the baseline did, in words, for the human reporters: how many accepted sites are left to migrate, which
 * entries are stale, and what --update-baseline wrote. `file` is the baseline's path as the user would type it, `where`
 * shows a root-relative path the same way.
 */
export function baselineLines(outcome: BaselineOutcome, file: string, where: (path: string) => string): string[] {
  const sites = `${plural(outcome.accepted, 'site')} in ${plural(outcome.acceptedFiles, 'file')}`;
  const lines: string[] = [];
  if (outcome.updated) {
    lines.push(`baseline ${file} written: it accepts ${sites}${outcome.added > 0 ? ` (${outcome.added} new)` : ''}`);
    if (outcome.stale.length > 0)
      lines.push(`baseline: dropped ${plural(outcome.stale.length, 'stale entry', 'stale entries')} (${staleFiles(outcome, where)})`);
    return lines;
  }
  if (outcome.accepted > 0) lines.push(`baseline ${file}: ${sites} accepted, left to migrate`);
  if (outcome.stale.length > 0) {
    const entries = plural(outcome.stale.length, 'entry matches', 'entries match');
    lines.push(`baseline: ${entries} no site any more (fixed, or edited): ${staleFiles(outcome, where)}; --update-baseline drops them`);
  }
  return lines;
}

/** `src/a.ts, src/b.ts (2)`: the files of the stale entries, with counts above one. */
function staleFiles(outcome: BaselineOutcome, where: (path: string) => string): string {
  const counts = new Map<string, number>();
  for (const entry of outcome.stale) counts.set(entry.path, (counts.get(entry.path) ?? 0) + 1);
  return [...counts].map(([path, count]) => (count > 1 ? `${where(path)} (${count})` : where(path))).join(', ');
}
