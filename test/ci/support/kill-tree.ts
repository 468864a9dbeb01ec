import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, readTree, REPO, tempDir } from '../../support/helpers.js';

/** The preload that acts at the N-th rename of the writer (see write-hook.cjs). */
export const HOOK = join(REPO, 'test', 'ci', 'support', 'write-hook.cjs');
export const SINGLETON = 'src/lib/prisma.ts';

export interface Spawned {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A generated ESM TypeScript back end (bench/corpus.mjs: every site form, decoys, junk in node_modules and dist)
 * that type-checks with the stub client and @types/node, in a fresh temporary folder; `temps` gets the folder.
 */
export function generateProject(files: number, sites: number, temps: string[]): string {
  const out = tempDir('psc-kill-');
  temps.push(out);
  const made = spawnSync(process.execPath, [join(REPO, 'bench', 'corpus.mjs'), '--files', String(files), '--sites', String(sites), '--out', out], {
    encoding: 'utf8',
  });
  if (made.status !== 0) throw new Error(`corpus generation failed: ${made.stderr}`);
  const root = join(out, 'corpus');
  const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));
  tsconfig.compilerOptions.types = ['node'];
  writeFileSync(join(root, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  symlinkSync(join(REPO, 'node_modules', '@types'), join(root, 'node_modules', '@types'));
  return root;
}

/** A copy of `root` next to it (node_modules included), for one run. */
export function copyProject(root: string, temps: string[]): string {
  const dir = tempDir('psc-kill-copy-');
  temps.push(dir);
  cpSync(root, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

/**
 * Runs the real CLI (apply unless `args` says otherwise) in `dir`, the hook preloaded when `env` asks for it, under
 * `wrapper` (such as setpriv) when given.
 */
export function runBin(dir: string, env: Record<string, string> = {}, args: readonly string[] = [], wrapper: readonly string[] = []): Spawned {
  const preload = Object.keys(env).some((key) => key.startsWith('PSC_HOOK_')) ? ['-r', HOOK] : [];
  const [command = process.execPath, ...rest] = [...wrapper, process.execPath];
  const result = spawnSync(command, [...rest, ...preload, BIN, '.', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', ...env },
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Starts apply with the write-phase mark and SIGKILLs it `delayMs` after the mark is seen (never, when undefined).
 * Returns how it ended, whether it was still running when killed, and how long it ran after the mark.
 */
export function killDuringWrite(
  dir: string,
  delayMs: number | undefined,
): Promise<Spawned & { readonly killedWriting: boolean; readonly afterMarkMs: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', HOOK, BIN, '.'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', PSC_HOOK_MARK: '1' },
    });
    let stdout = '';
    let stderr = '';
    let killedWriting = false;
    let markedAt = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (markedAt !== 0 || !stderr.includes('psc-hook: writing')) return;
      markedAt = Date.now();
      if (delayMs === undefined) return;
      setTimeout(() => {
        killedWriting = child.exitCode === null && child.signalCode === null;
        child.kill('SIGKILL');
      }, delayMs);
    });
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr, killedWriting, afterMarkMs: Date.now() - markedAt }));
  });
}

/** Every file of the tree except node_modules, as readTree gives it. */
export function treeOf(dir: string): Record<string, string> {
  return readTree(dir);
}

/**
 * What must hold after a kill at any moment: every file is byte for byte its text before the run or after a
 * complete run (no torn file, no stray file but at most one temporary file of the writer's), and the singleton is
 * there whole whenever a rewritten file imports it. Returns the violations (empty when all hold) and the
 * temporary files found.
 */
export function killInvariants(
  tree: Record<string, string>,
  before: Record<string, string>,
  after: Record<string, string>,
): { violations: string[]; temps: string[]; rewritten: number } {
  const violations: string[] = [];
  const temps: string[] = [];
  let rewritten = 0;
  for (const [path, text] of Object.entries(tree)) {
    if (/\/\.[^/]+\.[0-9a-f]{8}\.psc-tmp$/.test(`/${path}`)) {
      temps.push(path);
      continue;
    }
    const was = before[path];
    const will = after[path];
    if (was === undefined && will === undefined) violations.push(`${path}: a file neither run has`);
    else if (text !== was && text !== will) violations.push(`${path}: neither its text before nor after the run (torn?)`);
    else if (text !== was && path !== SINGLETON) rewritten += 1;
  }
  for (const path of Object.keys(before)) if (!(path in tree)) violations.push(`${path}: gone`);
  if (rewritten > 0 && tree[SINGLETON] !== after[SINGLETON]) violations.push(`${rewritten} rewritten file(s) import ${SINGLETON}, which is not there whole`);
  if (temps.length > 1) violations.push(`more than one temporary file: ${temps.join(', ')}`);
  return { violations, temps, rewritten };
}

/**
 * Loads the given modules (root-relative) in one Node process with the stub client, as the application's entry
 * points would, and returns how many clients were constructed and which modules failed. A file the run created
 * (the singleton) is loaded only if a module imports it.
 */
export function loadModules(root: string, files: readonly string[]): { constructed: number; failures: string[] } {
  const script = `
    const { join } = require('node:path');
    const { pathToFileURL } = require('node:url');
    (async () => {
      const failures = [];
      for (const file of JSON.parse(process.env.PSC_MODULES)) {
        try { await import(pathToFileURL(join(process.cwd(), file)).href); } catch (error) { failures.push(file + ': ' + error.message); }
      }
      process.stdout.write(JSON.stringify({ constructed: globalThis.__prismaStub?.constructed ?? 0, failures }));
      process.exit(0);
    })();
  `;
  const result = spawnSync(process.execPath, ['-e', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production', PSC_MODULES: JSON.stringify(files) },
  });
  return JSON.parse(result.stdout || '{"constructed":-1,"failures":["no output"]}');
}
