import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(REPO, 'bin', 'prisma-singleton-codemod.js');
export const FIXTURES = join(REPO, 'fixtures');
export const STUB_CLIENT = join(REPO, 'test', 'stubs', 'prisma-client');
export const STUB_ADAPTER_PG = join(REPO, 'test', 'stubs', 'adapter-pg');
/** package.json of a SvelteKit app on @prisma/client 6, and the tsconfig a checkout has (it extends one SvelteKit generates). */
export const KIT_PACKAGE = JSON.stringify({
  name: 'kit',
  type: 'module',
  devDependencies: { '@sveltejs/kit': '^2.0.0' },
  dependencies: { '@prisma/client': '^6.0.0' },
});
export const KIT_TSCONFIG = '{ "extends": "./.svelte-kit/tsconfig.json", "compilerOptions": { "strict": true } }\n';

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment every CLI run in the tests starts from: no colour, no CI detection. */
function cliEnv(env: Record<string, string>): Record<string, string | undefined> {
  return { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', FORCE_COLOR: '', ...env };
}

/**
 * Runs the CLI in this process through `main(argv, io)`, as the bin does, capturing what it prints. The status is
 * the exit code the bin would set. `tty` pretends that stdout and stderr are terminals.
 */
export async function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}, tty = false): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const status = await main(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
    env: cliEnv(env),
    stdoutIsTTY: tty,
    stderrIsTTY: tty,
  });
  return { status, stdout, stderr };
}

/** Runs the built bin in a child process, as a user would: for the few smoke tests that need a real process. */
export function spawnCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: cliEnv(env) });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'psc-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function copyTree(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
}

/** A temporary copy of a fixture's before/ (or after/) tree; its folder is added to `temps` for clean-up. */
export function copyFixture(name: string, temps: string[], side: 'before' | 'after' = 'before'): string {
  const dir = tempDir();
  temps.push(dir);
  copyTree(join(FIXTURES, name, side), dir);
  return dir;
}

/** Every file below `root` (dotfiles included, node_modules excluded) as path -> bytes (as latin1 text). */
export function readTree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const absolute = join(dir, entry.name);
      if (entry.isDirectory()) walk(absolute);
      else files[relative(root, absolute).split(sep).join('/')] = readFileSync(absolute).toString('latin1');
    }
  };
  walk(root);
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Modification times of every file below `root`, to prove that a mode wrote nothing. */
export function mtimes(root: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const path of Object.keys(readTree(root))) out[path] = statSync(join(root, path)).mtimeMs;
  return out;
}

/** Makes `@prisma/client` and `@prisma/adapter-pg` (stubs) and `@types/node` resolvable from `root`, as an installed project has them. */
export function installStubs(root: string): void {
  mkdirSync(join(root, 'node_modules', '@prisma'), { recursive: true });
  cpSync(STUB_CLIENT, join(root, 'node_modules', '@prisma', 'client'), { recursive: true });
  cpSync(STUB_ADAPTER_PG, join(root, 'node_modules', '@prisma', 'adapter-pg'), { recursive: true });
  symlinkSync(join(REPO, 'node_modules', '@types'), join(root, 'node_modules', '@types'));
  if (isNestProject(root)) for (const name of NEST_PACKAGES) symlinkSync(join(REPO, 'node_modules', name), join(root, 'node_modules', name));
}

/** The real NestJS packages (devDependencies) a Nest fixture resolves, with their peers. */
const NEST_PACKAGES = ['@nestjs', 'reflect-metadata', 'rxjs'];

/** The project's package.json depends on @nestjs/core. */
export function isNestProject(root: string): boolean {
  const file = join(root, 'package.json');
  return existsSync(file) && readFileSync(file, 'utf8').includes('"@nestjs/core"');
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

export function remove(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

/**
 * Loads every JavaScript module under `root/src` in one Node process (ESM by import(), CommonJS through it too) with
 * the stub client, and returns how many clients were constructed and which modules failed to load.
 */
export function loadAllModules(root: string): { constructed: number; failures: string[] } {
  const script = `
    const { readdirSync } = require('node:fs');
    const { join } = require('node:path');
    const { pathToFileURL } = require('node:url');
    const files = [];
    const walk = (dir) => { for (const e of readdirSync(dir, { withFileTypes: true })) { const p = join(dir, e.name); if (e.isDirectory()) walk(p); else if (/\\.[cm]?js$/.test(e.name)) files.push(p); } };
    walk(join(process.cwd(), 'src'));
    (async () => {
      const failures = [];
      for (const file of files.sort()) { try { await import(pathToFileURL(file).href); } catch (error) { failures.push(file + ': ' + error.message); } }
      const stats = globalThis.__prismaStub ?? { constructed: 0 };
      process.stdout.write(JSON.stringify({ constructed: stats.constructed, failures }));
      process.exit(0);
    })();
  `;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  return JSON.parse(result.stdout || '{"constructed":-1,"failures":["no output"]}');
}
