import { ts } from '#typescript';
import type { Skip } from '../core/types.js';

/**
 * Files nested too deeply for a recursive walk. The parser and the analysis recurse over the syntax tree; a file
 * with thousands of nested expressions (`a + a + ...`, parentheses, arrow functions) overflows the stack. That must
 * cost the file, never the run: each stage catches the overflow for the one file it is working on and turns it into
 * a `too-deeply-nested` skip.
 */

/** The error a recursive walk throws when the stack runs out (and no other RangeError). */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack size/i.test(error.message);
}

/**
 * The skip for a file too deeply nested; at the point where it nests deepest when the parse got that far, else
 * `detail` says which stage ran out.
 */
export function tooDeepSkip(path: string, sourceFile: ts.SourceFile | undefined, detail = 'the parser ran out of stack'): Skip {
  if (!sourceFile) return { path, reason: 'too-deeply-nested', detail };
  const { node, depth } = deepestNode(sourceFile);
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  return { path, reason: 'too-deeply-nested', line: line + 1, column: character + 1, detail: `${depth} levels deep` };
}

/** The first of the most deeply nested nodes, found without recursion. */
function deepestNode(root: ts.Node): { node: ts.Node; depth: number } {
  let deepest = { node: root, depth: 0 };
  const stack: Array<{ node: ts.Node; depth: number }> = [deepest];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    if (entry.depth > deepest.depth) deepest = entry;
    const children: ts.Node[] = [];
    ts.forEachChild(entry.node, (child) => {
      children.push(child);
    });
    // Reversed, so that the first child is visited first and the first deepest node wins.
    for (let i = children.length - 1; i >= 0; i -= 1) {
      const child = children[i];
      if (child) stack.push({ node: child, depth: entry.depth + 1 });
    }
  }
  return deepest;
}
