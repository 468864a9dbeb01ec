import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1', GITHUB_ACTIONS: '' };
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith('npm_') && !(key in env)) env[key] = value;
  }
  // Unset rather than empty: Node warns on stderr when NO_COLOR and FORCE_COLOR are both present.
  delete env['FORCE_COLOR'];
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
      expect.arrayContaining([
        'package.json',
        'README.md',
        'bin/prisma-singleton-codemod.js',
        'dist/cli/main.js',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/index.d.cts',
        'schema/report.schema.json',
      ]),
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
      expect(check.status).toBe(1);
      // stdout: one line per site and nothing else; stderr: the verdict and the fix command.
      const lines = check.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(15);
      expect(lines.every((line) => line.endsWith(' new PrismaClient() outside the singleton'))).toBe(true);
      expect(check.stderr).toContain('15 PrismaClient instantiations outside the singleton in 15 files');
      expect(check.stderr.trimEnd().split('\n').at(-1)).toMatch(/^fix: npx prisma-singleton-codemod /);
    },
    TIMEOUT,
  );

  it('loads with require() from CommonJS and with import from ESM, and ships the report schema', () => {
    const required = run(
      process.execPath,
      ['-e', "const api = require('prisma-singleton-codemod'); console.log(typeof api.run, typeof api.parseOptions, typeof api.CodemodError)"],
      project,
    );
    expect(required.stderr).toBe('');
    expect(required.stdout.trim()).toBe('function function function');
    const imported = run(
      process.execPath,
      ['--input-type=module', '-e', "import { run, exitCodeOf } from 'prisma-singleton-codemod'; console.log(typeof run, typeof exitCodeOf)"],
      project,
    );
    expect(imported.stderr).toBe('');
    expect(imported.stdout.trim()).toBe('function function');
    const schema = run(process.execPath, ['-p', "require('prisma-singleton-codemod/report.schema.json').properties.version.const"], project);
    expect(schema.stdout.trim()).toBe('2');
    expect(readFileSync(join(project, 'node_modules', 'prisma-singleton-codemod', 'schema', 'report.schema.json'), 'utf8')).toBe(
      readFileSync(join(REPO, 'schema', 'report.schema.json'), 'utf8'),
    );
  });

  it.each(['node16', 'nodenext'])('types the API for require() and import with TypeScript --module %s, library checks on', (mode) => {
    writeFileSync(
      join(project, 'consumer.cts'),
      [
        "import api = require('prisma-singleton-codemod');",
        "export const result: Promise<api.RunResult> = api.run(api.parseOptions('.', { check: true }, process.cwd()));",
        'export const code = (e: unknown): number | undefined => (e instanceof api.CodemodError ? e.exitCode : undefined);',
        'export const typed: api.UsageError | undefined = undefined;',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(project, 'consumer.mts'),
      "import { run, parseOptions, type RunResult } from 'prisma-singleton-codemod';\nexport const result: Promise<RunResult> = run(parseOptions('.', {}, process.cwd()));\n",
    );
    if (!existsSync(join(project, 'node_modules', '@types'))) symlinkSync(join(REPO, 'node_modules', '@types'), join(project, 'node_modules', '@types'));
    const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
    const flags = ['--noEmit', '--strict', '--skipLibCheck', 'false', '--types', 'node', '--module', mode, '--moduleResolution', mode];
    const compiled = run(process.execPath, [tsc, ...flags, 'consumer.cts', 'consumer.mts'], project);
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);
  });
});
