import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compileFunction } from 'node:vm';
import { TYPESCRIPT_PATH } from '../core/typescript-path.js';

/**
 * What the code cache did: `node` (Node's own compile cache, Node 22.1 and later), `hit` (V8 took the saved code),
 * `miss` (none saved yet), `rejected` (V8 refused the saved code: another Node or other flags), `off` (disabled, or
 * no safe folder; TypeScript then loads the ordinary way).
 */
export type CodeCacheStatus = 'node' | 'hit' | 'miss' | 'rejected' | 'off';

export interface CodeCache {
  readonly status: CodeCacheStatus;
  /** Why the cache is off, when it is. */
  readonly reason?: string;
  /** The cache file this run read or will write (not for `node` or `off`). */
  readonly file?: string;
  /** Writes the compiled code after a `miss` or `rejected` run (atomically; a failure only costs the next run's speed). */
  save(): void;
}

const PREFIX = 'typescript-';
const BEYOND_ASCII = /[^\x00-\x7f]/;

/** Node's own compile cache (`module.enableCompileCache`, Node 22.1 and later), when this Node has it. */
interface NodeCompileCache {
  readonly enable: () => unknown;
  readonly flush?: (() => void) | undefined;
}

const NODE_CACHE: NodeCompileCache | null = (() => {
  const { enableCompileCache, flushCompileCache } = nodeModule as { enableCompileCache?: () => unknown; flushCompileCache?: () => void };
  return typeof enableCompileCache === 'function' ? { enable: enableCompileCache, flush: flushCompileCache } : null;
})();

export interface CodeCacheOptions {
  /** The CommonJS file to load (TypeScript's bundle). */
  readonly file?: string;
  /** Node's own cache, or null to use this module's on any Node (tests). */
  readonly nodeCache?: NodeCompileCache | null;
}

/**
 * Loads the TypeScript compiler (a 9 MB script, about half a second of every run's start, most of it compiling)
 * from V8 code saved by an earlier run, and puts it in the CommonJS module cache under the path `core/typescript.ts`
 * requires, so that the CLI then finds it loaded. The first run saves the code V8 compiled (saving it after the run
 * instead, with the parser's functions in it too, measured no faster), in a folder of the user's own: `$NODE_COMPILE_CACHE/prisma-singleton-codemod`
 * or `<temp>/prisma-singleton-codemod-cache-<uid>`, used only when it is a real folder owned by the user and
 * writable by no one else (compiled code from a folder others can write would run as ours). On Node 22.1 and later
 * this is Node's own `module.enableCompileCache()`. `NODE_DISABLE_COMPILE_CACHE` turns either off. Never throws:
 * anything unexpected leaves TypeScript to load the ordinary way.
 */
export function startCodeCache(env: Readonly<Record<string, string | undefined>>, options: CodeCacheOptions = {}): CodeCache {
  const { file = TYPESCRIPT_PATH, nodeCache = NODE_CACHE } = options;
  const off = (reason: string): CodeCache => ({ status: 'off', reason, save: () => undefined });
  if (env['NODE_DISABLE_COMPILE_CACHE']) return off('NODE_DISABLE_COMPILE_CACHE is set');
  if (nodeCache) {
    nodeCache.enable();
    return { status: 'node', save: () => nodeCache.flush?.() };
  }
  const dir = env['NODE_COMPILE_CACHE']
    ? join(env['NODE_COMPILE_CACHE'], 'prisma-singleton-codemod')
    : join(tmpdir(), `prisma-singleton-codemod-cache-${process.getuid?.() ?? 'user'}`);
  try {
    const unsafe = unsafeFolder(dir);
    if (unsafe) return off(unsafe);
    return loadThroughCache(file, dir);
  } catch (error) {
    delete nodeModule.createRequire(file).cache[file];
    return off(error instanceof Error ? error.message : String(error));
  }
}

