import { describe, expect, it } from 'vitest';
import { parseDiff, unquoteC } from '../../src/git/diff-lines.js';
import { compareLines } from '../../src/git/moved-files.js';

const ID = 'a'.repeat(40);
const ZERO = '0'.repeat(40);

describe('parseDiff', () => {
  it('collects the added lines of each hunk by the new path when a file gains and loses lines', () => {
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      `index ${ID}..${ID.replace(/a/g, 'b')} 100644`,
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -3 +3 @@ export {}',
      '-// teh',
      '+// the',
      '@@ -9,2 +9,0 @@',
      '-x',
      '-y',
      '@@ -20,0 +19,3 @@',
      '+a',
      '+b',
      '+c',
      '',
    ].join('\n');
    expect(parseDiff(diff)).toEqual({
      added: new Map([
        [
          'src/a.ts',
          [
            [3, 3],
            [19, 21],
          ],
        ],
      ]),
      deleted: new Map(),
    });
  });

  it('never reads a hunk line that looks like a header as one when a file holds diff text', () => {
    const diff = [
      'diff --git a/x.ts b/x.ts',
      '--- a/x.ts',
      '+++ b/x.ts',
      '@@ -0,0 +1,3 @@',
      '++++ b/evil.ts',
      '+@@ -1 +1,9 @@',
      '+diff --git a/y b/y',
      '',
    ].join('\n');
    expect([...parseDiff(diff).added]).toEqual([['x.ts', [[1, 3]]]]);
  });

  it('records a deleted file with its old blob id, and adds nothing for a pure rename', () => {
    const diff = [
      'diff --git a/gone.ts b/gone.ts',
      'deleted file mode 100644',
      `index ${ID}..${ZERO}`,
      '--- a/gone.ts',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      '-a',
      '-b',
      'diff --git a/old.ts b/new.ts',
      'similarity index 100%',
      'rename from old.ts',
      'rename to new.ts',
      '',
    ].join('\n');
    expect(parseDiff(diff)).toEqual({ added: new Map(), deleted: new Map([['gone.ts', ID]]) });
  });

  it('reads quoted paths and paths with a space (git ends those headers with a tab)', () => {
    const diff = [
      'diff --git "a/q\\"t\\303\\251.ts" "b/q\\"t\\303\\251.ts"',
      '--- "a/q\\"t\\303\\251.ts"',
      '+++ "b/q\\"t\\303\\251.ts"',
      '@@ -1 +1 @@',
      '-a',
      '+b',
      'diff --git a/sp ace.ts b/sp ace.ts',
      '--- a/sp ace.ts\t',
      '+++ b/sp ace.ts\t',
      '@@ -1,0 +2 @@',
      '+b',
      '',
    ].join('\n');
    expect([...parseDiff(diff).added.keys()]).toEqual(['q"té.ts', 'sp ace.ts']);
    expect(unquoteC('"tab\\there\\\\"')).toBe('tab\there\\');
  });
});

describe('compareLines', () => {
  it('finds the lines a moved file gained and how much it kept when it was edited', () => {
    expect(compareLines('a\nb\nc\nd\n', 'a\nb\nnew\nc\nd\n')).toEqual({ added: [[3, 3]], similarity: 4 / 5 });
    expect(compareLines('a\nb\n', 'x\ny\nz\n').similarity).toBe(0);
  });
});
