import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ProjectError } from '../core/errors.js';
import type { FileChange } from '../core/types.js';

/** The file-system calls the writer makes; tests pass a version that fails on cue. */
export interface WriterFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, data: string, options: { mode: number; flag: 'wx' }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string): Promise<unknown>;
  rmdir(path: string): Promise<void>;
  stat(path: string): Promise<{ mode: number; isFile(): boolean }>;
}

interface Done {
  readonly path: string;
  readonly before: string | null;
  readonly mode: number;
}

/**
 * The only writer. Checks that every file is still as planned, then writes each change atomically (a temporary
 * file in the same folder, renamed over the target, permission bits kept). If anything fails, every file already
 * written is restored, created files and folders are removed, and a ProjectError says what failed.
 */
export async function applyChanges(root: string, changes: readonly FileChange[], fs: WriterFs = nodeFs): Promise<void> {
  const modes = new Map<string, number>();
  for (const change of changes) {
    const absolute = join(root, change.path);
    if (change.before === null) {
      if (
        await fs.stat(absolute).then(
          () => true,
          () => false,
        )
      ) {
        throw new ProjectError(`${change.path} appeared on disk after planning; nothing was written`);
      }
      continue;
    }
    const current = await fs.readFile(absolute, 'utf8').catch(() => undefined);
    if (current !== change.before) throw new ProjectError(`${change.path} changed on disk after planning; nothing was written`);
    modes.set(change.path, (await fs.stat(absolute)).mode & 0o7777);
  }

  const done: Done[] = [];
  const createdDirs: string[] = [];
  try {
    for (const change of changes) {
      const absolute = join(root, change.path);
      if (change.before === null) createdDirs.push(...(await makeParents(fs, dirname(absolute))));
      const mode = modes.get(change.path) ?? 0o644;
      await writeAtomically(fs, absolute, change.after, mode);
      done.push({ path: change.path, before: change.before, mode });
    }
  } catch (error) {
    const failed = changes[done.length]?.path ?? '?';
    const problems = await rollBack(fs, root, done, createdDirs);
    const reason = error instanceof Error ? error.message : String(error);
    const outcome = problems.length === 0 ? 'every file was restored; nothing was changed' : `could not restore ${problems.join(', ')}`;
    throw new ProjectError(`could not write ${failed}: ${reason}; ${outcome}`);
  }
}

/** Writes one file through a temporary file in its folder, renamed over it: readers see the old or the new text. */
export async function writeAtomically(fs: WriterFs, absolute: string, text: string, mode: number): Promise<void> {
  const temporary = join(dirname(absolute), `.${basename(absolute)}.${randomBytes(4).toString('hex')}.psc-tmp`);
  await fs.writeFile(temporary, text, { mode, flag: 'wx' });
  try {
    await fs.rename(temporary, absolute);
  } catch (error) {
    await fs.unlink(temporary).catch(() => undefined);
    throw error;
  }
}

async function makeParents(fs: WriterFs, dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (
    let current = dir;
    !(await fs.stat(current).then(
      () => true,
      () => false,
    ));
    current = dirname(current)
  ) {
    missing.unshift(current);
  }
  for (const folder of missing) await fs.mkdir(folder);
  return missing;
}

async function rollBack(fs: WriterFs, root: string, done: readonly Done[], createdDirs: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const file of [...done].reverse()) {
    const absolute = join(root, file.path);
    try {
      if (file.before === null) await fs.unlink(absolute);
      else await writeAtomically(fs, absolute, file.before, file.mode);
    } catch {
      problems.push(file.path);
    }
  }
  for (const dir of [...createdDirs].reverse()) await fs.rmdir(dir).catch(() => undefined);
  return problems;
}
