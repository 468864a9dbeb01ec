import { isAbsolute, relative, sep } from 'node:path';
import type { RunResult } from '../core/result.js';
import type { ReportContext } from './types.js';

/** A folder that output paths are relative to, and the project folder's POSIX path from it ('' when they are one). */
export interface PathBase {
  readonly root: string;
  readonly projectPath: string;
}

/**
 * The base of repository paths (the dry-run diff, JSON's `repositoryPath`): the top of the git work tree that holds
 * the project, so that `git apply` takes the diff from the top and from any folder (git reads a patch's paths from
 * the top, wherever it runs). Outside git: the current directory when it holds the project (plain `git apply` and
 * `patch -p1` read paths from where they run), else the project folder.
 */
export function repositoryBase(result: RunResult, context: ReportContext): PathBase {
  if (context.repository) return { root: context.repository.top, projectPath: context.repository.projectPath };
  return baseAt(context.cwd, result.options.root) ?? { root: result.options.root, projectPath: '' };
}

/**
 * The base of the paths GitHub reads (annotations, SARIF results): `GITHUB_WORKSPACE` when it holds the project (GitHub
 * resolves them from there whatever the step's working-directory), else the repository base.
 */
export function workspaceBase(result: RunResult, context: ReportContext): PathBase {
  const workspace = context.workspace === undefined || context.workspace === '' ? undefined : baseAt(context.workspace, result.options.root);
  return workspace ?? repositoryBase(result, context);
}

/** A project-relative path as seen from the base. */
export function fromBase(base: PathBase, path: string): string {
  if (base.projectPath === '') return path === '' ? '.' : path;
  return path === '' ? base.projectPath : `${base.projectPath}/${path}`;
}

/** `folder` as a base when it holds `root` (or is it). */
function baseAt(folder: string, root: string): PathBase | undefined {
  const rel = relative(folder, root);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return { root: folder, projectPath: rel.split(sep).join('/') };
}
