import { join } from 'node:path';
import { InterruptedError, isInterruptSignal, ProjectError } from '../core/errors.js';
import type { RunOptions } from '../core/options.js';
import type { Plan } from '../core/types.js';
import { dirtyPaths, locateWorkTree } from '../git/work-tree.js';
import { withHeldFiles } from '../plan/hold-files.js';
import { applyChanges } from '../write/apply-changes.js';
import { removeStaleTemps } from '../write/temp-files.js';
import { nodeWriterFs } from '../write/writer-fs.js';
import type { RunHooks } from './run.js';

/**
 * Apply: the git gate, then (with Ctrl-C trapped) the temporary files a killed run left, then the plan. Returns the
 * plan as written (files the writer held back become skips).
 */
export async function applyPlan(options: RunOptions, plan: Plan, hooks: RunHooks, notes: string[]): Promise<{ plan: Plan; applied: boolean }> {
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

async function refuseDirty(workTree: string, root: string, plan: Plan): Promise<void> {
  const dirty = await dirtyPaths(
    workTree,
    plan.changes.map((c) => join(root, c.path)),
  );
  if (dirty.length === 0) return;
  const shown = `${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ', ...' : ''}`;
  throw new ProjectError(`${dirty.length} file(s) to rewrite have uncommitted changes (${shown}); commit or stash them, or pass --force`);
}
