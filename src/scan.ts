import { closeSync, fstatSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, sep } from 'node:path';
import fg from 'fast-glob';
import { ProjectError } from './errors.js';
import { mayConstructClient } from './prefilter.js';
import { loadIgnoreRules, type IgnoreRules } from './gitignore.js';
import { declaredSchemaPath, readProjectFacts, tsconfigExtends, type ConfigTexts, type ProjectFacts } from './project-config.js';
import type { Skip, SourceText } from './types.js';

/** Folders never scanned: dependencies and build output. */
export const SKIPPED_DIRS = ['node_modules', 'dist', 'build', '.next', 'out', 'coverage', '.git', '.turbo', '.vercel'] as const;

const SOURCE_GLOB = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const GITIGNORE_GLOB = '**/.gitignore';
const MAX_BYTES = 5 * 1024 * 1024;
const NEEDLE = Buffer.from('PrismaClient');
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"\n]+)['"]/g;
/** How many non-candidate files lend their imports to learning the project's habits (extensions, aliases). */
const SPECIFIER_SAMPLE = 400;

/** What discovery found: candidate texts, files passed over, and the project's config texts. Read-only. */
export interface Discovery {
  readonly root: string;
  /** Files that mention PrismaClient, sorted by path. */
  readonly candidates: readonly SourceText[];
  readonly skipped: readonly Skip[];
  /** Every source file discovered (root-relative), candidate or not. */
  readonly sourcePaths: ReadonlySet<string>;
  /** Module specifiers seen in candidates and a sample of other files. */
  readonly specifiers: readonly string[];
  readonly project: ProjectFacts;
  readonly hasSrcDir: boolean;
  readonly ignore: IgnoreRules;
  /** How many source files were read. */
  readonly scanned: number;
}

/** Finds the source files under `root` that mention PrismaClient, honouring .gitignore files with or without git. */
export async function scan(root: string, schemaOption?: string, onProgress?: (done: number, total: number) => void): Promise<Discovery> {
  const rootStat = await stat(root).catch(() => undefined);
  if (!rootStat) throw new ProjectError(`${root} does not exist`);
  if (!rootStat.isDirectory()) throw new ProjectError(`${root} is a file; pass the project folder`);

  const config = await readConfig(root, schemaOption);
  const project = readProjectFacts(config);
  // One walk finds the sources and the .gitignore files that decide which of them count; dot folders are not
  // entered and dotfiles other than .gitignore are not sources.
  const entries = await fg([SOURCE_GLOB, GITIGNORE_GLOB], {
    cwd: root,
    dot: true,
    followSymbolicLinks: false,
    // Links are listed too (they are not files to lstat), so that one leading out of the target can be reported.
    onlyFiles: false,
    objectMode: true,
    suppressErrors: true,
    ignore: [...SKIPPED_DIRS.map((d) => `**/${d}/**`), '**/.*/**', '**/*.d.{ts,mts,cts}', ...project.generatorOutputs.map((g) => `${g}/**`)],
  });
  const gitignores = entries.filter((entry) => entry.name === '.gitignore' && !entry.dirent.isDirectory()).map((entry) => entry.path);
  const ignore = await loadIgnoreRules(root, gitignores);
  const kept = entries
    .filter((entry) => !entry.name.startsWith('.') && !entry.dirent.isDirectory() && !ignore.isIgnored(entry.path))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const paths = kept.map((entry) => entry.path);
  const candidates: SourceText[] = [];
  const skipped: Skip[] = [];
  const specifiers: string[] = [];
  const reader = new FileReader(root);
  let sampled = 0;

  // One file open at a time, read synchronously into one reused buffer: for tens of thousands of small files
  // this is several times faster than promises on the thread pool, and can never exhaust the open-files limit.
  for (const [index, entry] of kept.entries()) {
    const outcome = reader.read(entry.path, entry.dirent.isSymbolicLink());
    onProgress?.(index + 1, kept.length);
    if ('reason' in outcome) {
      skipped.push(outcome);
      continue;
    }
    let text: string;
    if ('text' in outcome) {
      text = outcome.text;
      candidates.push({ path: entry.path, text });
    } else if (sampled < SPECIFIER_SAMPLE && outcome.bytes.length > 0) {
      sampled += 1;
      text = outcome.bytes.toString('utf8');
    } else {
      continue;
    }
    for (const match of text.matchAll(SPECIFIER)) if (match[1]) specifiers.push(match[1]);
  }

  candidates.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    root,
    candidates,
    skipped,
    sourcePaths: new Set(paths),
    specifiers,
    project,
    hasSrcDir: await stat(join(root, 'src')).then((s) => s.isDirectory(), () => false),
    ignore,
    scanned: paths.length,
  };
}

function hasUtf16Bom(bytes: Buffer): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

function decodeUtf16(bytes: Buffer): string {
  return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
}

/** A skip, a candidate's text, or the bytes of a file that does not mention PrismaClient (valid until the next read). */
type ReadOutcome = Skip | { readonly text: string } | { readonly bytes: Buffer };

/** Reads source files one at a time into a reused buffer, deciding on each: candidate, not one, or skipped. */
class FileReader {
  private readonly buffer = Buffer.allocUnsafe(1 << 20);
  private realRoot: string | undefined;

