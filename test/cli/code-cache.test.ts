import { chmodSync, chownSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startCodeCache } from '../../src/cli/code-cache.js';
import { REPO, remove, tempDir } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

/** A CommonJS module with a function in it (compiled, then cached) and a require of its own. */
function commonJsModule(): string {
  const dir = tempDir('psc-code-');
  temps.push(dir);
  const file = join(dir, 'lib.cjs');
  writeFileSync(file, "const { sep } = require('node:path');\nexports.twice = (n) => n * 2;\nexports.sep = sep;\nexports.self = __filename;\n");
  return file;
}

/** Loads `file` through a fresh cache start, as a new process would (the module leaves the require cache first). */
function start(file: string, env: Record<string, string>) {
  const cache = createRequire(file).cache;
  delete cache[file];
  return startCodeCache(env, { file, nodeCache: null });
}

/** Starts the built cache in a new Node process on `file`, loads it, saves, and says what happened. */
function startInProcess(file: string, folder: string): { status: string; file: string; twice: number } {
  const script = [
    `const { startCodeCache } = await import(${JSON.stringify(pathToFileURL(join(REPO, 'dist', 'cli', 'code-cache.js')).href)});`,
    `const cache = startCodeCache(process.env, { file: ${JSON.stringify(file)}, nodeCache: null });`,
    `const { createRequire } = await import('node:module');`,
    `const twice = createRequire(${JSON.stringify(file)})(${JSON.stringify(file)}).twice(3);`,
    'cache.save();',
    'console.log(JSON.stringify({ status: cache.status, file: cache.file, twice }));',
  ].join('\n');
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_COMPILE_CACHE: folder } });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

describe('the code cache of its own (Node 20 and 22.0; newer Nodes use their own)', () => {
  it('loads the module into the require cache, saves its code once, and takes it the next time', () => {
    const file = commonJsModule();
    const folder = join(tempDir('psc-cache-'), 'cache');
    temps.push(folder);
    const first = start(file, { NODE_COMPILE_CACHE: folder });
    expect(first.status).toBe('miss');
    const loaded = createRequire(file)(file) as { twice: (n: number) => number; self: string; sep: string };
    expect([loaded.twice(21), loaded.self]).toEqual([42, file]);
    first.save();
    const saved = readdirSync(join(folder, 'prisma-singleton-codemod'));
    expect(saved).toHaveLength(1);
    const second = start(file, { NODE_COMPILE_CACHE: folder });
    expect(second.status).toBe('hit');
    expect(second.file).toBe(join(folder, 'prisma-singleton-codemod', saved[0] ?? ''));
    expect((createRequire(file)(file) as { twice: (n: number) => number }).twice(4)).toBe(8);
  });

  it('decodes a module that is not ASCII as UTF-8, cold and warm, and says so in the cache file name', () => {
    const dir = tempDir('psc-code-');
    temps.push(dir);
    const file = join(dir, 'accent.cjs');
    writeFileSync(file, "exports.word = 'café ☕';\n");
    const folder = tempDir('psc-cache-');
    temps.push(folder);
    const first = start(file, { NODE_COMPILE_CACHE: folder });
    expect((createRequire(file)(file) as { word: string }).word).toBe('café ☕');
    first.save();
    expect(readdirSync(join(folder, 'prisma-singleton-codemod'))).toEqual([expect.stringMatching(/^typescript-[0-9a-f]{24}\.bin$/)]);
    expect(start(file, { NODE_COMPILE_CACHE: folder }).status).toBe('hit');
    expect((createRequire(file)(file) as { word: string }).word).toBe('café ☕');
  });

  it('replaces a cache file V8 refuses (damaged, or from another Node), and the module still loads', () => {
    // Fresh processes: within one, V8 reuses the code it compiled and never reads the file again.
    const file = commonJsModule();
    const folder = tempDir('psc-cache-');
    temps.push(folder);
    const first = startInProcess(file, folder);
    expect(first).toMatchObject({ status: 'miss', twice: 6 });
    writeFileSync(first.file, Buffer.from('not V8 code at all, only some bytes in the cache file'));
    expect(startInProcess(file, folder)).toMatchObject({ status: 'rejected', twice: 6 });
    expect(startInProcess(file, folder)).toMatchObject({ status: 'hit', twice: 6 });
  });

  it('never uses a folder another user owns, others can write to, or that is a link', () => {
    const file = commonJsModule();
    const base = tempDir('psc-cache-');
    temps.push(base);
    const owned = join(base, 'owned', 'prisma-singleton-codemod');
    mkdirSync(owned, { recursive: true });
    if (process.getuid?.() === 0) {
      chownSync(owned, 65534, 65534);
      expect(start(file, { NODE_COMPILE_CACHE: join(base, 'owned') })).toMatchObject({ status: 'off', reason: expect.stringContaining('another user') });
    }
    const open = join(base, 'open', 'prisma-singleton-codemod');
    mkdirSync(open, { recursive: true });
    chmodSync(open, 0o777);
    expect(start(file, { NODE_COMPILE_CACHE: join(base, 'open') })).toMatchObject({ status: 'off', reason: expect.stringContaining('others can write') });
    mkdirSync(join(base, 'linked'));
    symlinkSync(join(base, 'elsewhere'), join(base, 'linked', 'prisma-singleton-codemod'));
    mkdirSync(join(base, 'elsewhere'));
    expect(start(file, { NODE_COMPILE_CACHE: join(base, 'linked') })).toMatchObject({ status: 'off', reason: expect.stringContaining('not a folder') });
    // Off means the ordinary require: the module was not loaded by the cache, and nothing was written anywhere.
    expect(createRequire(file).cache[file]).toBeUndefined();
    expect(readdirSync(join(base, 'elsewhere'))).toEqual([]);
  });

  it('is off when NODE_DISABLE_COMPILE_CACHE is set, as Node reads it', () => {
    const file = commonJsModule();
    expect(start(file, { NODE_DISABLE_COMPILE_CACHE: '1' })).toMatchObject({ status: 'off', reason: 'NODE_DISABLE_COMPILE_CACHE is set' });
    expect(createRequire(file).cache[file]).toBeUndefined();
  });

  it("hands over to Node's own cache where Node has one, and loads nothing itself", () => {
    const file = commonJsModule();
    const calls: string[] = [];
    const nodeCache = { enable: () => calls.push('enable'), flush: () => calls.push('flush') };
    const cache = startCodeCache({}, { file, nodeCache });
    expect(cache.status).toBe('node');
    cache.save();
    expect(calls).toEqual(['enable', 'flush']);
    expect(createRequire(file).cache[file]).toBeUndefined();
  });
});
