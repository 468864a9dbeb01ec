import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyTree, FIXTURES, remove, REPO, tempDir } from '../support/helpers.js';

// Packing and installing from the registry takes a while on a cold cache.
const TIMEOUT = 120_000;

interface PackEntry {
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

/**
 * The environment for a child npm: without the `npm_*` variables an enclosing `npm test` sets, some of which (the
 * local prefix, for one) would point the child back at this repository.
 */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1', GITHUB_ACTIONS: '', FORCE_COLOR: '' };
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith('npm_') && !(key in env)) env[key] = value;
  }
  return env;
}

function run(command: string, args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, [...args], { cwd, encoding: 'utf8', env: childEnv(), shell: process.platform === 'win32', timeout: TIMEOUT });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function packEntries(stdout: string): PackEntry[] {
  const value: unknown = JSON.parse(stdout);
  if (!Array.isArray(value)) throw new Error(`npm pack --json printed no array: ${stdout}`);
  return value.filter((entry): entry is PackEntry => typeof entry === 'object' && entry !== null && 'filename' in entry && 'files' in entry);
}

function packageVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  if (typeof pkg !== 'object' || pkg === null || !('version' in pkg) || typeof pkg.version !== 'string') throw new Error('package.json has no version');
  return pkg.version;
}

describe('the published package', () => {
  let project = '';
  let files: string[] = [];

  beforeAll(() => {
    // Scripts stay off: `prepare` would rebuild dist/ under the feet of the tests running beside this one.
    expect(existsSync(join(REPO, 'dist', 'cli', 'main.js')), 'build first: npx tsc -p tsconfig.json').toBe(true);

    const listed = run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], REPO);
    expect(listed.status, listed.stderr).toBe(0);
    files = packEntries(listed.stdout).flatMap((entry) => entry.files.map((f) => f.path));

    const packDir = tempDir('psc-pack-');
    temps.push(packDir);
    const packed = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], REPO);
    expect(packed.status, packed.stderr).toBe(0);
    const [tarball] = packEntries(packed.stdout);
    expect(tarball).toBeDefined();

    project = tempDir('psc-install-');
    temps.push(project);
    writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'psc-install-check', version: '1.0.0', private: true }, null, 2)}\n`);
    const installed = run('npm', ['install', join(packDir, tarball?.filename ?? ''), '--no-audit', '--no-fund'], project);
    expect(installed.status, installed.stdout + installed.stderr).toBe(0);
  }, TIMEOUT);

  it('ships the bin, the built code and its types, and nothing of the sources, tests or fixtures', () => {
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'bin/prisma-singleton-codemod.js', 'dist/cli/main.js', 'dist/index.js', 'dist/index.d.ts']),
    );
    expect(files.filter((path) => /^(test|fixtures|src|bench|examples)\//.test(path))).toEqual([]);
    expect(files.filter((path) => path.endsWith('.map'))).toEqual([]);
  });

  // `--no` makes npx fail rather than fetch a same-named package from the registry if the install did not link the
  // bin; `--` keeps npm from taking `--version` for its own.
  it(
    'runs from the installed tarball and prints the package version',
    () => {
      const version = run('npx', ['--no', '--', 'prisma-singleton-codemod', '--version'], project);
      expect(version.stderr).toBe('');
      expect(version.status).toBe(0);
      expect(version.stdout.trim()).toBe(packageVersion());
    },
    TIMEOUT,
  );

  it(
    'checks a copy of the 15-file fixture from the installed tarball: exit 1, 15 instantiations',
    () => {
      const target = join(tempDir('psc-target-'), 'api');
      temps.push(target);
      copyTree(join(FIXTURES, 'seed-15-files', 'before', 'apps', 'api'), target);

      const check = run('npx', ['--no', '--', 'prisma-singleton-codemod', target, '--check'], project);
      expect(check.stderr).toBe('');
      expect(check.status).toBe(1);
      const sites = check.stdout.split('\n').filter((line) => / new PrismaClient\(\) outside the singleton; run /.test(line));
      expect(sites).toHaveLength(15);
      expect(check.stdout).toContain('15 PrismaClient instantiations outside the singleton in 15 files');
    },
    TIMEOUT,
  );
});
