import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { WriterFs } from '../../src/write/apply-changes.js';
import { applyChanges } from '../../src/write/apply-changes.js';
import { ProjectError } from '../../src/core/errors.js';
import { parseOptions } from '../../src/cli/options.js';
import { run } from '../../src/run.js';
import { copyFixture, FIXTURES, readTree, remove, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

function copy(name: string): string {
  return copyFixture(name, temps);
}

/** A file system that fails the n-th rename (counting from 0) the way a full disk or a read-only file would. */
function failingRename(n: number, code = 'ENOSPC'): WriterFs & { renames: string[] } {
  const renames: string[] = [];
  return {
    renames,
    readFile: (path, encoding) => fs.readFile(path, encoding),
    writeFile: (path, data, options) => fs.writeFile(path, data, options),
    rename: async (from, to) => {
      if (renames.length === n) {
        renames.push(to);
        throw Object.assign(new Error(`${code}: injected failure`), { code });
      }
      renames.push(to);
      return fs.rename(from, to);
    },
    unlink: (path) => fs.unlink(path),
    mkdir: (path) => fs.mkdir(path),
    rmdir: (path) => fs.rmdir(path),
    stat: (path) => fs.stat(path),
  };
}

describe('apply', () => {
  // The plan of class-field-and-constructor writes, in path order: the singleton (src/lib/prisma.ts) and then
  // three services; failing each rename covers the new singleton, the first, a middle and the last file.
  it.each([0, 1, 2, 3])('restores the tree byte for byte when write %i of 4 fails', async (n) => {
    const dir = copy('class-field-and-constructor');
    const before = readTree(dir);
    const faulty = failingRename(n);
    const options = parseOptions('.', {}, dir);
    await expect(run(options, { fs: faulty })).rejects.toThrow(/every file was restored; nothing was changed/);
    expect(faulty.renames.length).toBeGreaterThan(n);
    expect(readTree(dir)).toEqual(before);
    await expect(fs.stat(join(dir, 'src', 'lib'))).rejects.toThrow();
  });

  it('writes every change when nothing fails, keeping permission bits', async () => {
    const dir = copy('class-field-and-constructor');
    await fs.chmod(join(dir, 'src/services/user.service.ts'), 0o600);
    await run(parseOptions('.', {}, dir));
    expect(readTree(dir)).toEqual(readTree(join(FIXTURES, 'class-field-and-constructor', 'after')));
    expect((await fs.stat(join(dir, 'src/services/user.service.ts'))).mode & 0o777).toBe(0o600);
  });

  it('refuses to overwrite a file that changed after planning, writing nothing', async () => {
    const dir = tempDir();
    temps.push(dir);
    writeFiles(dir, { 'a.ts': 'one\n', 'b.ts': 'two\n' });
    const changes = [
      { path: 'a.ts', before: 'one\n', after: 'ONE\n' },
      { path: 'b.ts', before: 'was different\n', after: 'TWO\n' },
    ];
    await expect(applyChanges(dir, changes)).rejects.toThrow(new ProjectError('b.ts changed on disk after planning; nothing was written'));
    expect(readTree(dir)).toEqual({ 'a.ts': 'one\n', 'b.ts': 'two\n' });
  });

  it('leaves no temporary files behind after a failure', async () => {
    const dir = copy('seed-15-files');
    await expect(run(parseOptions('apps/api', {}, dir), { fs: failingRename(7) })).rejects.toThrow(/could not write/);
    expect(Object.keys(readTree(dir)).filter((path) => path.includes('psc-tmp'))).toEqual([]);
  });
});
