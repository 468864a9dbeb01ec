import { ProjectError } from '../core/errors.js';
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

/** Asks git for the work tree that holds `dir`, telling "no repository" apart from "git failed". */
export async function locateWorkTree(dir: string): Promise<WorkTree> {
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
