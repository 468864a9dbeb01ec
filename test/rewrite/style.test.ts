import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/analyze/parse.js';
import { detectStyle } from '../../src/rewrite/style.js';

const indentOf = (text: string): string => detectStyle(parseSource('src/a.ts', text).sourceFile).indent;

describe('detectStyle: indentation', () => {
  // Round 7 (an Inversify scraper): a file-level JSDoc's ` * ` lines were read as a one-space indent, and the new
  // singleton was indented with one space in a two-space project.
  it("reads the first indented line of code, not a block comment's aligned stars", () => {
    expect(indentOf('/**\n * Scrapes things.\n */\nexport function run() {\n  return 1;\n}\n')).toBe('  ');
    expect(indentOf('/*\n * header\n */\nif (x) {\n\treturn;\n}\n')).toBe('\t');
    expect(indentOf('export function run() {\n    return 1;\n}\n')).toBe('    ');
  });
});
