import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { NEVER_ENTERED } from '../discover/walk.js';
import { errorCode, type WriterFs } from './writer-fs.js';

/** Every temporary file the writer makes ends so: `.<name>.<8 hex digits>.psc-tmp`, next to the file it replaces. */
export const TEMP_SUFFIX = '.psc-tmp';
const TEMP_NAME = /^\..+\.[0-9a-f]{8}\.psc-tmp$/;
/** Room for the dot, the hex and the suffix within the 255 bytes a file name may have. */
const MAX_STEM = 200;

/** A fresh temporary path in the same folder as `absolute` (so that the rename that follows is atomic). */
export function tempPathFor(absolute: string): string {
  const stem = basename(absolute).slice(0, MAX_STEM);
  return join(dirname(absolute), `.${stem}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

/** A name the writer gives its temporary files. */
export function isTempName(name: string): boolean {
  return TEMP_NAME.test(name);
}

/**
 * Writes `text` to a new temporary file (never an existing one), removing it again if the write fails part-way (a
 * full disk leaves an empty or short file otherwise).
 */
export async function writeTemp(fs: WriterFs, temp: string, text: string, mode: number): Promise<void> {
  try {
    await fs.writeFile(temp, text, { mode, flag: 'wx' });
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Removes the temporary files a killed run left under `root` (regular files with the writer's naming only, outside
 * dependencies and git's data: wherever the writer may have written) and returns their root-relative paths.
 */
export async function removeStaleTemps(root: string, fs: WriterFs): Promise<string[]> {
  // Loaded here, the one place apply needs it: a check never pays for loading fast-glob.
  const { default: fg } = await import('fast-glob');
  const found = await fg(`**/.*${TEMP_SUFFIX}`, {
    cwd: root,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    suppressErrors: true,
    ignore: [...NEVER_ENTERED].map((d) => `**/${d}/**`),
  });
  const removed: string[] = [];
  for (const path of found.sort()) {
    const absolute = join(root, path);
    if (!isTempName(basename(path))) continue;
    const facts = await fs.lstat(absolute).catch(() => undefined);
    if (!facts?.isFile()) continue;
    if (
      await fs.unlink(absolute).then(
        () => true,
        () => false,
      )
    )
      removed.push(path);
  }
  return removed;
}
