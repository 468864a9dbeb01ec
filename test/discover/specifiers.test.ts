import { describe, expect, it } from 'vitest';
import { moduleSpecifiersIn } from '../../src/discover/specifiers.js';

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
