import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOptions } from '../../src/cli/options.js';
import { ProjectError } from '../../src/core/errors.js';
import { run } from '../../src/run/run.js';
import { applyChanges, writeOrder } from '../../src/write/apply-changes.js';
import { copyFixture, FIXTURES, readTree, remove, tempDir, writeFiles } from '../support/helpers.js';
import { instrumentedFs } from '../support/instrumented-fs.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

function copy(name: string): string {
  return copyFixture(name, temps);
}

/** A file system that fails the n-th rename (counting from 0) the way a full disk or a read-only file would. */
function failingRename(n: number, code = 'ENOSPC'): ReturnType<typeof instrumentedFs> {
  return instrumentedFs((call) => {
    if (call.op === 'rename' && call.index === n) throw Object.assign(new Error(`${code}: injected failure`), { code });
  });
}

const renames = (calls: ReturnType<typeof instrumentedFs>['calls']): string[] => calls.filter((c) => c.op === 'rename').map((c) => c.path);

describe('apply', () => {
  // The plan of class-field-and-constructor writes the singleton (src/lib/prisma.ts) and then three services;
  // failing each rename covers the new singleton, the first, a middle and the last file.
  it.each([0, 1, 2, 3])('restores the tree byte for byte when write %i of 4 fails', async (n) => {
    const dir = copy('class-field-and-constructor');
    const before = readTree(dir);
    const faulty = failingRename(n);
    const options = parseOptions('.', {}, dir);
    await expect(run(options, { fs: faulty })).rejects.toThrow(n === 0 ? /; nothing was written$/ : /every file was restored; nothing was changed$/);
    expect(renames(faulty.calls).length).toBeGreaterThan(n);
    expect(readTree(dir)).toEqual(before);
    await expect(fs.stat(join(dir, 'src', 'lib'))).rejects.toThrow();
  });

  it('writes every change when nothing fails, keeping permission bits', async () => {
    const dir = copy('class-field-and-constructor');
    await fs.chmod(join(dir, 'src/services/user.service.ts'), 0o600);
    await fs.chmod(join(dir, 'src/services/audit.service.ts'), 0o775);
    await run(parseOptions('.', {}, dir));
    expect(readTree(dir)).toEqual(readTree(join(FIXTURES, 'class-field-and-constructor', 'after')));
    expect((await fs.stat(join(dir, 'src/services/user.service.ts'))).mode & 0o777).toBe(0o600);
    // Not narrowed by the umask, as a mode passed to open() would be.
    expect((await fs.stat(join(dir, 'src/services/audit.service.ts'))).mode & 0o777).toBe(0o775);
  });

  it('writes created files first, then the rewrites in path order, so that every prefix has the singleton it imports', async () => {
    const dir = copy('class-field-and-constructor');
    const recorded = instrumentedFs();
    await run(parseOptions('.', {}, dir), { fs: recorded });
    expect(renames(recorded.calls).map((path) => path.slice(dir.length + 1))).toEqual([
      'src/lib/prisma.ts',
      'src/services/audit.service.ts',
      'src/services/report.service.ts',
      'src/services/user.service.ts',
    ]);
    expect(
      writeOrder([
        { path: 'a.ts', before: 'a', after: 'A' },
        { path: 'z/new.ts', before: null, after: 'new' },
        { path: 'b.ts', before: 'b', after: 'B' },
      ]).map((c) => c.path),
    ).toEqual(['z/new.ts', 'a.ts', 'b.ts']);
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
