import { symlinkSync } from 'node:fs';
import { join, posix } from 'node:path';
import fg from 'fast-glob';
import { afterAll, describe, expect, it } from 'vitest';
import { foldersHolding } from '../../src/discover/marker-files.js';
import { comparePaths } from '../../src/core/paths.js';
import { remove, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

/** What a `**\/marker` glob finds (fast-glob, as the workspace search used before): the folders, sorted. */
function byGlob(root: string, marker: string, depth: number): string[] {
  const files = fg.sync(`**/${marker}`, { cwd: root, ignore: ['**/node_modules/**', '**/.git/**'], onlyFiles: true, suppressErrors: true, deep: depth + 1 });
  return [...new Set(files.map((file) => posix.dirname(file)))].filter((dir) => dir !== '.').sort(comparePaths);
}

describe('foldersHolding', () => {
  it('finds what a **/marker glob finds: depth, node_modules, dot folders, links to folders and to the marker, a link cycle', () => {
    const root = tempDir();
    temps.push(root);
    writeFiles(root, {
      'package.json': '{}',
      'apps/api/package.json': '{}',
      'apps/api/src/deep/package.json': '{}',
      'apps/api/node_modules/x/package.json': '{}',
      'node_modules/y/package.json': '{}',
      '.hidden/z/package.json': '{}',
      'apps/.cache/package.json': '{}',
      'packages/db/package.json': '{}',
      'packages/db/prisma/schema.prisma': '',
      'packages/db/a/b/c/package.json': '{}',
      'tools/package.json/README.md': 'a folder named like the marker',
      'shared/real/package.json': '{}',
      'linked/README.md': '',
      'apps/project.json': '{}',
    });
    symlinkSync(join(root, 'shared', 'real'), join(root, 'apps', 'via-link'));
    symlinkSync(join(root, 'shared', 'real', 'package.json'), join(root, 'linked', 'package.json'));
    symlinkSync(root, join(root, 'packages', 'loop'));
    symlinkSync(join(root, 'nowhere'), join(root, 'apps', 'broken'));
    for (const [marker, depth] of [
      ['package.json', 3],
      ['package.json', 1],
      ['project.json', 3],
    ] as const) {
      expect(foldersHolding(root, marker, depth)).toEqual(byGlob(root, marker, depth));
    }
    expect(foldersHolding(root, 'package.json', 3)).toContain('apps/via-link');
    expect(foldersHolding(root, 'package.json', 3)).toContain('linked');
    expect(foldersHolding(root, 'package.json', 3)).not.toContain('apps/api/src/deep');
    // Several markers: the folders that hold any of them, each once.
    const either = [...new Set([...byGlob(root, 'package.json', 3), ...byGlob(root, 'project.json', 3)])].sort(comparePaths);
    expect(foldersHolding(root, ['package.json', 'project.json'], 3)).toEqual(either);
  });

  it('is empty for a folder it cannot read', () => {
    expect(foldersHolding(join(tempDir(), 'missing'), 'package.json', 3)).toEqual([]);
  });
});
