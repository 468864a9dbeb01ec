import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever. Windows has no such flag (0).
export const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Opens `absolute` for reading if it is a regular file (after links): returns its descriptor and size, or undefined
 * for a FIFO, socket, device or folder, which is never read. Never blocks. Throws what `open` throws.
 */
export function openRegularSync(absolute: string): { readonly fd: number; readonly size: number } | undefined {
  const fd = openSync(absolute, READ_FLAGS);
  const stats = fstatSync(fd);
  if (stats.isFile()) return { fd, size: stats.size };
  closeSync(fd);
  return undefined;
}

/** The bytes of a regular file, or undefined when there are none to read (see openRegularSync); never throws. */
export function readRegularSync(absolute: string): Buffer | undefined {
  let opened: ReturnType<typeof openRegularSync>;
  try {
    opened = openRegularSync(absolute);
  } catch {
    return undefined;
  }
  if (!opened) return undefined;
  try {
    return readFileSync(opened.fd);
  } catch {
    return undefined;
  } finally {
    closeSync(opened.fd);
  }
}

/** The UTF-8 text of a regular file, or undefined when there is none (missing, a FIFO, a folder, unreadable). */
export async function readRegularText(absolute: string): Promise<string | undefined> {
  const handle = await open(absolute, READ_FLAGS).catch(() => undefined);
  if (!handle) return undefined;
  try {
    return (await handle.stat()).isFile() ? await handle.readFile('utf8') : undefined;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}
