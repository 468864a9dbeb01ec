import { createRequire } from 'node:module';
import type * as Diff from 'diff';
import type { FileChange } from '../core/types.js';

/** The diff library, loaded on the first diff: a --check never prints one. */
let diffLibrary: typeof Diff | undefined;

/** One line of a unified diff, typed so that a reporter can colour it. */
export interface DiffLine {
  readonly kind: 'file' | 'hunk' | 'add' | 'remove' | 'context';
  readonly text: string;
}

/**
 * A git-style unified diff of every change (`a/` and `b/` prefixes, new files from /dev/null), in plan order. Each
 * root-relative path is prefixed with `base`, the project folder's POSIX path from the folder the patch is applied in
 * ('' for the project folder itself): the top of the git work tree, for `git apply` (report/path-bases.ts).
 */
export function diffChanges(changes: readonly FileChange[], base = ''): DiffLine[] {
  const lines: DiffLine[] = [];
  if (changes.length === 0) return lines;
  diffLibrary ??= createRequire(import.meta.url)('diff') as typeof Diff;
  const { structuredPatch } = diffLibrary;
  for (const change of changes) {
    const created = change.before === null;
    const path = base === '' ? change.path : `${base}/${change.path}`;
    lines.push({ kind: 'file', text: `diff --git a/${path} b/${path}` });
    if (created) lines.push({ kind: 'file', text: 'new file mode 100644' });
    lines.push({ kind: 'file', text: created ? '--- /dev/null' : `--- a/${path}` });
    lines.push({ kind: 'file', text: `+++ b/${path}` });
    const patch = structuredPatch(change.path, change.path, change.before ?? '', change.after, undefined, undefined, { context: 3 });
    for (const hunk of patch.hunks) {
      const oldRange = created ? '-0,0' : `-${hunk.oldStart},${hunk.oldLines}`;
      lines.push({ kind: 'hunk', text: `@@ ${oldRange} +${hunk.newStart},${hunk.newLines} @@` });
      for (const line of hunk.lines) {
        const kind = line.startsWith('+') ? 'add' : line.startsWith('-') ? 'remove' : 'context';
        lines.push({ kind, text: line.replace(/\r$/, '') });
      }
    }
  }
  return lines;
}
