import { stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { clientModules } from './analyze/client-modules.js';
import { type ExistingSingleton, findExistingSingletons } from './analyze/existing-singleton.js';
import { roleOf } from './analyze/roles.js';
import { InterruptedError, isInterruptSignal, ProjectError, UsageError } from './core/errors.js';
import type { RunOptions } from './core/options.js';
import type { RunResult } from './core/result.js';
import type { Plan } from './core/types.js';
import { discover, type Discovery } from './discover/discover.js';
import { countImporters } from './discover/importers.js';
import { changedSince, stagedFiles } from './git/changes.js';
import { dirtyPaths, findWorkTree, locateWorkTree } from './git/work-tree.js';
import { buildPlan } from './plan/build-plan.js';
import { withHeldFiles } from './plan/hold-files.js';
import { narrowPlan } from './plan/narrow-plan.js';
import { isStackOverflow } from './plan/nesting.js';
import { assertSingletonOption, chooseReusableSingleton, defaultSingletonPath } from './plan/singleton-choice.js';
import { applyChanges } from './write/apply-changes.js';
import { removeStaleTemps } from './write/temp-files.js';
import { nodeWriterFs, type WriterFs } from './write/writer-fs.js';

/**
 * Hooks for the edges: progress reporting; a file system for the writer (tests inject faults there); a signal that
 * interrupts the writing (the writer finishes the file in flight, restores every file and throws InterruptedError);
 * and `onWriting`, told when writing starts and ends, so that the CLI traps Ctrl-C only while files are written.
 */
export interface RunHooks {
  readonly onProgress?: (done: number, total: number) => void;
  readonly fs?: WriterFs;
  readonly signal?: AbortSignal;
  readonly onWriting?: (writing: boolean) => void;
}

/** Discovers, plans and, in apply mode, writes. Never prints and never exits; errors are CodemodErrors. */
export async function run(options: RunOptions, hooks: RunHooks = {}): Promise<RunResult> {
  if (options.singleton !== undefined) await checkSingletonOption(options.root, options.singleton);
  const discovery = await discover(options.root, options.schema, hooks.onProgress);
  const notes: string[] = [...discovery.notes];
  const reusable = options.singleton === undefined ? findReusableSingleton(discovery) : undefined;
  if (reusable) notes.push(reusable.note);
  let plan = buildPlan({
    files: discovery.candidates,
    skipped: discovery.skipped,
    project: discovery.project,
    hasSrcDir: discovery.hasSrcDir,
    sourcePaths: discovery.sourcePaths,
    specifiers: discovery.specifiers,
    options: {
      singletonPath: options.singleton ?? reusable?.path,
      all: options.all,
      importExtension: options.importExtension,
      findingsOnly: options.mode === 'check',
    },
  });
  if (options.changedSince !== undefined || options.staged) plan = narrowPlan(plan, await changedPaths(options));
  if (plan.singleton?.created && discovery.ignore.isIgnored(plan.singleton.path)) {
    notes.push(`${plan.singleton.path} is ignored by a .gitignore: commit it anyway (git add -f), or every import of it breaks in a fresh clone`);
  }
  if (options.mode !== 'apply') return { options, plan, scanned: discovery.scanned, applied: false, notes };
  const written = await applyPlan(options, plan, hooks, notes);
  return { options, plan: written.plan, scanned: discovery.scanned, applied: written.applied, notes };
}

/**
 * Apply: the git gate, then (with Ctrl-C trapped) the temporary files a killed run left, then the plan. Returns the
 * plan as written (files the writer held back become skips).
 */
async function applyPlan(options: RunOptions, plan: Plan, hooks: RunHooks, notes: string[]): Promise<{ plan: Plan; applied: boolean }> {
  if (plan.changes.length > 0) await gate(options, plan, notes);
  if (hooks.signal?.aborted) {
    const reason: unknown = hooks.signal.reason;
    const signal = isInterruptSignal(reason) ? reason : 'SIGINT';
    throw new InterruptedError(signal, `interrupted by ${signal}: nothing was written; the tree is as it was`);
  }
  hooks.onWriting?.(true);
  try {
    const stale = await removeStaleTemps(options.root, hooks.fs ?? nodeWriterFs);
    if (stale.length > 0) notes.push(`removed ${stale.length} temporary file(s) left by an interrupted run: ${stale.join(', ')}`);
    if (plan.changes.length === 0) return { plan, applied: false };
    const outcome = await applyChanges(options.root, plan.changes, {
      ...(hooks.fs ? { fs: hooks.fs } : {}),
      ...(hooks.signal ? { signal: hooks.signal } : {}),
    });
    return { plan: withHeldFiles(plan, outcome.held), applied: true };
  } finally {
    hooks.onWriting?.(false);
  }
}

/**
 * The git gate: refuses files with uncommitted changes unless --force. "No repository" is a note; git failing (it
 * refuses the repository, for example for dubious ownership) is an error with git's words, unless --force.
 */
async function gate(options: RunOptions, plan: Plan, notes: string[]): Promise<void> {
  const where = await locateWorkTree(options.root);
  if (where.kind === 'repository') {
    if (!options.force) await refuseDirty(where.top, options.root, plan);
  } else if (where.kind === 'failed') {
    if (!options.force) throw new ProjectError(`git failed, so uncommitted changes cannot be checked: ${where.message}; fix that, or pass --force`);
    notes.push(`git failed (${where.message}); writing anyway (--force), without the check for uncommitted changes`);
  } else {
    const why = where.kind === 'none' ? 'not a git work tree' : 'git is not installed';
    notes.push(`${why}: there is no undo but this tool's own (it restores every file if a write fails)`);
  }
}

/** A --singleton that names no possible file, or a folder, is a usage error (exit 2) before anything is read. */
async function checkSingletonOption(root: string, singleton: string): Promise<void> {
  const folder = await stat(join(root, singleton)).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (folder) throw new UsageError(`--singleton ${singleton}: is a folder; name the file, for example ${singleton}/prisma.ts`);
  assertSingletonOption(singleton);
}

/**
 * In a half-migrated project, the module that already exports a shared client (the one most files import) is the
 * singleton; undefined leaves the choice to the planner (the default path, reused if a singleton is there).
 */
function findReusableSingleton(discovery: Discovery): { path: string; note: string } | undefined {
  const defaultPath = defaultSingletonPath(discovery.project, discovery.candidates, discovery.hasSrcDir);
  if (discovery.sourcePaths.has(defaultPath)) return undefined;
  const modules = clientModules(discovery.project.generatorOutputs);
  const apps = discovery.candidates.filter((file) => roleOf(file.path, discovery.project.seedPaths) === 'app');
  const found = apps.flatMap((file) => existingSingletonIn(file, modules));
  if (found.length === 0) return undefined;
  return chooseReusableSingleton(
    found,
    countImporters(
      discovery.root,
      discovery.sourcePaths,
      found.map((f) => f.path),
    ),
  );
}

/** The file as an existing singleton, if it is one; a file nested too deeply is not (the planner names it). */
function existingSingletonIn(file: Discovery['candidates'][number], modules: ReturnType<typeof clientModules>): ExistingSingleton[] {
  try {
    return findExistingSingletons([file], modules);
  } catch (error) {
    if (isStackOverflow(error)) return [];
    throw error;
  }
}

async function refuseDirty(workTree: string, root: string, plan: Plan): Promise<void> {
  const dirty = await dirtyPaths(
    workTree,
    plan.changes.map((c) => join(root, c.path)),
  );
  if (dirty.length === 0) return;
  const shown = `${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ', ...' : ''}`;
  throw new ProjectError(`${dirty.length} file(s) to rewrite have uncommitted changes (${shown}); commit or stash them, or pass --force`);
}

/** The root-relative paths git says changed since the ref (--changed-since) or are staged (--staged). */
async function changedPaths(options: RunOptions): Promise<Set<string>> {
  const workTree = await findWorkTree(options.root);
  const flag = options.staged ? '--staged' : '--changed-since';
  if (!workTree) throw new ProjectError(`${flag} needs a git work tree, and ${options.root} is not in one`);
  const absolute = options.staged ? await stagedFiles(workTree) : await changedSince(workTree, options.changedSince ?? 'HEAD');
  return new Set(absolute.map((path) => relative(options.root, path).split(sep).join('/')));
}