/** Why `dir` may not hold compiled code (after creating it, private, when missing), or undefined when it may. */
function unsafeFolder(dir: string): string | undefined {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stats = lstatSync(dir);
  if (!stats.isDirectory()) return `${dir} is not a folder`;
  const uid = process.getuid?.();
  if (uid !== undefined && stats.uid !== uid) return `${dir} belongs to another user`;
  if (process.platform !== 'win32' && (stats.mode & 0o022) !== 0) return `others can write to ${dir}`;
  return undefined;
}

function loadThroughCache(file: string, dir: string): CodeCache {
  const bytes = readFileSync(file);
  const { mtimeMs } = statSync(file);
  const key = createHash('sha256')
    .update([file, bytes.length, mtimeMs, process.version, process.arch, process.execArgv.join(' ')].join('\0'))
    .digest('hex');
  // ASCII read as Latin-1 is the same text, decoded without UTF-8's checks (TypeScript's bundle is ASCII). Whether the
  // file is ASCII is part of the cache file's name, so a run that finds its code need not look at 9 MB to know.
  const base = join(dir, `${PREFIX}${key.slice(0, 24)}`);
  const asciiCache = readCache(`${base}.ascii.bin`);
  const otherCache = asciiCache ? undefined : readCache(`${base}.bin`);
  const cached = asciiCache ?? otherCache;
  // A first run decodes as Latin-1 and looks for a byte past ASCII in that text: a few ms on 9 MB, where Node 20's
  // `isAscii` on the bytes took 12.
  const latin1 = otherCache === undefined ? bytes.toString('latin1') : undefined;
  const ascii = asciiCache !== undefined || (latin1 !== undefined && !BEYOND_ASCII.test(latin1));
  const cacheFile = ascii ? `${base}.ascii.bin` : `${base}.bin`;
  const source = ascii && latin1 !== undefined ? latin1 : bytes.toString('utf8');
  // Compiled as the body of the CommonJS wrapper's function, without building a second 9 MB string for the wrapper.
  const compile = (cachedData: Buffer | undefined): CompiledModule =>
    compileFunction(source, WRAPPER_PARAMETERS, { filename: file, ...(cachedData ? { cachedData } : { produceCachedData: true }) });
  let compiled = compile(cached);
  // Code V8 refuses (another Node, other flags) is compiled again, this time to save code this Node takes.
  const status: CodeCacheStatus = cached === undefined ? 'miss' : compiled.cachedDataRejected ? 'rejected' : 'hit';
  if (status === 'rejected') compiled = compile(undefined);
  runAsModule(compiled, file);
  return {
    status,
    file: cacheFile,
    save: () => {
      if (status === 'hit' || !compiled.cachedData) return;
      try {
        writeAtomically(cacheFile, compiled.cachedData);
        prune(dir, cacheFile);
      } catch {
        // A cache that cannot be written only costs the next run its speed.
      }
    },
  };
}

function readCache(cacheFile: string): Buffer | undefined {
  try {
    return lstatSync(cacheFile).isFile() ? readFileSync(cacheFile) : undefined;
  } catch {
    return undefined;
  }
}

/** The parameters Node's CommonJS wrapper gives a module. */
const WRAPPER_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname'];

/** What `compileFunction` returns: the module function, with what happened to the cached data. */
type CompiledModule = ReturnType<typeof compileFunction>;

/** Runs the compiled CommonJS module function as `require(file)` would, and leaves the module in the require cache. */
function runAsModule(compiled: CompiledModule, file: string): void {
  const require = nodeModule.createRequire(file);
  const module = new nodeModule.Module(file);
  module.filename = file;
  require.cache[file] = module;
  compiled.call(module.exports, module.exports, require, module, file, dirname(file));
  module.loaded = true;
}

function writeAtomically(path: string, data: Buffer): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Removes the code of other TypeScript copies or Node versions, so the folder holds one file per kind of run. */
function prune(dir: string, keep: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name.startsWith(PREFIX) && path !== keep) rmSync(path, { force: true });
  }
}
