import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The top of the git work tree that holds `dir`, or undefined outside git (or without git installed). */
export async function findWorkTree(dir: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['rev-parse', '--show-toplevel'], { cwd: dir });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Which of the given absolute paths have uncommitted changes (modified, staged, or untracked). */
export async function dirtyPaths(workTree: string, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const { stdout } = await run('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...paths], {
    cwd: workTree,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout
    .split('\0')
    .filter((entry) => entry.length > 3)
    .map((entry) => entry.slice(3));
}
