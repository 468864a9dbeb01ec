import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * Runs git as `execFile` would, always with `--no-optional-locks` (what GIT_OPTIONAL_LOCKS=0 asks): a query such
 * as `git status` or `git diff` then never refreshes and rewrites `.git/index`, so --check and --dry-run write
 * nothing, `.git/` included.
 */
export function execGit(
  file: 'git',
  args: readonly string[],
  options: { readonly cwd: string; readonly maxBuffer?: number },
): Promise<{ stdout: string; stderr: string }> {
  return execFileAsync(file, ['--no-optional-locks', ...args], { ...options, encoding: 'utf8' });
}

/** git's own words from a failed call: its stderr on one line, without `fatal: `, or the error's message. */
export function gitMessage(error: unknown): string {
  const stderr = typeof error === 'object' && error !== null && 'stderr' in error && typeof error.stderr === 'string' ? error.stderr : '';
  const lines = stderr
    .split('\n')
    .map((line) => line.trim().replace(/^(fatal|error): /, ''))
    .filter((line) => line.length > 0);
  if (lines.length > 0) return lines.join(' ');
  return error instanceof Error ? error.message : String(error);
}
