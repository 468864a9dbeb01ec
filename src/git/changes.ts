import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ProjectError } from '../core/errors.js';

const run = promisify(execFile);

/** Files (absolute paths) changed since `ref`: committed since, staged, unstaged, and untracked. */
export async function changedSince(workTree: string, ref: string): Promise<string[]> {
  const verified = await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: workTree }).then(
    () => true,
    () => false,
  );
  if (!verified) throw new ProjectError(`--changed-since: ${ref} is not a commit git knows here; name a branch, tag or commit (for example origin/main)`);
  const diff = await run('git', ['diff', '--name-only', '-z', ref, '--'], { cwd: workTree, maxBuffer: 64 * 1024 * 1024 });
  const untracked = await run('git', ['ls-files', '--others', '--exclude-standard', '-z'], { cwd: workTree, maxBuffer: 64 * 1024 * 1024 });
  return [...splitZ(diff.stdout), ...splitZ(untracked.stdout)].map((path) => join(workTree, path));
}

/** Files (absolute paths) staged for the next commit, as a pre-commit hook sees them. */
export async function stagedFiles(workTree: string): Promise<string[]> {
  const { stdout } = await run('git', ['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR'], { cwd: workTree, maxBuffer: 64 * 1024 * 1024 });
  return splitZ(stdout).map((path) => join(workTree, path));
}

function splitZ(text: string): string[] {
  return text.split('\0').filter((entry) => entry.length > 0);
}