  constructor(private readonly root: string) {}

  read(path: string, isSymbolicLink: boolean): ReadOutcome {
    const absolute = join(this.root, path);
    try {
      if (isSymbolicLink) {
        this.realRoot ??= realpathSync(this.root);
        const target = realpathSync(absolute);
        const rel = relative(this.realRoot, target);
        if (rel.startsWith('..') || isAbsolute(rel)) return statSync(target).isFile() ? { path, reason: 'symlink-outside' } : { bytes: Buffer.alloc(0) };
        // A link inside the root: its target is scanned under its own path, and writes never follow links.
        return { bytes: Buffer.alloc(0) };
      }
      const bytes = this.readBytes(absolute);
      if (typeof bytes === 'number') return { path, reason: 'too-large', detail: `${bytes.toLocaleString('en-US')} bytes` };
      // UTF-16 text hides the name from the byte search: decode it to look, and never pass it over silently.
      if (hasUtf16Bom(bytes)) return decodeUtf16(bytes).includes('PrismaClient') ? { path, reason: 'utf16' } : { bytes };
      if (!bytes.includes(NEEDLE)) return { bytes };
      if (bytes.includes(0)) return { path, reason: 'binary' };
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch {
        return { path, reason: 'invalid-utf8' };
      }
      return mayConstructClient(text, path) ? { text } : { bytes };
    } catch (error) {
      return { path, reason: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /** The file's bytes, or its size when it is over the limit. */
  private readBytes(absolute: string): Buffer | number {
    const fd = openSync(absolute, 'r');
    try {
      const first = readSync(fd, this.buffer, 0, this.buffer.length, 0);
      if (first < this.buffer.length) return this.buffer.subarray(0, first);
      const size = fstatSync(fd).size;
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

async function readText(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}

/** Reads package.json, the tsconfig chain, prisma.config.ts and the schema where Prisma looks for it. */
async function readConfig(root: string, schemaOption: string | undefined): Promise<ConfigTexts> {
  const packageJson = await readText(join(root, 'package.json'));
  const prismaConfig = (await readText(join(root, 'prisma.config.ts'))) ?? (await readText(join(root, 'prisma.config.js')));
  const tsconfigs: Array<{ path: string; text: string }> = [];
  let next: string | undefined = 'tsconfig.json';
  while (next && tsconfigs.length < 8) {
    const text = await readText(join(root, next));
    if (text === undefined) break;
    tsconfigs.push({ path: next, text });
    const [parent] = tsconfigExtends(next, text);
    next = parent ? resolveExtends(next, parent) : undefined;
  }
  const declared = schemaOption ?? declaredSchemaPath(packageJson, prismaConfig);
  let schema: ConfigTexts['schema'];
  for (const candidate of declared ? [declared, `${declared}/schema.prisma`] : ['prisma/schema.prisma', 'schema.prisma', 'prisma/schema/schema.prisma']) {
    const text = await readText(join(root, candidate));
    if (text !== undefined) {
      schema = { path: candidate, text };
      break;
    }
  }
  return {
    tsconfigs,
    ...(packageJson !== undefined ? { packageJson } : {}),
    ...(prismaConfig !== undefined ? { prismaConfig } : {}),
    ...(schema ? { schema } : {}),
  };
}

function resolveExtends(from: string, target: string): string {
  const withJson = target.endsWith('.json') ? target : `${target}.json`;
  if (target.startsWith('.')) return relative('.', join(from, '..', withJson)).split(sep).join('/');
  return `node_modules/${withJson}`;
}

const ANY_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"\n]+)['"]/gm;
const SCRIPT_SUFFIX = /(?:\/index)?\.[cm]?[jt]sx?$/;

/**
 * How many source files import each of `targets` (root-relative module paths) by a relative specifier. Reads each
 * file's bytes once more, one file at a time; only files that mention a target's base name are decoded and
 * searched for specifiers.
 */
export function countImporters(root: string, sourcePaths: Iterable<string>, targets: readonly string[]): Map<string, number> {
  const counts = new Map(targets.map((target) => [target, 0]));
  const keys = new Map(targets.map((target) => [target.replace(SCRIPT_SUFFIX, ''), target]));
  const needles = [...new Set(targets.map((target) => Buffer.from(posixBase(target))))];
  for (const path of sourcePaths) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(root, path));
    } catch {
      continue;
    }
    if (!needles.some((needle) => bytes.includes(needle))) continue;
    const seen = new Set<string>();
    for (const match of bytes.toString('utf8').matchAll(ANY_SPECIFIER)) {
      const specifier = match[1];
      if (!specifier?.startsWith('.')) continue;
      const target = keys.get(posixJoin(path, specifier).replace(SCRIPT_SUFFIX, ''));
      if (target && target !== path && !seen.has(target)) {
        seen.add(target);
        counts.set(target, (counts.get(target) ?? 0) + 1);
      }
    }
  }
  return counts;
}

function posixBase(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.[cm]?[jt]sx?$/, '');
}

function posixJoin(fromPath: string, specifier: string): string {
  return posix.normalize(posix.join(posix.dirname(fromPath), specifier));
}
