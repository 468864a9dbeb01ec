import { closeSync, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import type { Skip } from '../core/types.js';
import { scriptOf } from './component-scripts.js';
import { mayConstructClient, type Interest } from './prefilter.js';
import { loadsClientWhole } from './whole-loads.js';
import { openRegularSync, READ_FLAGS } from './regular-file.js';
import type { WalkEntry } from './walk.js';

/** Files larger than this are passed over (and named), never parsed. */
export const MAX_BYTES = 5 * 1024 * 1024;
const NEEDLE = Buffer.from('PrismaClient');
/** One decoder for every file: a whole-buffer decode keeps no state between calls, even after one that throws. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** What makes a file worth decoding (any of `needles` in its bytes) and which imports make it a candidate. */
export interface ReadFilter {
  readonly needles: readonly Buffer[];
  /**
   * Text in every specifier of a client module (ClientModules.needles): a file with none of `needles` is still
   * decoded when it holds one of these and loads or re-exports a client module whole (the prefilter decides).
   */
  readonly moduleNeedles?: readonly Buffer[];
  readonly interest: Interest;
  /** `interest` may answer 'project' (modules that export client classes are known). Absent: it may. */
  readonly projectModules?: boolean;
}

/** The filter when nothing more is known: a file is worth decoding when it mentions PrismaClient. */
export const DEFAULT_FILTER: ReadFilter = { needles: [NEEDLE], interest: () => undefined, projectModules: false };

/**
 * A skip, a candidate's text (for a component file, its script blocks at their own offsets), or the bytes of a file
 * that is not a candidate (valid until the next read).
 */
export type ReadOutcome = Skip | { readonly text: string } | { readonly bytes: Buffer };

/**
 * Reads source files one at a time into a reused buffer, deciding on each: candidate, not one, or skipped.
 * One file open at a time, read synchronously: for tens of thousands of small files this is several times faster
 * than promises on the thread pool, and can never exhaust the open-files limit.
 */
export class SourceReader {
  private readonly buffer = Buffer.allocUnsafe(1 << 20);
  private realRoot: string | undefined;
  /** The root and a separator: a walked path is already normal, so joining it is a concatenation (once per file). */
  private readonly prefix: string;

  constructor(
    private readonly root: string,
    private readonly filter: ReadFilter = DEFAULT_FILTER,
  ) {
    this.prefix = root.endsWith(sep) ? root : `${root}${sep}`;
  }

  read(entry: WalkEntry): ReadOutcome {
    const { path } = entry;
    const absolute = `${this.prefix}${path}`;
    try {
      if (entry.isSymbolicLink) return this.readLink(path, absolute);
      const bytes = this.readBytes(absolute, entry.isFile);
      if (bytes === undefined) return { path, reason: 'not-a-file' };
      if (typeof bytes === 'number') return tooLarge(path, bytes);
      return classifyBytes(path, bytes, this.filter);
    } catch (error) {
      return { path, reason: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * A link inside the root: its target is scanned under its own path, and writes never follow links. A link to
   * nothing (missing target, or a loop) holds no code, so it is a note; one that cannot be followed for another
   * reason (permissions) might lead to a client, so it is `unreadable`.
   */
  private readLink(path: string, absolute: string): ReadOutcome {
    this.realRoot ??= realpathSync(this.root);
    let target: string;
    try {
      target = realpathSync(absolute);
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? error.code : undefined;
      if (code === 'ENOENT') return { path, reason: 'broken-link', detail: 'its target does not exist' };
      if (code === 'ELOOP') return { path, reason: 'broken-link', detail: 'it leads back to itself' };
      throw error;
    }
    const rel = relative(this.realRoot, target);
    if (rel.startsWith('..') || isAbsolute(rel)) return statSync(target).isFile() ? { path, reason: 'symlink-outside' } : { bytes: Buffer.alloc(0) };
    return { bytes: Buffer.alloc(0) };
  }

  /**
   * The file's bytes, its size when it is over the limit, or undefined when it is not a regular file. A file the
   * folder listing called regular is read at once, and its size asked only when it fills the buffer: one system call
   * fewer for nearly every file. Anything else is asked first, so that a FIFO or a device is named, never read.
   */
  private readBytes(absolute: string, listedRegular: boolean): Buffer | number | undefined {
    const opened = listedRegular ? { fd: openSync(absolute, READ_FLAGS), size: undefined } : openRegularSync(absolute);
    if (!opened) return undefined;
    const { fd } = opened;
    try {
      const first = readSync(fd, this.buffer, 0, this.buffer.length, 0);
      if (first < this.buffer.length) return this.buffer.subarray(0, first);
      const size = opened.size ?? fstatSync(fd).size;
      if (size > MAX_BYTES) return size;
      const whole = Buffer.allocUnsafe(size);
      let filled = 0;
      while (filled < size) {
        const n = readSync(fd, whole, filled, size - filled, filled);
        if (n === 0) break;
        filled += n;
      }
      return whole.subarray(0, filled);
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * Decides on one file's bytes, wherever they came from (the disk, or the index for --staged): candidate (its text),
 * not one (the bytes), or skipped with the reason.
 */
export function classifyBytes(path: string, bytes: Buffer, filter: ReadFilter = DEFAULT_FILTER): ReadOutcome {
  if (bytes.length > MAX_BYTES) return tooLarge(path, bytes.length);
  // UTF-16 text hides the name from the byte search: decode it to look, and never pass it over silently.
  if (hasUtf16Bom(bytes)) return decodeUtf16(bytes).includes('PrismaClient') ? { path, reason: 'utf16' } : { bytes };
  if (!filter.needles.some((needle) => bytes.includes(needle))) {
    // A file that names no PrismaClient matters only as a barrel: it loads or re-exports a client module whole.
    if (!filter.moduleNeedles?.some((needle) => bytes.includes(needle))) return { bytes };
    if (!loadsClientWhole(bytes.toString('latin1'), path, filter.interest)) return { bytes };
  }
  if (bytes.includes(0)) return { path, reason: 'binary' };
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { path, reason: 'invalid-utf8' };
  }
  const code = scriptOf(path, text);
  return mayConstructClient(code, path, filter.interest, filter.projectModules ?? true) ? { text: code } : { bytes };
}

function tooLarge(path: string, size: number): Skip {
  return { path, reason: 'too-large', detail: `${size.toLocaleString('en-US')} bytes` };
}

function hasUtf16Bom(bytes: Buffer): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

function decodeUtf16(bytes: Buffer): string {
  return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
}
