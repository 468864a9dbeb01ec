import { join } from 'node:path';
import { ProjectError } from '../core/errors.js';
import { execGit as run } from './exec-git.js';

/** Files (absolute paths) changed since `ref`: committed since, staged, unstaged, and untracked. */
export async function changedSince(workTree: string, ref: string): Promise<string[]> {
  const verified = await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: workTree }).then(
    () => true,
    () => false,
  );
  if (!verified) throw new ProjectError(`--changed-since: ${ref} is not a commit git knows here; name a branch, tag or commit (for example origin/main)`);
  // Not `git diff <ref>`: it refreshes and rewrites .git/index whatever the optional-locks setting (and without the
  // refresh it names files whose stat changed but not their content). Commits since the ref are a tree-to-tree diff;
  // what is not committed comes from `git status`, which compares contents in memory and, without optional locks,
  // writes nothing.
  const committed = await run('git', ['diff-tree', '-r', '--name-only', '-z', ref, 'HEAD', '--'], { cwd: workTree, maxBuffer: 64 * 1024 * 1024 });
  const status = await run('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all'], { cwd: workTree, maxBuffer: 64 * 1024 * 1024 });
  return [...splitZ(committed.stdout), ...statusPaths(status.stdout)].map((path) => join(workTree, path));
}

/** The paths `git status --porcelain=v1 -z` names (a rename's or copy's new path; its old path follows it). */
function statusPaths(stdout: string): string[] {
  const entries = splitZ(stdout);
  const paths: string[] = [];
  for (let i = 0; i < entries.length; i += 1) {
    const entry = entries[i] ?? '';
    paths.push(entry.slice(3));
    if (entry[0] === 'R' || entry[0] === 'C') i += 1;
  }
  return paths;
}

/** Files (absolute paths) staged for the next commit, as a pre-commit hook sees them. */
export async function stagedFiles(workTree: string): Promise<string[]> {
  const { stdout } = await run('git', ['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR'], { cwd: workTree, maxBuffer: 64 * 1024 * 1024 });
  return splitZ(stdout).map((path) => join(workTree, path));
}

function splitZ(text: string): string[] {
  return text.split('\0').filter((entry) => entry.length > 0);
}
