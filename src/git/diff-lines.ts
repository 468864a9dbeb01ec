import type { LineRange } from '../plan/narrow-plan.js';

/** What a zero-context diff says: the lines each file gained, and the files it deleted. */
export interface DiffFacts {
  /** New path (relative to the work tree) -> the lines it gained. */
  readonly added: Map<string, LineRange[]>;
  /** Deleted path -> the id of its blob before (with `--full-index`), to recognise it moved elsewhere. */
  readonly deleted: Map<string, string>;
}

/**
 * Reads a zero-context unified diff (`git diff -U0 --full-index --src-prefix=a/ --dst-prefix=b/`). Pure: text in,
 * data out. A deleted file, a pure rename and a mode change add no lines and are absent from `added`; a hunk that
 * only removes lines adds none. Hunk bodies are skipped by their counts, so a content line that looks like a header
 * (`+++ b/x`) is never read as one.
 */
export function parseDiff(diff: string): DiffFacts {
  const added = new Map<string, LineRange[]>();
  const deleted = new Map<string, string>();
  let oldPath: string | undefined;
  let oldId = '';
  let path: string | undefined;
  let removing = 0;
  let adding = 0;
  for (const line of diff.split('\n')) {
    if (removing > 0 || adding > 0) {
      if (line.startsWith('-') && removing > 0) removing -= 1;
      else if (line.startsWith('+') && adding > 0) adding -= 1;
      continue;
    }
    if (line.startsWith('diff --git ')) [oldPath, path, oldId] = [undefined, undefined, ''];
    else if (line.startsWith('index ')) oldId = /^index ([0-9a-f]+)\.\./.exec(line)?.[1] ?? '';
    else if (line.startsWith('--- ')) oldPath = headerPath(line.slice(4), 'a/');
    else if (line.startsWith('+++ ')) {
      path = headerPath(line.slice(4), 'b/');
      if (path === undefined && oldPath !== undefined) deleted.set(oldPath, oldId);
    } else if (line.startsWith('@@ ')) {
      const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!hunk) continue;
      removing = Number(hunk[1] ?? '1');
      adding = Number(hunk[3] ?? '1');
      const start = Number(hunk[2]);
      if (path !== undefined && adding > 0) added.set(path, [...(added.get(path) ?? []), [start, start + adding - 1]]);
    }
  }
  return { added, deleted };
}

/** The path of a `---` or `+++` header without its prefix; undefined for `/dev/null`. */
function headerPath(header: string, prefix: string): string | undefined {
  if (header === '/dev/null') return undefined;
  // Git quotes a path with special characters C-style, and ends an unquoted one that holds a space with a tab.
  const path = header.startsWith('"') ? unquoteC(header) : header.replace(/\t$/, '');
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

const ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Undoes git's C-style quoting of a path: `"a\"b\303\251"` -> `a"bé` (octal escapes are UTF-8 bytes). */
export function unquoteC(quoted: string): string {
  const body = quoted.replace(/^"/, '').replace(/"\t?$/, '');
  const parts: Buffer[] = [];
  for (const [token, escaped] of body.matchAll(/\\([0-7]{3}|[\s\S])|[^\\]+/g)) {
    if (escaped === undefined) parts.push(Buffer.from(token, 'utf8'));
    else if (/^[0-7]{3}$/.test(escaped)) parts.push(Buffer.from([Number.parseInt(escaped, 8)]));
    else parts.push(Buffer.from([ESCAPES[escaped] ?? escaped.charCodeAt(0)]));
  }
  return Buffer.concat(parts).toString('utf8');
}
