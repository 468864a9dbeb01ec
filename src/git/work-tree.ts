import { stat } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { ProjectError } from '../core/errors.js';
import type { RepositoryPlace } from '../core/result.js';
import { gitMessage, gitRaw } from './git-command.js';

/**
 * Where git stands on a folder: inside a work tree (its top), in no repository, git not installed, or git failed
 * (it refused the repository, for example "detected dubious ownership"): the last is not "no repository".
 */
export type WorkTree =
  | { readonly kind: 'repository'; readonly top: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'no-git' }
  | { readonly kind: 'failed'; readonly message: string };

const NO_REPOSITORY = /not a git repository \(or any (of the )?parent/;

/**
 * Asks git for the work tree that holds `dir`, telling "no repository" apart from "git failed". No `.git` in `dir`
 * or above it is no repository without starting git (a work tree set through GIT_DIR alone is not seen), as in
 * repositoryOf.
 */
export async function locateWorkTree(dir: string): Promise<WorkTree> {
  if (!(await hasGitAbove(dir))) return { kind: 'none' };
  let result: Awaited<ReturnType<typeof gitRaw>>;
  try {
    result = await gitRaw(dir, ['rev-parse', '--show-toplevel']);
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return { kind: 'no-git' };
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  if (result.code !== 0) {
    const message = gitMessage(result.stderr);
    return NO_REPOSITORY.test(message) ? { kind: 'none' } : { kind: 'failed', message };
  }
  const top = result.stdout.toString('utf8').trim();
  // Inside .git, or a bare repository: there is no work tree whose files could be dirty.
  return top ? { kind: 'repository', top } : { kind: 'none' };
}

/** The top of the git work tree that holds `dir`, or undefined outside git; a ProjectError when git fails. */
export async function findWorkTree(dir: string): Promise<string | undefined> {
  const found = await locateWorkTree(dir);
  if (found.kind === 'failed') throw new ProjectError(`git failed: ${found.message}`);
  return found.kind === 'repository' ? found.top : undefined;
}

/** Which of the given absolute paths have uncommitted changes (modified, staged, or untracked). */
export async function dirtyPaths(workTree: string, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const result = await gitRaw(workTree, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...paths]);
  if (result.code !== 0) throw new ProjectError(`git failed: ${gitMessage(result.stderr)}`);
  return result.stdout
    .toString('utf8')
    .split('\0')
    .filter((entry) => entry.length > 3)
    .map((entry) => entry.slice(3));
}

/**
 * Where `dir` sits in its git work tree, for output paths: the top and `dir`'s POSIX path from it. The top is spelled
 * the way `dir` is when git's answer (a real path) differs only by a symlink above the project, as a temporary folder
 * on macOS does. Undefined outside git, and when git is missing or fails: output then falls back to the current
 * directory. No `.git` in `dir` or above it means no repository without starting git (most runs outside git pay
 * nothing); a work tree set through GIT_DIR alone is not seen.
 */
export async function repositoryOf(dir: string): Promise<RepositoryPlace | undefined> {
  if (!(await hasGitAbove(dir))) return undefined;
  const answer = await gitRaw(dir, ['rev-parse', '--show-toplevel', '--show-prefix']).catch(() => undefined);
  if (answer === undefined || answer.code !== 0) return undefined;
  const [top = '', prefix = ''] = answer.stdout.toString('utf8').split('\n');
  if (top === '') return undefined;
  const projectPath = prefix.replace(/\/$/, '');
  const segments = dir.split(sep).filter((s) => s !== '');
  const tail = projectPath === '' ? [] : projectPath.split('/');
  const spelled = tail.every((segment, index) => segments[segments.length - tail.length + index] === segment);
  return { top: spelled ? dirUp(dir, tail.length) : top, projectPath };
}

async function hasGitAbove(dir: string): Promise<boolean> {
  for (let current = dir; ; current = dirname(current)) {
    if (
      await stat(join(current, '.git')).then(
        () => true,
        () => false,
      )
    )
      return true;
    if (dirname(current) === current) return false;
  }
}

function dirUp(dir: string, levels: number): string {
  let current = dir;
  for (let i = 0; i < levels; i += 1) current = dirname(current);
  return current;
}
