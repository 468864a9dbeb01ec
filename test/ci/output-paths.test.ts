import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryOf } from '../../src/git/work-tree.js';
import { gitRepo } from '../support/git-repo.js';
import { readTree, remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

// One path convention for every output (README "Paths in the output"): the dry-run diff, GitHub annotations, SARIF
// and JSON name files from the repository's top, wherever the tool runs; outside git, from the current directory.

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const client = (name: string): string => `import { PrismaClient } from '@prisma/client';\n\nexport const ${name} = new PrismaClient();\n`;

/** A small monorepo: a workspace root and one app with two modules that construct clients. */
const MONOREPO: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*'] }, null, 2)}\n`,
  'apps/api/package.json': `${JSON.stringify({ name: 'api', type: 'module', dependencies: { '@prisma/client': '5.22.0' } }, null, 2)}\n`,
  'apps/api/src/users.ts': client('users'),
  'apps/api/src/posts.ts': client('posts'),
};

/** The committed monorepo every case copies (a copy of a work tree, .git included, is a repository of its own). */
let template: string;
/** The tree apply writes, without .git: what every `git apply` of a dry-run diff must reproduce. */
let applied: Record<string, string>;

function copyOf(from: string): string {
  const dir = tempDir();
  temps.push(dir);
  cpSync(from, dir, { recursive: true });
  return dir;
}

function worktree(dir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(readTree(dir)).filter(([path]) => !path.startsWith('.git/')));
}

function gitApply(patch: string, cwd: string): void {
  const result = spawnSync('git', ['apply', '-'], { cwd, input: patch, encoding: 'utf8' });
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
}

beforeAll(async () => {
  template = gitRepo(temps, MONOREPO);
  const fresh = copyOf(template);
  expect((await runCli(['./apps/api'], fresh)).status).toBe(0);
  applied = worktree(fresh);
  // The apply really changed the app: both modules and a new singleton.
  expect(applied['apps/api/src/lib/prisma.ts']).toContain('new PrismaClient(');
  expect(applied['apps/api/src/users.ts']).not.toContain('new PrismaClient(');
});

describe('the dry-run diff names files from the repository top, so git apply reproduces apply', () => {
  it('applies with git apply at the repository root when taken from the root', async () => {
    const repo = copyOf(template);
    const dry = await runCli(['./apps/api', '--dry-run'], repo);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('diff --git a/apps/api/src/lib/prisma.ts b/apps/api/src/lib/prisma.ts\n');
    gitApply(dry.stdout, repo);
    expect(worktree(repo)).toEqual(applied);
  });

  it('applies with git apply inside the app folder when taken from inside it (git reads the paths from the top)', async () => {
    const repo = copyOf(template);
    const app = join(repo, 'apps', 'api');
    const dry = await runCli(['.', '--dry-run'], app);
    expect(dry.stdout).toContain('--- a/apps/api/src/users.ts\n+++ b/apps/api/src/users.ts\n');
    // Why not paths from the app folder (git diff --relative's): git apply there reads them from the top too, skips
    // every file, and exits 0.
    const relativeStyle = spawnSync('git', ['apply', '-v', '-'], {
      cwd: app,
      input: dry.stdout.replaceAll(' a/apps/api/', ' a/').replaceAll(' b/apps/api/', ' b/'),
      encoding: 'utf8',
    });
    expect(relativeStyle.status).toBe(0);
    expect(relativeStyle.stderr).toContain("Skipped patch 'src/users.ts'.");
    expect(worktree(repo)).toEqual(worktree(template));
    gitApply(dry.stdout, app);
    expect(worktree(repo)).toEqual(applied);
  });

  it('names files from the current directory outside git, where git apply applies them too', async () => {
    const outside = tempDir();
    temps.push(outside);
    writeFiles(outside, MONOREPO);
    const dry = await runCli(['api', '--dry-run'], join(outside, 'apps'));
    expect(dry.stdout).toContain('+++ b/api/src/lib/prisma.ts\n');
    gitApply(dry.stdout, join(outside, 'apps'));
    // The same files as the repository's, so apply writes the same tree there.
    expect(readTree(outside)).toEqual(applied);
  });
});

describe('CI reports name files from the repository root, whatever the working-directory', () => {
  const sites = ['apps/api/src/posts.ts', 'apps/api/src/users.ts'];

  it.each([
    ['GITHUB_WORKSPACE', (repo: string) => ({ GITHUB_WORKSPACE: repo })],
    ['the git top level when GITHUB_WORKSPACE is not set', () => ({ GITHUB_WORKSPACE: '' })],
  ])('github annotations under working-directory apps/api are relative to %s', async (_name, env) => {
    const repo = template;
    const check = await runCli(['.', '--check', '--reporter', 'github'], join(repo, 'apps', 'api'), env(repo));
    expect(check.status).toBe(1);
    const files = check.stdout.split('\n').flatMap((line) => /^::error file=([^,]+),line=3,col=/.exec(line)?.[1] ?? []);
    expect(files).toEqual(sites);
    // The fix command is run where the step runs.
    expect(check.stderr).toContain('fix: npx prisma-singleton-codemod .\n');
  });

  it('sarif declares %SRCROOT% as the repository root, and every result URI resolves to the file', async () => {
    const check = await runCli(['.', '--check', '--reporter', 'sarif'], join(template, 'apps', 'api'), { GITHUB_WORKSPACE: '' });
    const log = JSON.parse(check.stdout);
    const [run] = log.runs;
    const base: string = run.originalUriBaseIds['%SRCROOT%'].uri;
    expect(base).toBe(`file://${template}/`);
    const uris: string[] = run.results.map((r: { locations: [{ physicalLocation: { artifactLocation: { uri: string } } }] }) => {
      const location = r.locations[0].physicalLocation.artifactLocation;
      expect(location).toMatchObject({ uriBaseId: '%SRCROOT%' });
      return location.uri;
    });
    expect(uris).toEqual(sites);
    for (const uri of uris) expect(existsSync(fileURLToPath(new URL(uri, base)))).toBe(true);
  });

  it('json carries each path from the project folder and from the repository root, and both bases', async () => {
    const check = await runCli(['.', '--check', '--reporter', 'json'], join(template, 'apps', 'api'));
    const report = JSON.parse(check.stdout);
    expect({ root: report.root, repositoryRoot: report.repositoryRoot }).toEqual({ root: join(template, 'apps', 'api'), repositoryRoot: template });
    const paths = report.findings.map((f: { path: string; repositoryPath: string }) => [f.path, f.repositoryPath]);
    expect(paths).toEqual([
      ['src/posts.ts', 'apps/api/src/posts.ts'],
      ['src/users.ts', 'apps/api/src/users.ts'],
    ]);
    for (const [path, repositoryPath] of paths) expect(join(report.root, path)).toBe(join(report.repositoryRoot, repositoryPath));
  });
});

describe('repositoryOf', () => {
  it('spells the top the way the project path does when a symlink leads to the repository', async () => {
    const holder = tempDir();
    temps.push(holder);
    mkdirSync(join(holder, 'links'));
    symlinkSync(template, join(holder, 'links', 'repo'));
    expect(await repositoryOf(join(holder, 'links', 'repo', 'apps', 'api'))).toEqual({ top: join(holder, 'links', 'repo'), projectPath: 'apps/api' });
    expect(await repositoryOf(template)).toEqual({ top: template, projectPath: '' });
  });

  it('is undefined outside git, without starting git', async () => {
    const outside = tempDir();
    temps.push(outside);
    expect(await repositoryOf(outside)).toBeUndefined();
  });
});
