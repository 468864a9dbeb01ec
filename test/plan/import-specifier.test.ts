import { describe, expect, it } from 'vitest';
import { createModuleResolver } from '../../src/discover/module-resolver.js';
import { aliasSpecifier, chooseExtension } from '../../src/plan/import-specifier.js';

const SOURCES = ['app/root.tsx', 'app/models/user.server.ts', 'src/lib/format.ts', 'src/components/Card.ts', 'lib/prisma.ts', 'src/lib/prisma.ts'];

function choose(aliases: Array<[string, string]>, singleton: string, specifiers: string[]): string | undefined {
  const resolver = createModuleResolver({ pathAliases: aliases, baseUrl: '.' }, SOURCES);
  return aliasSpecifier(singleton, resolver, specifiers, 'none');
}

describe('aliasSpecifier', () => {
  // Vite (React Router, Remix, SvelteKit, Astro) resolves `paths` aliases but not bare baseUrl paths: counting the
  // project's `~/` imports as baseUrl uses gave `from 'lib/prisma'`, which the dev server cannot load.
  it('never counts the uses of another alias as uses of baseUrl', () => {
    const specifiers = ['~/models/user.server', '~/root', '~/models/user.server', 'react'];
    expect(choose([['~/*', 'app/*']], 'lib/prisma.ts', specifiers)).toBeUndefined();
  });

  it('takes the alias the project uses that reaches the singleton, over other aliases and rarer bare paths', () => {
    const specifiers = ['$components/Card', '$components/Card', '$lib/format', 'src/lib/format'];
    const aliases: Array<[string, string]> = [
      ['$lib/*', 'src/lib/*'],
      ['$components/*', 'src/components/*'],
    ];
    expect(choose(aliases, 'src/lib/prisma.ts', specifiers)).toBe('$lib/prisma');
  });

  it('takes an alias only as a habit: one use for every four relative imports, and for baseUrl as many as them', () => {
    const relative = Array.from({ length: 8 }, (_, i) => `./module${i}`);
    expect(choose([['$lib/*', 'src/lib/*']], 'src/lib/prisma.ts', ['$lib/format', '$lib/format', ...relative])).toBe('$lib/prisma');
    expect(choose([['$lib/*', 'src/lib/*']], 'src/lib/prisma.ts', ['$lib/format', ...relative])).toBeUndefined();
    // A few bare src/... imports among many relative ones are an editor's auto-imports that Node may not resolve.
    expect(choose([], 'src/lib/prisma.ts', ['src/lib/format', 'src/components/Card', ...relative])).toBeUndefined();
    expect(choose([], 'src/lib/prisma.ts', Array.from({ length: 8 }, () => 'src/lib/format').concat(relative))).toBe('src/lib/prisma');
  });

  it('takes a bare baseUrl path when the project writes its imports so', () => {
    expect(choose([['~/*', 'app/*']], 'src/lib/prisma.ts', ['src/lib/format', 'src/components/Card', '~/root'])).toBe('src/lib/prisma');
  });
});

describe('chooseExtension', () => {
  const ts = ['./enums.ts', './internal/class.ts', './models.ts'];
  const js = ['./users.js', './orders.js'];

  it("follows the project's habit, the tsconfig's rule when it has none, and the flag over both", () => {
    expect(chooseExtension(undefined, js, { tsconfigExtension: 'none', esmPackage: true })).toBe('js');
    expect(chooseExtension(undefined, ['./a', './b', './c.js'], { tsconfigExtension: 'js', esmPackage: true })).toBe('none');
    expect(chooseExtension(undefined, [], { tsconfigExtension: 'js', esmPackage: false })).toBe('js');
    expect(chooseExtension(undefined, [], { tsconfigExtension: undefined, esmPackage: true })).toBe('js');
    expect(chooseExtension('none', js, { tsconfigExtension: 'js', esmPackage: true })).toBe('none');
  });

  // Prisma 7's generator writes `./enums.ts` into a committed client under `// @ts-nocheck`: three such imports
  // against the project's two `.js` ones made every new import end in `.ts`, which a NodeNext tsconfig rejects.
  it('takes a habit of .ts only where the tsconfig allows it, or where there is no tsconfig', () => {
    expect(chooseExtension(undefined, [...ts, ...js], { tsconfigExtension: 'js', esmPackage: true })).toBe('js');
    expect(chooseExtension(undefined, [...ts, ...js], { tsconfigExtension: 'none', esmPackage: false })).toBe('none');
    expect(chooseExtension(undefined, [...ts, ...js], { tsconfigExtension: 'ts', esmPackage: true })).toBe('ts');
    expect(chooseExtension(undefined, [...ts, ...js], { tsconfigExtension: undefined, esmPackage: true })).toBe('ts');
  });
});
