import * as fs from 'node:fs/promises';
import type { WriterFs } from '../../src/write/writer-fs.js';

/** One call the writer made: the operation, its first path, and how many calls of that operation came before. */
export interface FsCall {
  readonly op: keyof WriterFs;
  readonly path: string;
  readonly index: number;
}

/**
 * Node's file system for the writer, with `before` run ahead of every call: it may throw (a fault), never resolve
 * (the process stopped there), or touch other files (an editor saving one). `calls` records every call.
 */
export function instrumentedFs(before: (call: FsCall, args: readonly unknown[]) => void | Promise<void> = () => undefined): WriterFs & {
  readonly calls: FsCall[];
} {
  const calls: FsCall[] = [];
  const counts = new Map<string, number>();
  const hook = async (op: keyof WriterFs, path: string, args: readonly unknown[]): Promise<void> => {
    const index = counts.get(op) ?? 0;
    counts.set(op, index + 1);
    const call = { op, path, index };
    calls.push(call);
    await before(call, args);
  };
  const wrap =
    <A extends unknown[], R>(op: keyof WriterFs, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await hook(op, String(op === 'rename' ? args[1] : args[0]), args);
      return call(...args);
    };
  return {
    calls,
    readFile: wrap('readFile', (path: string) => fs.readFile(path)),
    writeFile: wrap('writeFile', (path: string, data: string, options: { mode: number; flag: 'wx' }) => fs.writeFile(path, data, options)),
    lstat: wrap('lstat', (path: string) => fs.lstat(path)),
    chown: wrap('chown', (path: string, uid: number, gid: number) => fs.chown(path, uid, gid)),
    chmod: wrap('chmod', (path: string, mode: number) => fs.chmod(path, mode)),
    rename: wrap('rename', (from: string, to: string) => fs.rename(from, to)),
    unlink: wrap('unlink', (path: string) => fs.unlink(path)),
    mkdir: wrap('mkdir', (path: string) => fs.mkdir(path)),
    rmdir: wrap('rmdir', (path: string) => fs.rmdir(path)),
  };
}

/** The error a full disk gives. */
export function enospc(): Error {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}

/** A promise that never settles: the process "stopped" at this call (a SIGKILL, in-process). */
export function never(): Promise<never> {
  return new Promise(() => undefined);
}
