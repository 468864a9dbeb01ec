import { spawn } from 'node:child_process';

/** What one git command printed and how it ended. */
export interface GitOutput {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/**
 * Runs one git command in `cwd` and collects its output, whatever its exit code (the caller decides what a failure
 * means). `--no-optional-locks` (the flag form of GIT_OPTIONAL_LOCKS=0) keeps read-only commands from refreshing
 * the index, so a check writes nothing, `.git` included. `input` goes to git's stdin.
 */
export function gitRaw(cwd: string, args: readonly string[], input?: string): Promise<GitOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['--no-optional-locks', '-c', 'core.quotePath=false', ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

/** Runs one git command and returns its stdout as text; a non-zero exit throws with git's own words. */
export async function git(cwd: string, args: readonly string[]): Promise<string> {
  const result = await gitRaw(cwd, args);
  if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr.trim() || `exit ${result.code}`}`);
  return result.stdout.toString('utf8');
}

/** git's own words from a failed call's stderr: on one line, without `fatal: ` or `error: `. */
export function gitMessage(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim().replace(/^(fatal|error): /, ''))
    .filter((line) => line.length > 0);
  return lines.length > 0 ? lines.join(' ') : 'git exited without a message';
}
