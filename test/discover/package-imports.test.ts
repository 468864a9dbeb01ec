import { describe, expect, it } from 'vitest';
import { packageImports } from '../../src/discover/package-imports.js';

describe('packageImports', () => {
  it("reads package.json's subpath imports as aliases: patterns, conditions, and only targets inside the package", () => {
    const imports = {
      '#prisma/*': './app/generated/prisma/*',
      '#db': { types: './src/db.d.ts', import: './src/db.js' },
      '#env': { node: { import: './src/env.node.js' }, default: './src/env.js' },
      '#outside': '../shared/db.js',
      '#dep': 'some-package',
      'not-a-subpath': './src/x.js',
    };
    expect(packageImports({ imports })).toEqual([
      ['#prisma/*', 'app/generated/prisma/*'],
      ['#db', 'src/db.d.ts'],
      ['#env', 'src/env.node.js'],
    ]);
    expect(packageImports({})).toEqual([]);
    expect(packageImports(undefined)).toEqual([]);
  });
});
