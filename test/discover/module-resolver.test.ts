import { describe, expect, it } from 'vitest';
import { createModuleResolver } from '../../src/discover/module-resolver.js';
import { readProjectFacts } from '../../src/discover/project-facts.js';

const SOURCES = ['lib/db.ts', 'lib/http.ts', 'src/server/db.ts', 'src/lib/prisma/index.ts', 'app/api/users/route.ts', 'components/card.tsx'];

function resolverFor(compilerOptions: Record<string, unknown>, tsconfigPath = 'tsconfig.json') {
  const project = readProjectFacts({ tsconfigs: [{ path: tsconfigPath, text: JSON.stringify({ compilerOptions }) }] });
  return createModuleResolver(project, SOURCES);
}

describe('module resolver', () => {
  it.each([
    { name: "a root-level alias, create-next-app's default", options: { paths: { '@/*': ['./*'] } }, specifier: '@/lib/db', expected: 'lib/db' },
    { name: 'an alias into src/', options: { baseUrl: '.', paths: { '~/*': ['./src/*'] } }, specifier: '~/server/db', expected: 'src/server/db' },
    { name: 'an alias to a folder with an index', options: { paths: { '@/*': ['./src/*'] } }, specifier: '@/lib/prisma', expected: 'src/lib/prisma' },
    { name: 'an alias with an extension', options: { paths: { '@/*': ['./*'] } }, specifier: '@/lib/db.js', expected: 'lib/db' },
    { name: 'an exact alias', options: { paths: { '#db': ['./lib/db.ts'] } }, specifier: '#db', expected: 'lib/db' },
    { name: 'a bare path under baseUrl', options: { baseUrl: '.' }, specifier: 'lib/http', expected: 'lib/http' },
    { name: 'a relative path', options: {}, specifier: '../../../lib/db', expected: 'lib/db' },
  ])('resolves $name', ({ options, specifier, expected }) => {
    expect(resolverFor(options).resolve(specifier, 'app/api/users/route.ts')).toBe(expected);
  });

  it.each([
    { name: 'a package', options: { baseUrl: '.' }, specifier: 'next/server' },
    { name: 'an alias to a module that does not exist', options: { paths: { '@/*': ['./*'] } }, specifier: '@/lib/missing' },
    { name: 'a bare path without baseUrl', options: {}, specifier: 'lib/db' },
  ])('resolves nothing for $name', ({ options, specifier }) => {
    expect(resolverFor(options).resolve(specifier, 'app/api/users/route.ts')).toBeUndefined();
  });

  it('names a module through every alias that reaches it, and through baseUrl', () => {
    const resolver = resolverFor({ baseUrl: '.', paths: { '@/*': ['./*'], '~/*': ['./src/*'] } });
    expect(resolver.aliasesFor('src/lib/prisma.ts')).toEqual([
      { specifier: '@/src/lib/prisma', via: '@/*' },
      { specifier: '~/lib/prisma', via: '~/*' },
      { specifier: 'src/lib/prisma', via: 'baseUrl' },
    ]);
  });

  it('reads paths relative to baseUrl, and baseUrl relative to the tsconfig that sets it', () => {
    const resolver = resolverFor({ baseUrl: './src', paths: { '@server/*': ['server/*'] } }, 'tsconfig.json');
    expect(resolver.resolve('@server/db', 'app/api/users/route.ts')).toBe('src/server/db');
    expect(resolver.resolve('server/db', 'app/api/users/route.ts')).toBe('src/server/db');
  });
});
