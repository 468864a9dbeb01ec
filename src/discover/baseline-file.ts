import { readFile } from 'node:fs/promises';
import { ProjectError } from '../core/errors.js';

/** The text of the baseline file, or undefined when there is none yet; any other read failure is a ProjectError. */
export async function readBaselineFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw new ProjectError(`could not read the baseline ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
