import { describe, expect, it } from 'vitest';
import { withFrameworkAliases } from '../../src/discover/framework-aliases.js';

describe('withFrameworkAliases', () => {
  it("adds SvelteKit's $lib when the project depends on @sveltejs/kit", () => {
    expect(withFrameworkAliases([], new Map([['@sveltejs/kit', '^2.0.0']]))).toEqual([
      ['$lib', 'src/lib'],
      ['$lib/*', 'src/lib/*'],
    ]);
  });

  it("adds Nuxt's ~ and @ for the source folder (the root before Nuxt 4, app/ from 4) and ~~ and @@ for the root", () => {
    expect(withFrameworkAliases([], new Map([['nuxt', '^3.13.0']]))).toEqual([
      ['~~/*', '*'],
      ['@@/*', '*'],
      ['~/*', '*'],
      ['@/*', '*'],
    ]);
    expect(withFrameworkAliases([], new Map([['nuxt', '^4.0.0']])).filter(([p]) => p === '~/*')).toEqual([['~/*', 'app/*']]);
  });

  it("keeps the project's own declaration of a pattern, and adds nothing without a framework", () => {
    const own: Array<readonly [string, string]> = [['$lib/*', 'app/lib/*']];
    expect(withFrameworkAliases(own, new Map([['@sveltejs/kit', '2.0.0']]))).toEqual([
      ['$lib/*', 'app/lib/*'],
      ['$lib', 'src/lib'],
    ]);
    expect(withFrameworkAliases(own, new Map([['express', '4.0.0']]))).toEqual(own);
  });
});
