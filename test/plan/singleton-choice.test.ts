import { describe, expect, it } from 'vitest';
import { chooseReusableSingleton } from '../../src/plan/singleton-choice.js';

const module = (path: string, cached: boolean) => ({ path, exportName: 'prisma', cached });

describe('chooseReusableSingleton', () => {
  it('takes the module most files import, whether it caches its client or not', () => {
    const found = [module('src/db.ts', true), module('src/lib/client.ts', false)];
    const chosen = chooseReusableSingleton(
      found,
      new Map([
        ['src/db.ts', 1],
        ['src/lib/client.ts', 4],
      ]),
    );
    expect(chosen?.path).toBe('src/lib/client.ts');
    expect(chosen?.note).toContain('imported by 4 file(s); other candidates: src/db.ts');
  });

  it('takes a module that exports its client before one that hands it out through a function, however many import each', () => {
    const accessor = { path: 'src/utils/db.ts', exportName: 'usePrisma', cached: true, accessor: true };
    const chosen = chooseReusableSingleton(
      [accessor, module('src/lib/client.ts', false)],
      new Map([
        ['src/utils/db.ts', 9],
        ['src/lib/client.ts', 1],
      ]),
    );
    expect(chosen?.path).toBe('src/lib/client.ts');
    expect(chooseReusableSingleton([accessor], new Map([['src/utils/db.ts', 2]]))?.note).toContain(
      'hands out a client through usePrisma(), imported by 2 file(s)',
    );
  });

  it('takes the one module that keeps its client on globalThis when no module has an importer the tool can follow', () => {
    const chosen = chooseReusableSingleton([module('src/db.ts', true), module('src/other.ts', false)], new Map());
    expect(chosen?.path).toBe('src/db.ts');
    expect(chosen?.note).toContain('it keeps its client on globalThis, though no file the tool can follow imports it');
  });

  it('takes none when nothing imports them and none, or more than one, caches its client', () => {
    expect(chooseReusableSingleton([module('src/db.ts', false)], new Map())).toBeUndefined();
    expect(chooseReusableSingleton([module('src/a.ts', true), module('src/b.ts', true)], new Map())).toBeUndefined();
  });
});
