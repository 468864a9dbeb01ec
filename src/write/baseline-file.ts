import * as nodeFs from 'node:fs/promises';
import { ProjectError } from '../core/errors.js';
import { type WriterFs, writeAtomically } from './apply-changes.js';

/** Writes the baseline file atomically (keeping its permission bits); a failure is a ProjectError that names it. */
export async function writeBaselineFile(path: string, text: string, fs: WriterFs = nodeFs): Promise<void> {
  const mode = await fs.stat(path).then(
    (stats) => stats.mode & 0o7777,
    () => 0o644,
  );
  try {
    await writeAtomically(fs, path, text, mode);
  } catch (error) {
    throw new ProjectError(`could not write the baseline ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
