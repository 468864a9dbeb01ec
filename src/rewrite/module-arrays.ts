import { ts } from '#typescript';
import type { Edit } from './edits.js';
import type { CodeStyle } from './style.js';

/**
 * Edits to the arrays of a NestJS `@Module({...})`: take an element out of `providers`, add one to `imports` (or add
 * the `imports` property), in the layout the array already has: one line (`[A, B]`) or one element per line (with or
 * without a trailing comma).
 */

/** Removes one element with the comma and space (or the whole line) that go with it. */
export function elementRemoval(text: string, array: ts.ArrayLiteralExpression, element: ts.Expression): Edit {
  const elements = array.elements;
  const index = elements.indexOf(element);
  const next = elements[index + 1];
  const previous = elements[index - 1];
  if (isMultiline(text, array)) {
    const lineStart = text.lastIndexOf('\n', element.getStart() - 1) + 1;
    const afterComma = next || elements.hasTrailingComma ? text.indexOf(',', element.end) + 1 : element.end;
    const lineEnd = text.indexOf('\n', afterComma);
    const alone = text.slice(lineStart, element.getStart()).trim() === '' && text.slice(afterComma, lineEnd).trim() === '';
    if (alone && (next || elements.hasTrailingComma)) return { start: lineStart, end: lineEnd + 1, text: '' };
    // The last element without a trailing comma: the comma before it goes instead.
    if (alone && previous) return { start: previous.end, end: element.end, text: '' };
  }
  if (next) return { start: element.getStart(), end: next.getStart(), text: '' };
  if (previous) return { start: previous.end, end: elements.hasTrailingComma ? text.indexOf(',', element.end) + 1 : element.end, text: '' };
  return { start: element.getStart(), end: elements.hasTrailingComma ? text.indexOf(',', element.end) + 1 : element.end, text: '' };
}

/** Adds `name` as the array's last element. */
export function elementAppend(text: string, array: ts.ArrayLiteralExpression, name: string, style: CodeStyle): Edit {
  const elements = array.elements;
  const last = elements[elements.length - 1];
  if (!last) return { start: array.getStart() + 1, end: array.end - 1, text: name };
  if (!isMultiline(text, array)) return { start: last.end, end: last.end, text: `, ${name}` };
  const indent = /[ \t]*$/.exec(text.slice(0, last.getStart()))?.[0] ?? style.indent;
  if (elements.hasTrailingComma) {
    const comma = text.indexOf(',', last.end) + 1;
    return { start: comma, end: comma, text: `${style.eol}${indent}${name},` };
  }
  return { start: last.end, end: last.end, text: `,${style.eol}${indent}${name}` };
}

/** Adds `key: [name]` as the first property of the module's metadata object. */
export function propertyInsertion(text: string, metadata: ts.ObjectLiteralExpression, key: string, name: string, style: CodeStyle): Edit {
  const [first] = metadata.properties;
  const property = `${key}: [${name}]`;
  if (!first) return { start: metadata.getStart() + 1, end: metadata.end - 1, text: ` ${property} ` };
  if (!isMultiline(text, metadata)) return { start: first.getStart(), end: first.getStart(), text: `${property}, ` };
  const indent = /[ \t]*$/.exec(text.slice(0, first.getStart()))?.[0] ?? style.indent;
  return { start: first.getStart(), end: first.getStart(), text: `${property},${style.eol}${indent}` };
}

function isMultiline(text: string, node: ts.ArrayLiteralExpression | ts.ObjectLiteralExpression): boolean {
  const items: readonly ts.Node[] = ts.isArrayLiteralExpression(node) ? node.elements : node.properties;
  const [first] = items;
  return first !== undefined && text.slice(node.getStart(), first.getStart()).includes('\n');
}
