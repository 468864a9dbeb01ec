import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleSpecifiersIn } from '../../src/discover/specifiers.js';
import { FIXTURES, REPO } from '../support/helpers.js';

describe('moduleSpecifiersIn', () => {
  it('lists what a file loads at run time: type-only imports and exports are erased', () => {
    const text = [
      "import type { Ctx } from 'src/context';",
      "export type { Row } from './rows';",
      "import { type A, b } from './b';",
      "import type from './named-type';",
      "const x = require('./x');",
      "export * from './all';",
    ].join('\n');
    expect(moduleSpecifiersIn(text)).toEqual(['./b', './named-type', './x', './all']);
  });
});

/** The form this module had before it became one pass: the type-only imports cut out of the text, then a search. */
function twoPasses(text: string): string[] {
  const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"\n]+)['"]/gm;
  const typeOnly = /\b(?:import|export)\s+type\s+(?!from\b)[^;'"]*?\bfrom\s*['"][^'"\n]+['"]/g;
  const code = text.replace(typeOnly, '');
  return [...code.matchAll(specifier)].flatMap((match) => (match[1] ? [match[1]] : []));
}

describe('moduleSpecifiersIn, one pass', () => {
  it('finds what cutting the type-only imports out and searching found, in every source file of every fixture', () => {
    const sources = fixtureSources();
    expect(sources.length).toBeGreaterThan(500);
    const differ = sources.filter(({ text }) => JSON.stringify(moduleSpecifiersIn(text)) !== JSON.stringify(twoPasses(text)));
    expect(differ.map((s) => s.path)).toEqual([]);
  });

  it('passes over a type-only import written across lines, and keeps a value import on the line after it', () => {
    const text = "import type {\n  A,\n  B,\n} from './types';\nimport './side-effect';\nexport type * from './all-types';\n";
    expect(moduleSpecifiersIn(text)).toEqual(['./side-effect']);
    expect(twoPasses(text)).toEqual(['./side-effect']);
  });
});

function fixtureSources(): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') visit(path);
      else if (entry.isFile() && /\.(?:[cm]?[jt]sx?|vue|svelte|astro)$/.test(entry.name)) out.push({ path, text: readFileSync(path, 'utf8') });
    }
  };
  visit(FIXTURES);
  visit(join(REPO, 'test', 'patterns'));
  return out;
}
