import { describe, expect, it } from 'vitest';
import { fromBase, repositoryBase, workspaceBase } from '../../src/report/path-bases.js';
import type { ReportContext } from '../../src/report/types.js';
import { ROOT, runResult } from './builders.js';

const result = runResult();
const REPOSITORY = { top: '/work/repo', projectPath: 'apps/api' };
const outsideGit = (cwd: string, workspace?: string): ReportContext => ({
  cwd,
  color: false,
  version: '1.2.3',
  ...(workspace === undefined ? {} : { workspace }),
});
const inGit = (cwd: string, workspace?: string): ReportContext => ({ ...outsideGit(cwd, workspace), repository: REPOSITORY });

describe('the bases output paths are relative to', () => {
  it.each([
    ['is the git top level when the project is in git, wherever the current directory is', inGit('/tmp'), { root: '/work/repo', projectPath: 'apps/api' }],
    ['is the current directory outside git when it holds the project', outsideGit('/work'), { root: '/work', projectPath: 'repo/apps/api' }],
    ['is the project folder outside git when the current directory does not hold it', outsideGit(`${ROOT}/src`), { root: ROOT, projectPath: '' }],
  ])('repositoryBase %s', (_name, context, base) => {
    expect(repositoryBase(result, context)).toEqual(base);
  });

  it.each([
    ['is GITHUB_WORKSPACE when it holds the project', inGit(ROOT, '/work'), { root: '/work', projectPath: 'repo/apps/api' }],
    [
      'is the repository base when GITHUB_WORKSPACE does not hold the project',
      inGit(ROOT, '/home/runner/work/x/x'),
      { root: '/work/repo', projectPath: 'apps/api' },
    ],
    ['is the repository base when GITHUB_WORKSPACE is empty', outsideGit('/work/repo', ''), { root: '/work/repo', projectPath: 'apps/api' }],
  ])('workspaceBase %s', (_name, context, base) => {
    expect(workspaceBase(result, context)).toEqual(base);
  });

  it.each([
    ['prefixes the project path', { root: '/r', projectPath: 'apps/api' }, 'src/a.ts', 'apps/api/src/a.ts'],
    ['keeps the path when the base is the project folder', { root: '/r', projectPath: '' }, 'src/a.ts', 'src/a.ts'],
    ['names the project folder itself by its path', { root: '/r', projectPath: 'apps/api' }, '', 'apps/api'],
    ['names the base itself "."', { root: '/r', projectPath: '' }, '', '.'],
  ])('fromBase %s', (_name, base, path, expected) => {
    expect(fromBase(base, path)).toBe(expected);
  });
});
