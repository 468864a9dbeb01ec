import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { diffLines } from 'diff';
import type { ChangedLines, LineRange } from '../plan/narrow-plan.js';
import { blobId, readObjects } from './blobs.js';

/** Git's own default: a file that keeps at least half of another's lines is that file, moved. */
const SIMILAR_ENOUGH = 0.5;

/**
 * What each untracked file (work-tree relative) changed. Git's rename detection cannot see a file moved with a plain
 * `mv` and not yet added, so this does the same for untracked files against the files the diff deleted: the same
 * bytes is a pure move (no lines changed; absent from the result), a file with the same name that keeps at least half
 * of the deleted one's lines is a move with edits (only its new lines changed), anything else is new as a whole.
 */
export async function untrackedChanges(
  workTree: string,
  untracked: readonly string[],
  deleted: ReadonlyMap<string, string>,
): Promise<Map<string, ChangedLines>> {
  const out = new Map<string, ChangedLines>();
  const byId = new Map([...deleted].map(([path, id]) => [id, path]));
  const similar: Array<{ path: string; bytes: Buffer; candidates: string[] }> = [];
  for (const path of untracked) {
    const bytes = deleted.size === 0 ? undefined : await readFile(join(workTree, path)).catch(() => undefined);
    if (!bytes) {
      out.set(path, 'all');
      continue;
    }
    const id = blobId(bytes, [...deleted.values()][0]?.length === 64 ? 'sha256' : 'sha1');
    if (byId.has(id)) continue;
    const candidates = [...deleted.keys()].filter((old) => basename(old) === basename(path));
    if (candidates.length === 0) out.set(path, 'all');
    else similar.push({ path, bytes, candidates });
  }
  const ids = similar.flatMap((file) => file.candidates.map((old) => deleted.get(old) ?? ''));
  const blobs = await readObjects(workTree, [...new Set(ids)]);
  for (const file of similar) {
    const text = file.bytes.toString('utf8');
    const comparisons = file.candidates.map((old) => compareLines((blobs.get(deleted.get(old) ?? '') ?? Buffer.alloc(0)).toString('utf8'), text));
    const best = comparisons.sort((a, b) => b.similarity - a.similarity)[0];
    out.set(file.path, best && best.similarity >= SIMILAR_ENOUGH ? best.added : 'all');
  }
  return out;
}

/** The lines of `after` that are not in `before`, and the share of lines the two keep in common. Pure. */
export function compareLines(before: string, after: string): { added: LineRange[]; similarity: number } {
  const added: LineRange[] = [];
  let line = 1;
  let common = 0;
  for (const part of diffLines(before, after)) {
    const count = part.count;
    if (part.removed) continue;
    if (part.added) added.push([line, line + count - 1]);
    else common += count;
    line += count;
  }
  const total = Math.max(lineCount(before), lineCount(after), 1);
  return { added, similarity: common / total };
}

function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}
