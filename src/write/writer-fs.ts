import * as nodeFs from 'node:fs/promises';

/** What the writer needs to know about a path on disk (without following a link). */
export interface FileFacts {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly nlink: number;
  isFile(): boolean;
}

/**
 * The file-system calls the writer makes. The default is Node's `fs/promises`; tests pass one that fails, or that
 * edits another file, on cue.
 */
export interface WriterFs {
  readFile(path: string): Promise<Buffer>;
  writeFile(path: string, data: string, options: { mode: number; flag: 'wx' }): Promise<void>;
  lstat(path: string): Promise<FileFacts>;
  chown(path: string, uid: number, gid: number): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string): Promise<unknown>;
  rmdir(path: string): Promise<void>;
}

/** Node's file system, looked up on each call (so that a preloaded hook that patches `fs.promises` is seen). */
export const nodeWriterFs: WriterFs = {
  readFile: (path) => nodeFs.readFile(path),
  writeFile: (path, data, options) => nodeFs.writeFile(path, data, options),
  lstat: (path) => nodeFs.lstat(path),
  chown: (path, uid, gid) => nodeFs.chown(path, uid, gid),
  chmod: (path, mode) => nodeFs.chmod(path, mode),
  rename: (from, to) => nodeFs.rename(from, to),
  unlink: (path) => nodeFs.unlink(path),
  mkdir: (path) => nodeFs.mkdir(path),
  rmdir: (path) => nodeFs.rmdir(path),
};

/** The error code of a failed file-system call (`ENOENT`, `EPERM`, ...), if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
