import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import fg from 'fast-glob';
import { ProjectError } from './errors.js';
import { loadIgnoreRules, type IgnoreRules } from './gitignore.js';
import { declaredSchemaPath, readProjectFacts, tsconfigExtends, type ConfigTexts, type ProjectFacts } from './project-config.js';
import type { Skip, SourceText } from './types.js';

/** Folders never scanned: dependencies and build output. */
export const SKIPPED_DIRS = ['node_modules', 'dist', 'build', '.next', 'out', 'coverage', '.git', '.turbo', '.vercel'] as const;

const SOURCE_GLOB = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const MAX_BYTES = 5 * 1024 * 1024;
/** Files read at once: enough to keep the disk busy, far below any open-files limit. */
const READ_CONCURRENCY = 32;
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

  const ignore = await loadIgnoreRules(root, SKIPPED_DIRS);
  const config = await readConfig(root, schemaOption);
  const project = readProjectFacts(config);
  const entries = await fg(SOURCE_GLOB, {
    cwd: root,
    dot: false,
    followSymbolicLinks: false,
    onlyFiles: true,
    suppressErrors: true,
    ignore: [...SKIPPED_DIRS.map((d) => `**/${d}/**`), '**/*.d.{ts,mts,cts}', ...project.generatorOutputs.map((g) => `${g}/**`)],
  });
  const paths = entries.filter((path) => !ignore.isIgnored(path)).sort();
  const candidates: SourceText[] = [];
  const skipped: Skip[] = [];
  const specifiers: string[] = [];
  let sampled = 0;
  let done = 0;

  const visit = async (path: string): Promise<void> => {
    const outcome = await readCandidate(root, path);
    done += 1;
    onProgress?.(done, paths.length);
    if ('reason' in outcome) {
      skipped.push(outcome);
      return;
    }
    let text: string;
    if ('text' in outcome) {
      text = outcome.text;
      candidates.push({ path, text });
    } else if (sampled < SPECIFIER_SAMPLE) {
      sampled += 1;
      text = outcome.bytes.toString('utf8');
    } else {
      return;
    }
    for (const match of text.matchAll(SPECIFIER)) if (match[1]) specifiers.push(match[1]);
  };
  await forEachLimited(paths, READ_CONCURRENCY, visit);

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

/** A skip, a candidate's text, or the bytes of a file that does not mention PrismaClient. */
type ReadOutcome = Skip | { readonly text: string } | { readonly bytes: Buffer };

async function readCandidate(root: string, path: string): Promise<ReadOutcome> {
  const absolute = join(root, path);
  try {
    const info = await lstat(absolute);
    if (info.isSymbolicLink()) {
      const target = await realpath(absolute);
      const rel = relative(await realpath(root), target);
      if (rel.startsWith('..') || rel.startsWith(sep)) return { path, reason: 'symlink-outside' };
      // A link to a file inside the root: that file is scanned under its own path, and writes never follow links.
      return { bytes: Buffer.alloc(0) };
    }
    if (info.size > MAX_BYTES) return { path, reason: 'too-large', detail: `${(info.size / 1024 / 1024).toFixed(1)} MB` };
    const bytes = await readFile(absolute);
    if (!bytes.includes(NEEDLE)) return { bytes };
    if (bytes.includes(0)) return { path, reason: 'binary' };
    try {
      return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
    } catch {
      return { path, reason: 'invalid-utf8' };
    }
  } catch (error) {
    return { path, reason: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
  }
}

async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
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
 * file's bytes once more, with the same bound on open files; only files that mention a target's base name are
 * decoded and parsed for specifiers.
 */
export async function countImporters(root: string, sourcePaths: Iterable<string>, targets: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map(targets.map((target) => [target, 0]));
  const keys = new Map(targets.map((target) => [target.replace(SCRIPT_SUFFIX, ''), target]));
  const needles = [...new Set(targets.map((target) => Buffer.from(posixBase(target))))];
  await forEachLimited([...sourcePaths], READ_CONCURRENCY, async (path) => {
    const bytes = await readFile(join(root, path)).catch(() => undefined);
    if (!bytes || !needles.some((needle) => bytes.includes(needle))) return;
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
  });
  return counts;
}

function posixBase(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.[cm]?[jt]sx?$/, '');
}

function posixJoin(fromPath: string, specifier: string): string {
  return posix.normalize(posix.join(posix.dirname(fromPath), specifier));
}
