import { ProjectError } from '../core/errors.js';
import { createFile, replaceFile } from './replace-file.js';
import { errorMessage, nodeWriterFs, type WriterFs } from './writer-fs.js';

/**
 * Writes the baseline file the way every file is written (a temporary file renamed over it, owner and mode kept; a
 * file saved meanwhile is never overwritten); a failure is a ProjectError that names it.
 */
export async function writeBaselineFile(path: string, text: string, fs: WriterFs = nodeWriterFs): Promise<void> {
  try {
    const current = await fs.readFile(path).then(
      (bytes) => bytes.toString('utf8'),
      () => undefined,
    );
    if (current === undefined) {
      await createFile(fs, path, text);
      return;
    }
    const hold = await replaceFile(fs, path, current, text);
    if (hold) throw new Error(`${hold.detail}: it would not be written atomically`);
  } catch (error) {
    throw new ProjectError(`could not write the baseline ${path}: ${errorMessage(error)}`);
  }
}
