import { describe, expect, it } from 'vitest';
import { configAliases, withFrameworkAliases } from '../../src/discover/framework-aliases.js';
import { readProjectFacts } from '../../src/discover/project-facts.js';

describe('withFrameworkAliases', () => {
  it("adds SvelteKit's $lib when the project depends on @sveltejs/kit", () => {
    expect(withFrameworkAliases([], { svelteKit: true, nuxt: undefined })).toEqual([
      ['$lib', 'src/lib'],
      ['$lib/*', 'src/lib/*'],
    ]);
  });

  it("adds Nuxt's ~ and @ for the source folder (the root before Nuxt 4, app/ from 4) and ~~ and @@ for the root", () => {
    expect(withFrameworkAliases([], { svelteKit: false, nuxt: 3 })).toEqual([
      ['~~/*', '*'],
      ['@@/*', '*'],
      ['~/*', '*'],
      ['@/*', '*'],
    ]);
    expect(withFrameworkAliases([], { svelteKit: false, nuxt: 4 }).filter(([p]) => p === '~/*')).toEqual([['~/*', 'app/*']]);
  });

  it('reads the string entries of a config alias object, and passes over computed ones', () => {
    const svelte =
      "import adapter from '@sveltejs/adapter-node';\n\nexport default {\n  kit: {\n    adapter: adapter(),\n    alias: {\n      $db: 'src/lib/server/db',\n      '$ui/*': './src/ui/*',\n      \"@generated\": resolve('generated'),\n      $up: '../shared',\n    },\n  },\n};\n";
    expect(configAliases(svelte)).toEqual([
      ['$db', 'src/lib/server/db'],
      ['$ui/*', './src/ui/*'],
      ['$up', '../shared'],
    ]);
    expect(configAliases('export default { kit: { adapter: adapter() } };\n')).toEqual([]);
    expect(configAliases(undefined)).toEqual([]);
  });

  it("turns config aliases into patterns: a bare key also covers its subpaths, Nuxt's ~ and ~~ resolve, none may leave the project", () => {
    const aliases: Array<readonly [string, string]> = [
      ['$db', 'src/lib/server/db'],
      ['$ui/*', './src/ui/*'],
      ['@gen', '~~/generated/prisma/'],
      ['@store', '~/store'],
      ['$up', '../shared'],
    ];
    expect(withFrameworkAliases([], { svelteKit: false, nuxt: 4, configAliases: aliases }).slice(0, 7)).toEqual([
      ['$db', 'src/lib/server/db'],
      ['$db/*', 'src/lib/server/db/*'],
      ['$ui/*', 'src/ui/*'],
      ['@gen', 'generated/prisma'],
      ['@gen/*', 'generated/prisma/*'],
      ['@store', 'app/store'],
      ['@store/*', 'app/store/*'],
    ]);
  });

  it("keeps the project's own declaration of a pattern, and adds nothing without a framework", () => {
    const own: Array<readonly [string, string]> = [['$lib/*', 'app/lib/*']];
    expect(withFrameworkAliases(own, { svelteKit: true, nuxt: undefined })).toEqual([
      ['$lib/*', 'app/lib/*'],
      ['$lib', 'src/lib'],
    ]);
    expect(withFrameworkAliases(own, { svelteKit: false, nuxt: undefined })).toEqual(own);
  });
});

describe('the aliases in the project facts', () => {
  it("come from package.json's dependencies: SvelteKit, and Nuxt by its major version", () => {
    const aliasesOf = (deps: Record<string, string>) => readProjectFacts({ tsconfigs: [], packageJson: JSON.stringify({ dependencies: deps }) }).pathAliases;
    expect(aliasesOf({ '@sveltejs/kit': '^2.5.0' })).toContainEqual(['$lib/*', 'src/lib/*']);
    expect(aliasesOf({ nuxt: '^4.1.0' })).toContainEqual(['~/*', 'app/*']);
    expect(aliasesOf({ nuxt: '3.13.0' })).toContainEqual(['~/*', '*']);
    expect(aliasesOf({ express: '^4.0.0' })).toEqual([]);
  });

  it("point Nuxt's ~ and @ at the srcDir nuxt.config sets, whatever the version", () => {
    const aliasesOf = (nuxt: string, nuxtConfig: string) =>
      readProjectFacts({ tsconfigs: [], packageJson: JSON.stringify({ dependencies: { nuxt } }), nuxtConfig }).pathAliases.filter(([p]) => p === '~/*');
    expect(aliasesOf('^3.13.0', "export default defineNuxtConfig({ srcDir: 'src/' })")).toEqual([['~/*', 'src/*']]);
    expect(aliasesOf('^4.0.0', 'export default defineNuxtConfig({ srcDir: "./" })')).toEqual([['~/*', '*']]);
    expect(aliasesOf('^4.0.0', 'export default defineNuxtConfig({ ssr: true })')).toEqual([['~/*', 'app/*']]);
    expect(aliasesOf('^3.0.0', "export default defineNuxtConfig({ srcDir: '../elsewhere' })")).toEqual([['~/*', '*']]);
  });
});
