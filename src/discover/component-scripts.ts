import { isComponentPath } from '../core/paths.js';

const SCRIPT_BLOCK = /(<script\b[^>]*>)([\s\S]*?)<\/script\s*>/gi;
const FRONTMATTER = /^(\uFEFF?\s*---[^\S\n]*\r?\n)([\s\S]*?)\r?\n---/;

/**
 * The code of a component file at its own offsets: the `<script>` blocks of a `.vue` or `.svelte` file, or the
 * frontmatter of an `.astro` file, with everything else blanked (spaces, line breaks kept), so that a position in
 * it is the position in the file. Other files come back as they are.
 */
export function scriptOf(path: string, text: string): string {
  if (!isComponentPath(path)) return text;
  const kept: Array<readonly [number, number]> = [];
  if (path.endsWith('.astro')) {
    const match = FRONTMATTER.exec(text);
    if (match?.[1] !== undefined && match[2] !== undefined) kept.push([match[1].length, match[1].length + match[2].length]);
  } else {
    for (const match of text.matchAll(SCRIPT_BLOCK)) {
      const start = (match.index ?? 0) + (match[1]?.length ?? 0);
      kept.push([start, start + (match[2]?.length ?? 0)]);
    }
  }
  let out = '';
  let at = 0;
  for (const [start, end] of kept) {
    out += blank(text.slice(at, start)) + text.slice(start, end);
    at = end;
  }
  return out + blank(text.slice(at));
}

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}
