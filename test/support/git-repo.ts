import { execFileSync } from 'node:child_process';
import { tempDir, writeFiles } from './helpers.js';

/** Who commits in the test repositories: set through the environment, which saves a `git config` call each. */
const IDENTITY = { GIT_AUTHOR_NAME: 'CI', GIT_AUTHOR_EMAIL: 'ci@example.com', GIT_COMMITTER_NAME: 'CI', GIT_COMMITTER_EMAIL: 'ci@example.com' };

/** Runs git in `cwd` and returns its stdout; a failure throws with git's words. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...IDENTITY } });
}

/** A fresh repository on branch main holding `files`, committed; its folder is added to `temps`. */
export function gitRepo(temps: string[], files: Record<string, string>): string {
  const dir = tempDir();
  temps.push(dir);
  writeFiles(dir, files);
  git(dir, 'init', '-q', '-b', 'main');
  commitAll(dir, 'initial');
  return dir;
}

/** Stages everything and commits it. */
export function commitAll(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, '-c', 'commit.gpgsign=false', 'commit', '-qm', message);
}

/** `path:line` of every site a pretty --check run reported (rewrite or review), in output order. */
export function reportedSites(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => / new PrismaClient\(\) outside the singleton/.test(line))
    .map((line) => line.replace(/^(\S+):(\d+):\d+ .*$/, '$1:$2'));
}

/** A client-constructing module, `lines` blank lines below its import. */
export function clientModule(name: string, lines = 0): string {
  return `import { PrismaClient } from '@prisma/client';\n${'\n'.repeat(lines)}export const ${name} = new PrismaClient();\n`;
}

export const PACKAGE_JSON = `${JSON.stringify({ name: 'legacy-api', private: true, dependencies: { '@prisma/client': '5.22.0' } }, null, 2)}\n`;
