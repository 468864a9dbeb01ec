import type { ts } from 'ts-morph';

/** Replace `text.slice(start, end)` with `text`. Edits of one file never overlap. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** A cosmetic edit (re-indentation) that yields to any other edit it would overlap. */
  readonly soft?: boolean;
}

/** Applies non-overlapping edits to a text; throws on overlap, which would be a bug in whoever planned them. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const hard = edits.filter((edit) => !edit.soft);
  const kept = edits.filter((edit) => !edit.soft || !hard.some((other) => other.start < edit.end + 1 && edit.start < other.end + 1));
  const sorted = [...kept].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error(`overlapping edits at ${edit.start}`);
    out += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/**
 * The range that removes a statement: its whole lines when it stands alone on them (so no blank line is left
 * where it was), else just its own text. joinRemovals decides about the blank lines around it.
 */
export function statementRemoval(text: string, node: ts.Node): Edit {
  const start = node.getStart();
  const end = node.end;
  // A byte order mark belongs to the file, not to its first line.
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1) + 1, text.startsWith('\uFEFF') ? 1 : 0);
  const newline = text.indexOf('\n', end);
  const lineEnd = newline === -1 ? text.length : newline + 1;
  const alone = text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '';
  return alone ? { start: lineStart, end: lineEnd, text: '' } : { start, end, text: '' };
}

function endOfLine(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline + 1;
}

/** True when the line that ends just before `lineStart` is blank or ends by opening a block. */
function isBlankOrOpeningLineEndingAt(text: string, lineStart: number): boolean {
  const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  const previous = text.slice(previousStart, lineStart).trim();
  return previous === '' || previous.endsWith('{');
}

/**
 * Joins removals that touch (two statements on consecutive lines) into one; then a removal of whole lines also
 * takes the blank line after it when a blank line, an opening brace or the file's start stands before it: that
 * gap would be one the author never wrote.
 */
export function joinRemovals(text: string, edits: readonly Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Edit[] = [];
  for (const edit of sorted) {
    const last = out[out.length - 1];
    if (last && last.text === '' && edit.text === '' && last.end === edit.start && last.start !== last.end) {
      out[out.length - 1] = { start: last.start, end: edit.end, text: '' };
    } else {
      out.push(edit);
    }
  }
  // A byte order mark belongs to the file: a removal right after it starts at the file's start.
  const fileStart = text.startsWith('\uFEFF') ? 1 : 0;
  return out.map((edit) => {
    const atLineStart = edit.start === fileStart || text[edit.start - 1] === '\n';
    if (edit.text !== '' || edit.start === edit.end || !atLineStart || text[edit.end - 1] !== '\n') return edit;
    const blankBefore = edit.start === fileStart || isBlankOrOpeningLineEndingAt(text, edit.start);
    const nextEnd = endOfLine(text, edit.end);
    const blankAfter = edit.end < text.length && text.slice(edit.end, nextEnd).trim() === '';
    const nextIsEdited = sorted.some((other) => other !== edit && other.start < nextEnd && other.end > edit.end);
    return blankBefore && blankAfter && !nextIsEdited ? { ...edit, end: nextEnd } : edit;
  });
}
