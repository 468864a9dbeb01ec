import { tempPathFor, writeTemp } from './temp-files.js';
import { errorCode, type FileFacts, type WriterFs } from './writer-fs.js';

/** A file on disk is not what the plan expected (someone saved it, created it or deleted it during the run). */
export class ChangedOnDisk extends Error {
  constructor(
    readonly absolute: string,
    readonly how: string,
  ) {
    super(how);
  }
}

/** Why a planned file was left as it is instead of replaced. */
export interface Hold {
  readonly reason: 'hard-links' | 'owner-not-kept';
  readonly detail: string;
}

/** The bytes at `absolute` are exactly `expected` (a regular file, not a link). Reads the whole file. */
export async function holdsText(fs: WriterFs, absolute: string, expected: string): Promise<boolean> {
  const facts = await fs.lstat(absolute).catch(() => undefined);
  if (!facts?.isFile()) return false;
  const bytes = await fs.readFile(absolute).catch(() => undefined);
  return bytes?.equals(Buffer.from(expected, 'utf8')) === true;
}

/** Throws ChangedOnDisk unless the file still holds `expected`. */
export async function assertUnchanged(fs: WriterFs, absolute: string, expected: string): Promise<void> {
  if (!(await holdsText(fs, absolute, expected))) throw new ChangedOnDisk(absolute, 'changed on disk during the run');
}

/** Why a file cannot be replaced by rename without losing something, checked before anything is written. */
export function holdOf(facts: FileFacts): Hold | undefined {
  if (facts.nlink > 1) return { reason: 'hard-links', detail: `${facts.nlink} links` };
  return undefined;
}

/**
 * Replaces a file that must still hold `expected` with `text`, atomically: a temporary file in the same folder gets
 * the original's owner, group and permission bits, the original's content is compared with `expected` once more,
 * and the temporary file is renamed over it. Returns a Hold instead when the replacement would split hard links or
 * could not keep the owner. The temporary file never outlives the call.
 */
export async function replaceFile(fs: WriterFs, absolute: string, expected: string, text: string): Promise<Hold | undefined> {
  const facts = await fs.lstat(absolute).catch(() => undefined);
  if (!facts?.isFile()) throw new ChangedOnDisk(absolute, facts ? 'is no longer a regular file' : 'was deleted during the run');
  const hold = holdOf(facts);
  if (hold) return hold;
  const temp = tempPathFor(absolute);
  await writeTemp(fs, temp, text, 0o600);
  try {
    const kept = await keepOwner(fs, temp, facts);
    if (kept) {
      await fs.unlink(temp);
      return kept;
    }
    // After chown, which clears set-id bits.
    await fs.chmod(temp, facts.mode & 0o7777);
    await assertUnchanged(fs, absolute, expected);
    await fs.rename(temp, absolute);
    return undefined;
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Creates a file that must not exist yet: a temporary file (mode from the umask), then a rename. */
export async function createFile(fs: WriterFs, absolute: string, text: string): Promise<void> {
  const temp = tempPathFor(absolute);
  await writeTemp(fs, temp, text, 0o666);
  try {
    if (
      await fs.lstat(absolute).then(
        () => true,
        () => false,
      )
    )
      throw new ChangedOnDisk(absolute, 'appeared on disk during the run');
    await fs.rename(temp, absolute);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Gives the temporary file the original's owner and group; a Hold when this process may not (not root, not a member). */
async function keepOwner(fs: WriterFs, temp: string, original: FileFacts): Promise<Hold | undefined> {
  const made = await fs.lstat(temp);
  if (made.uid === original.uid && made.gid === original.gid) return undefined;
  try {
    await fs.chown(temp, original.uid, original.gid);
    return undefined;
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'EPERM' && code !== 'EINVAL') throw error;
    return { reason: 'owner-not-kept', detail: `owned by uid ${original.uid}, gid ${original.gid}` };
  }
}
