import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/analyze/parse.js';
import { applyEdits } from '../../src/rewrite/edits.js';
import { elementAppend, elementRemoval, propertyInsertion } from '../../src/rewrite/module-arrays.js';
import { DEFAULT_STYLE } from '../../src/rewrite/style.js';

/** The first array literal (or object literal) of `@Module(...)` in a one-statement file. */
function literal<T extends ts.Node>(text: string, is: (node: ts.Node) => node is T): T {
  const { sourceFile } = parseSource('src/a.module.ts', text);
  let found: T | undefined;
  const visit = (node: ts.Node): void => {
    if (!found && is(node)) found = node;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  if (!found) throw new Error('no literal');
  return found;
}

const array = (text: string): ts.ArrayLiteralExpression => literal(text, ts.isArrayLiteralExpression);

describe('@Module() array edits', () => {
  it.each([
    { name: 'the last of one line', before: 'x = [A, B];', drop: 'B', after: 'x = [A];' },
    { name: 'the first of one line', before: 'x = [A, B];', drop: 'A', after: 'x = [B];' },
    { name: 'the only element', before: 'x = [A];', drop: 'A', after: 'x = [];' },
    { name: 'a line of its own, trailing comma', before: 'x = [\n  A,\n  B,\n];', drop: 'B', after: 'x = [\n  A,\n];' },
    { name: 'a middle line of its own', before: 'x = [\n  A,\n  B,\n  C\n];', drop: 'B', after: 'x = [\n  A,\n  C\n];' },
    { name: 'the last line without a trailing comma', before: 'x = [\n  A,\n  B\n];', drop: 'B', after: 'x = [\n  A\n];' },
  ])('removes $name', ({ before, drop, after }) => {
    const list = array(before);
    const element = list.elements.find((e) => e.getText() === drop);
    if (!element) throw new Error(drop);
    expect(applyEdits(before, [elementRemoval(before, list, element)])).toBe(after);
  });

  it.each([
    { name: 'to a one-line array', before: 'x = [A];', after: 'x = [A, P];' },
    { name: 'to an empty array', before: 'x = [];', after: 'x = [P];' },
    { name: 'on its own line, trailing comma kept', before: 'x = [\n  A,\n];', after: 'x = [\n  A,\n  P,\n];' },
    { name: 'on its own line without a trailing comma', before: 'x = [\n  A\n];', after: 'x = [\n  A,\n  P\n];' },
  ])('appends $name', ({ before, after }) => {
    expect(applyEdits(before, [elementAppend(before, array(before), 'P', DEFAULT_STYLE)])).toBe(after);
  });

  it.each([
    { name: 'a one-line object', before: 'm({ providers: [A] });', after: 'm({ imports: [P], providers: [A] });' },
    { name: 'an empty object', before: 'm({});', after: 'm({ imports: [P] });' },
    { name: 'an object of several lines', before: 'm({\n  providers: [A],\n});', after: 'm({\n  imports: [P],\n  providers: [A],\n});' },
  ])('adds the imports property first in $name', ({ before, after }) => {
    const object = literal(before, ts.isObjectLiteralExpression);
    expect(applyEdits(before, [propertyInsertion(before, object, 'imports', 'P', DEFAULT_STYLE)])).toBe(after);
  });
});
