import type { Finding } from '../core/types.js';

/**
 * Completes each finding's fingerprint with its occurrence: the analyser's key says what the statement is, and the
 * count of earlier sites of the same file with the same key (in position order) tells identical statements apart:
 * `<key>:0`, `<key>:1`. Takes findings sorted by path and position. Pure.
 */
export function numberOccurrences(findings: readonly Finding[]): Finding[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const id = `${finding.path}\0${finding.fingerprint}`;
    const occurrence = seen.get(id) ?? 0;
    seen.set(id, occurrence + 1);
    return { ...finding, fingerprint: `${finding.fingerprint}:${occurrence}` };
  });
}
