import { ChangedOnDisk, holdsText, replaceFile } from './replace-file.js';
import { errorMessage, type WriterFs } from './writer-fs.js';

/** A file the writer has written: created (`before` null) or replaced. */
export interface Written {
  readonly path: string;
  readonly absolute: string;
  readonly before: string | null;
  readonly after: string;
}

/**
 * Undoes the writes, last first: a created file is removed and a replaced one gets its old text back (same owner
 * and mode), but only while it still holds what the writer put there; a file someone changed since is left as they
 * left it and named. Folders the writer created are removed when empty. Returns what could not be restored.
 */
export async function rollBack(fs: WriterFs, written: readonly Written[], createdDirs: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const file of [...written].reverse()) {
    try {
      if (!(await holdsText(fs, file.absolute, file.after))) throw new ChangedOnDisk(file.absolute, 'changed again after it was written');
      if (file.before === null) await fs.unlink(file.absolute);
      else if (await replaceFile(fs, file.absolute, file.after, file.before)) throw new Error('its owner could not be kept');
    } catch (error) {
      problems.push(`${file.path} (${errorMessage(error)}; left as it is)`);
    }
  }
  for (const dir of [...createdDirs].reverse()) await fs.rmdir(dir).catch(() => undefined);
  return problems;
}
