import { dirname, join } from 'node:path';
import { InterruptedError, isInterruptSignal, ProjectError } from '../core/errors.js';
import type { FileChange } from '../core/types.js';
import { ChangedOnDisk, createFile, type Hold, holdOf, holdsText, replaceFile } from './replace-file.js';
import { rollBack, type Written } from './roll-back.js';
import { errorMessage, nodeWriterFs, type WriterFs } from './writer-fs.js';

/** How to write: the file system (tests inject faults there) and a signal that stops the writing (Ctrl-C). */
export interface ApplyOptions {
  readonly fs?: WriterFs;
  readonly signal?: AbortSignal;
}

/** A planned file the writer left as it was, and why (see Hold). */
export interface HeldFile extends Hold {
  readonly path: string;
}

/** What was written, in the order it was written, and what was held back. */
export interface ApplyOutcome {
  readonly written: readonly string[];
  readonly held: readonly HeldFile[];
}

/**
 * The only writer. Writes created files (the singleton) first and rewrites after, each by path, so that every
 * prefix of the sequence leaves a tree that compiles and runs with no more clients than before. Before the first
 * write every file must still be as planned; then each file is compared with the plan again immediately before it
 * is replaced (atomically, owner and mode kept; see replaceFile). A file with other hard links, or whose owner
 * cannot be kept, is held back, not split. On any failure, a file that changed during the run, or the signal,
 * everything already written is rolled back and a CodemodError says what happened (InterruptedError for the
 * signal, after the file in flight is finished).
 */
export async function applyChanges(root: string, changes: readonly FileChange[], options: ApplyOptions = {}): Promise<ApplyOutcome> {
  const fs = options.fs ?? nodeWriterFs;
  const ordered = writeOrder(changes);
  const held = await checkPlanned(fs, root, ordered);
  const written: Written[] = [];
  const createdDirs: string[] = [];
  let current: FileChange | undefined;
  try {
    for (const change of ordered) {
      if (held.some((h) => h.path === change.path)) continue;
      if (options.signal?.aborted) throw new Interrupted(options.signal.reason);
      current = change;
      const absolute = join(root, change.path);
      if (change.before === null) {
        await makeParents(fs, dirname(absolute), createdDirs);
        await createFile(fs, absolute, change.after);
      } else {
        const hold = await replaceFile(fs, absolute, change.before, change.after);
        if (hold) {
          held.push({ path: change.path, ...hold });
          continue;
        }
      }
      written.push({ path: change.path, absolute, before: change.before, after: change.after });
    }
  } catch (error) {
    const problems = await rollBack(fs, written, createdDirs);
    throw failure(error, current?.path ?? '?', written.length, problems);
  }
  return { written: written.map((w) => w.path), held };
}

/** Created files first, then rewrites; each group by path. */
export function writeOrder(changes: readonly FileChange[]): FileChange[] {
  return [...changes.filter((c) => c.before === null), ...changes.filter((c) => c.before !== null)];
}

/** Every file still as planned before anything is written; files that must be held back are known here already. */
async function checkPlanned(fs: WriterFs, root: string, ordered: readonly FileChange[]): Promise<HeldFile[]> {
  const held: HeldFile[] = [];
  for (const change of ordered) {
    const absolute = join(root, change.path);
    const facts = await fs.lstat(absolute).catch(() => undefined);
    if (change.before === null) {
      if (facts) throw new ProjectError(`${change.path} appeared on disk after planning; nothing was written`);
      continue;
    }
    if (!facts || !(await holdsText(fs, absolute, change.before))) {
      throw new ProjectError(`${change.path} changed on disk after planning; nothing was written`);
    }
    const hold = holdOf(facts);
    if (hold) held.push({ path: change.path, ...hold });
  }
  return held;
}

class Interrupted extends Error {
  constructor(readonly reason: unknown) {
    super('interrupted');
  }
}

function failure(error: unknown, path: string, writtenCount: number, problems: readonly string[]): Error {
  const outcome =
    problems.length > 0
      ? `could not restore ${problems.join(', ')}`
      : writtenCount === 0
        ? 'nothing was written'
        : 'every file was restored; nothing was changed';
  if (error instanceof Interrupted) {
    const signal = isInterruptSignal(error.reason) ? error.reason : 'SIGINT';
    const restored = writtenCount === 0 ? 'nothing was written' : 'every file written was restored';
    return new InterruptedError(signal, `interrupted by ${signal}: ${problems.length === 0 ? `${restored}; the tree is as it was` : outcome}`);
  }
  if (error instanceof ChangedOnDisk) {
    return new ProjectError(`${path} ${error.how} (another program saved it?); it was not overwritten, and ${outcome}`);
  }
  return new ProjectError(`could not write ${path}: ${errorMessage(error)}; ${outcome}`);
}

/** Creates the missing folders above a new file, recording each in `created` as soon as it exists. */
async function makeParents(fs: WriterFs, dir: string, created: string[]): Promise<void> {
  const missing: string[] = [];
  for (
    let current = dir;
    !(await fs.lstat(current).then(
      () => true,
      () => false,
    ));
    current = dirname(current)
  )
    missing.unshift(current);
  for (const folder of missing) {
    await fs.mkdir(folder);
    created.push(folder);
  }
}
