import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientModule, commitAll, git, gitRepo, PACKAGE_JSON } from '../support/git-repo.js';
import { remove, REPO, tempDir, writeFiles } from '../support/helpers.js';
import { object, runCompositeAction, type StepRun } from './support/actions-runner.js';
import { type LocalRegistry, startRegistry } from './support/local-registry.js';
import { childEnv, pack } from './support/packed.js';

const temps: string[] = [];
const PKG = object(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')));
const NAME = String(PKG['name']);
const VERSION = String(PKG['version']);
const ACTION_REF = `prisma-singleton-codemod/prisma-singleton-codemod@v${VERSION}`;

let registry: LocalRegistry | undefined;
let tarball = '';
beforeAll(async () => {
  expect(existsSync(join(REPO, 'dist', 'index.d.cts')), 'build first: npm run build').toBe(true);
  const dir = tempDir('psc-pack-');
  temps.push(dir);
  tarball = pack(REPO, dir);
  const upstream = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8', env: childEnv() }).trim();
  const dependencies = Object.fromEntries(Object.entries(object(PKG['dependencies'])).map(([k, v]) => [k, String(v)]));
  // The action installs `prisma-singleton-codemod@<its version>` from the registry: this one serves the packed tarball.
  registry = await startRegistry(NAME, VERSION, tarball, dependencies, upstream);
}, 120_000);
afterAll(async () => {
  await registry?.close();
  temps.forEach(remove);
});

/** The legacy API of a repository: main holds two old clients; the branch `feature` adds a route with a new one. */
function origin(): string {
  const dir = gitRepo(temps, {
    'apps/api/package.json': PACKAGE_JSON,
    'apps/api/src/legacy/a.ts': clientModule('a'),
    'apps/api/src/legacy/b.ts': clientModule('b'),
  });
  git(dir, 'switch', '-q', '-c', 'feature');
  writeFiles(dir, { 'apps/api/src/routes/new.ts': clientModule('fresh') });
  commitAll(dir, 'a route with its own client');
  git(dir, 'switch', '-q', 'main');
  return dir;
}

/** actions/checkout of `ref`: a clone with its `fetch-depth` (1 unless told; 0 is the whole history). */
function checkout(from: string, ref: string, depth: number): string {
  const parent = tempDir('psc-runner-');
  temps.push(parent);
  git(parent, 'clone', '-q', '--no-tags', ...(depth > 0 ? ['--depth', String(depth)] : []), '--branch', ref, `file://${from}`, 'workspace');
  return join(parent, 'workspace');
}

/**
 * Runs a workflow file's job as the runner would, for the steps it uses: actions/checkout (a clone of `ref` with the
 * step's fetch-depth), this action (by its `uses:` ref, with the step's `with:`), and the SARIF upload (which needs
 * the file). Returns the action's steps.
 */
async function runWorkflow(file: string, from: string, ref: string, github: Record<string, string>): Promise<{ workspace: string; steps: StepRun[] }> {
  const workflow = object(parse(readFileSync(join(REPO, file), 'utf8')));
  const [job] = Object.values(object(workflow['jobs']));
  const list = object(job)['steps'];
  let workspace = '';
  let steps: StepRun[] = [];
  for (const step of (Array.isArray(list) ? list : []).map(object)) {
    const uses = String(step['uses']);
    const inputs = Object.fromEntries(
      Object.entries(object(step['with'] ?? {})).map(([k, v]) => [
        k,
        String(v).replace(/\$\{\{\s*github\.(\w+)\s*\}\}/g, (_m, key: string) => github[key] ?? ''),
      ]),
    );
    if (uses.startsWith('actions/checkout@')) workspace = checkout(from, ref, Number(inputs['fetch-depth'] ?? 1));
    else if (uses === ACTION_REF) {
      const temp = tempDir('psc-runner-temp-');
      temps.push(temp);
      steps = await runCompositeAction(REPO, { inputs, workspace, temp, github, env: childEnv({ npm_config_registry: registry?.url ?? '' }) });
    } else if (uses.startsWith('github/codeql-action/upload-sarif@')) expect(existsSync(join(workspace, inputs['sarif_file'] ?? ''))).toBe(true);
    else throw new Error(`this runner does not know ${uses}`);
  }
  return { workspace, steps };
}

/** The one run of the SARIF file a workflow wrote. */
function sarifRun(workspace: string): Record<string, unknown> {
  const runs = object(JSON.parse(readFileSync(join(workspace, 'prisma-singleton.sarif'), 'utf8')))['runs'];
  return object(Array.isArray(runs) ? runs[0] : undefined);
}

describe('the composite action, run as the GitHub runner runs it', () => {
  it('installs the packed package at its own version and, on a pull request, annotates only the new client', async () => {
    const { steps } = await runWorkflow('examples/ci/pull-request.yml', origin(), 'feature', { event_name: 'pull_request', base_ref: 'main' });
    const [install, check] = steps;
    expect(install?.status, install?.stderr).toBe(0);
    expect(check?.status, check?.stderr).toBe(1);
    const errors = check?.stdout.split('\n').filter((line) => line.startsWith('::error '));
    expect(errors).toEqual([
      '::error file=apps/api/src/routes/new.ts,line=2,col=22,title=PrismaClient outside the singleton::new PrismaClient() outside the singleton',
    ]);
    expect(check?.stderr).toContain('fix: npx prisma-singleton-codemod apps/api');
  });

  it('exits 2 with the fix in a shallow clone, which is why the workflow asks for fetch-depth 0', async () => {
    const workspace = checkout(origin(), 'feature', 1);
    const temp = tempDir('psc-runner-temp-');
    temps.push(temp);
    const inputs = { path: 'apps/api', 'changed-since': 'origin/main' };
    const [, check] = await runCompositeAction(REPO, { inputs, workspace, temp, github: {}, env: childEnv({ npm_config_registry: registry?.url ?? '' }) });
    expect(check?.status).toBe(2);
    expect(check?.stderr).toContain('give actions/checkout `fetch-depth: 0`');
  });

  it('on a push, passes the legacy clients the baseline holds, writes SARIF, and fails a pushed new client', async () => {
    const repo = origin();
    const cli = join(REPO, 'bin', 'prisma-singleton-codemod.js');
    execFileSync(process.execPath, [cli, 'apps/api', '--check', '--baseline', 'apps/api/prisma-baseline.json', '--update-baseline'], {
      cwd: repo,
      env: childEnv(),
      stdio: 'pipe',
    });
    commitAll(repo, 'accept the legacy clients');
    const clean = await runWorkflow('examples/ci/push.yml', repo, 'main', { event_name: 'push', base_ref: '' });
    expect(clean.steps.map((s) => s.status)).toEqual([0, 0]);
    expect(sarifRun(clean.workspace)['results']).toEqual([]);

    git(repo, 'merge', '-q', 'feature');
    const pushed = await runWorkflow('examples/ci/push.yml', repo, 'main', { event_name: 'push', base_ref: '' });
    expect(pushed.steps.map((s) => s.status)).toEqual([0, 1]);
    expect(pushed.steps[1]?.stdout).toContain('::error file=apps/api/src/routes/new.ts,line=2,col=22,');
    expect(sarifRun(pushed.workspace)['results']).toHaveLength(1);
  });
});

describe('the pre-commit hook, installed and run as pre-commit does', () => {
  it('fails a commit that stages a new client and passes one that does not', { timeout: 300_000 }, () => {
    // pre-commit 4's node language: a clone of the hook repository at its rev, then, with the hook's own prefix in
    // NPM_CONFIG_PREFIX, `npm install --allow-git=root --install-links -g git+file://<clone>` (npm clones it again,
    // installs it with its devDependencies, runs `prepare`, packs and installs that), then `entry` from the prefix.
    const hooks: unknown = parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8'));
    const hook = object(Array.isArray(hooks) ? hooks[0] : undefined);
    const parent = tempDir('psc-hook-repo-');
    const prefix = tempDir('psc-hook-env-');
    temps.push(parent, prefix);
    git(parent, 'clone', '-q', `file://${REPO}`, 'repo');
    const env = childEnv({
      NODE_VIRTUAL_ENV: prefix,
      NPM_CONFIG_PREFIX: prefix,
      npm_config_prefix: prefix,
      PATH: `${join(prefix, 'bin')}:${process.env['PATH'] ?? ''}`,
    });
    execFileSync('npm', ['install', '--allow-git=root', '--install-links', '-g', `git+file://${join(parent, 'repo')}`], { cwd: parent, env, stdio: 'pipe' });

    const project = gitRepo(temps, { 'package.json': PACKAGE_JSON, 'src/legacy.ts': clientModule('legacy') });
    const [command = '', ...args] = String(hook['entry']).split(' ');
    const runHook = (): { status: number | null; output: string } => {
      const result = spawnSync(command, args, {
        cwd: project,
        encoding: 'utf8',
        env: childEnv({ PATH: `${join(prefix, 'bin')}:${process.env['PATH'] ?? ''}` }),
      });
      return { status: result.status, output: result.stdout + result.stderr };
    };
    writeFiles(project, { 'src/routes/new.ts': clientModule('fresh') });
    git(project, 'add', 'src/routes/new.ts');
    writeFiles(project, { 'src/routes/new.ts': 'export const fresh = 1;\n' });
    expect(runHook()).toMatchObject({ status: 1, output: expect.stringContaining('src/routes/new.ts:2:22 new PrismaClient() outside the singleton') });
    git(project, 'add', 'src/routes/new.ts');
    expect(runHook()).toMatchObject({ status: 0 });
  });
});
