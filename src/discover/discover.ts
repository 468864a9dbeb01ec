import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ProjectError } from '../core/errors.js';
import { comparePaths, moduleKeyOf } from '../core/paths.js';
import type { Skip, SourceText, Unscanned } from '../core/types.js';
import { clientModules, type ClientModules } from './client-modules.js';
import { withCommittedClients } from './committed-clients.js';
import { checkConfig } from './config-check.js';
import { readConfig } from './config-files.js';
import type { IgnoreRules } from './ignore-rules.js';
import { readProjectFacts, type ProjectFacts } from './project-facts.js';
import { type ReadFilter, SourceReader } from './read-sources.js';
import { moduleSpecifiersIn } from './specifiers.js';
import { type ProjectUnit, walkSources, type WalkEntry } from './walk.js';

/** A workspace package's place in its workspace (walk.ts), the root whose schema it may use, and the client packages it sees. */
export interface DiscoveryUnit extends ProjectUnit {
  readonly schemaFallback?: string;
  readonly clientPackages?: readonly string[];
}

/** How many non-candidate files lend their imports to learning the project's habits (extensions, aliases). */
const SPECIFIER_SAMPLE = 400;
/**
 * Files a tool writes into a dot folder (`.react-router/types/`, `.svelte-kit/`, `.astro/`): scanned for clients like
 * any source, but their imports are the generator's habits, not the project's (React Router's generated types import
 * with `.js` where the app writes none), so they lend none to the sample.
 */
const GENERATED_HABITS = /(^|\/)\.[^/]+\//;

/** What discovery found: candidate texts, files passed over, and the project's config texts. Read-only. */
export interface Discovery {
  readonly root: string;
  /** Files that may construct a client (the prefilter said maybe), sorted by path; component files as their scripts. */
  readonly candidates: readonly SourceText[];
  readonly skipped: readonly Skip[];
  /** Every source file discovered (root-relative), candidate or not. */
  readonly sourcePaths: ReadonlySet<string>;
  /** The same files as the walk listed them (links marked), sorted by path. */
  readonly entries: readonly WalkEntry[];
  /** Module specifiers seen in candidates and a sample of other files. */
  readonly specifiers: readonly string[];
  readonly project: ProjectFacts;
  /** Which specifiers name a client module, and where relative and aliased ones point. */
  readonly modules: ClientModules;
  /** How the read decided which files are candidates, so that other bytes of a file (--staged) are decided alike. */
  readonly filter: ReadFilter;
  readonly hasSrcDir: boolean;
  /** Where the project's sources live, root-relative: `src`, the tsconfig's source root, a `Src/`; '' for the root. */
  readonly sourceDir: string;
  readonly ignore: IgnoreRules;
  /** How many source files were read. */
  readonly scanned: number;
  /** Generated-client folders, and ignored files that mention PrismaClient. */
  readonly unscanned: readonly Unscanned[];
  /** Every folder a skip rule left out, and how many source files the ignore rules dropped: what explains an empty scan. */
  readonly skippedFolders: readonly Unscanned[];
  readonly ignoredFiles: number;
  /** Things about the config files to tell the user (the run goes on). */
  readonly notes: readonly string[];
}

/**
 * Finds the source files under `root` that may construct a client, honouring .gitignore files with or without git.
 * `schemaOption` is the `--schema` path, relative to the root (it may climb out of it). In a workspace, `unit` says
 * where the workspace root is (its schema serves a package without one) and which package folders to leave out.
 */
export async function discover(
  root: string,
  schemaOption?: string,
  onProgress?: (done: number, total: number) => void,
  unit: DiscoveryUnit = {},
): Promise<Discovery> {
  const rootStat = await stat(root).catch(() => undefined);
  if (!rootStat) throw new ProjectError(`${root} does not exist`);
  if (!rootStat.isDirectory()) throw new ProjectError(`${root} is a file; pass the project folder`);

  const texts = await readConfig(root, schemaOption, unit.schemaFallback);
  const config = checkConfig(texts, schemaOption);
  if (config.errors[0] !== undefined) throw new ProjectError(config.errors[0]);
  const project = withCommittedClients(root, { ...readProjectFacts(texts), clientPackages: unit.clientPackages ?? [] });
  const modules = clientModules(project);
  const walk = await walkSources(root, project, unit);
  const filter = discoveryFilter(modules);
  const read = readEntries(root, walk.entries, filter, onProgress);
  const { skipped, specifiers } = read;
  const sourcePaths = new Set(walk.entries.map((entry) => entry.path));
  // tsc's output committed beside its sources (no outDir) is the build of a module the tool reads, not code of its own.
  const compiled = read.candidates
    .filter((c) => isCompiledBeside(c, sourcePaths))
    .map((c): Unscanned => ({ path: c.path, rule: 'build-output', folder: false }));
  const candidates = compiled.length === 0 ? read.candidates : read.candidates.filter((c) => !compiled.some((u) => u.path === c.path));
  const hasSrcDir = await stat(join(root, 'src')).then(
    (s) => s.isDirectory(),
    () => false,
  );
  return {
    root,
    candidates,
    skipped,
    sourcePaths,
    entries: walk.entries,
    specifiers,
    project,
    modules,
    filter,
    hasSrcDir,
    sourceDir: hasSrcDir ? 'src' : sourceDirOf(project, walk.entries),
    ignore: walk.ignore,
    scanned: walk.entries.length,
    unscanned: [...walk.unscanned, ...compiled].sort((a, b) => comparePaths(a.path, b.path)),
    skippedFolders: walk.skippedFolders,
    ignoredFiles: walk.ignoredFiles,
    notes: config.notes,
  };
}

/** What a TypeScript compiler writes into CommonJS output (`Object.defineProperty(exports, "__esModule", ...)`), or a source map link. */
const COMPILED = /^Object\.defineProperty\(exports, ["']__esModule["']|^\/\/# sourceMappingURL=/m;
const SIBLINGS: Readonly<Record<string, readonly string[]>> = { '.js': ['.ts', '.tsx'], '.cjs': ['.cts'], '.mjs': ['.mts'], '.jsx': ['.tsx'] };

/** A JavaScript file with compiler marks beside the TypeScript file of the same name: `src/client.js` of `src/client.ts`. */
function isCompiledBeside(file: SourceText, sourcePaths: ReadonlySet<string>): boolean {
  const extension = /\.[cm]?jsx?$/.exec(file.path)?.[0];
  const stem = extension === undefined ? undefined : file.path.slice(0, -extension.length);
  const siblings = extension === undefined ? [] : (SIBLINGS[extension] ?? []);
  return stem !== undefined && siblings.some((ext) => sourcePaths.has(`${stem}${ext}`)) && COMPILED.test(file.text);
}

/**
 * How discovery's read decides on a file: worth decoding when it names PrismaClient, or holds a client module's
 * specifier (a barrel); a candidate when the prefilter says a client module import may construct or pass one on.
 */
export function discoveryFilter(modules: ClientModules): ReadFilter {
  return {
    needles: [Buffer.from('PrismaClient')],
    moduleNeedles: modules.needles.map((needle) => Buffer.from(needle)),
    interest: (s, from) => (modules.classify(s, from) ? 'client' : undefined),
    projectModules: false,
  };
}

/**
 * With no `src/`: the tsconfig's source root when sources are there (`rootDir: "./server"`, `include: ["server/**\/*"]`),
 * else `app` in a Remix or React Router project, else a top folder named `src` in another case (`Src/`); '' for the root. A singleton beside the sources keeps a
 * `rootDir` build compiling and its output where the start script looks.
 */
function sourceDirOf(project: ProjectFacts, entries: readonly WalkEntry[]): string {
  const { sourceRoot } = project;
  if (sourceRoot && entries.some((e) => e.path.startsWith(`${sourceRoot}/`))) return sourceRoot;
  // Remix and React Router keep the application in app/ (`~/*` is `./app/*`): Prisma's guide puts the client in app/lib/.
  if (APP_FRAMEWORKS.some((name) => project.dependencies.has(name)) && entries.some((e) => e.path.startsWith('app/'))) return 'app';
  return entries.map((e) => e.path.split('/')[0] ?? '').find((top) => top.toLowerCase() === 'src' && entries.some((e) => e.path.startsWith(`${top}/`))) ?? '';
}

const APP_FRAMEWORKS = ['@remix-run/dev', '@remix-run/node', '@remix-run/react', '@react-router/dev'];

/** Reads every walked file once: the candidates' texts, the skips, and the specifiers of candidates and a sample of the rest. */
function readEntries(
  root: string,
  entries: readonly WalkEntry[],
  filter: ReadFilter,
  onProgress: ((done: number, total: number) => void) | undefined,
): { candidates: SourceText[]; skipped: Skip[]; specifiers: string[] } {
  const candidates: SourceText[] = [];
  const skipped: Skip[] = [];
  const specifiers: string[] = [];
  const reader = new SourceReader(root, filter);
  let sampled = 0;
  for (const [index, entry] of entries.entries()) {
    const outcome = reader.read(entry);
    onProgress?.(index + 1, entries.length);
    if ('reason' in outcome) {
      skipped.push(outcome);
      continue;
    }
    let text: string;
    if ('text' in outcome) {
      text = outcome.text;
      candidates.push({ path: entry.path, text });
    } else if (sampled < SPECIFIER_SAMPLE && outcome.bytes.length > 0 && !GENERATED_HABITS.test(entry.path)) {
      sampled += 1;
      text = outcome.bytes.toString('utf8');
    } else {
      continue;
    }
    specifiers.push(...moduleSpecifiersIn(text));
  }
  candidates.sort((a, b) => comparePaths(a.path, b.path));
  return { candidates, skipped, specifiers };
}

/**
 * The source files, not yet candidates, that import one of `modules` (root-relative module keys of project files that
 * export a client class) and may construct through it or pass it on: a second read of the tree, which only a
 * project that declares a client subclass or re-exports a client pays for.
 */
export function findImporters(discovery: Discovery, modules: ReadonlySet<string>): SourceText[] {
  const known = new Set(discovery.candidates.map((c) => c.path));
  const reader = new SourceReader(discovery.root, importerFilter(discovery.modules, modules));
  const found: SourceText[] = [];
  for (const entry of discovery.entries) {
    if (known.has(entry.path)) continue;
    const outcome = reader.read(entry);
    // Compiled output beside its TypeScript source is that source's build, which is read in its place.
    if ('text' in outcome && !isCompiledBeside({ path: entry.path, text: outcome.text }, discovery.sourcePaths))
      found.push({ path: entry.path, text: outcome.text });
  }
  return found;
}

/**
 * What makes a file an importer of `modules`: its bytes name one of them (the last segment of its path) and the
 * prefilter finds a value import of it, or of a client module, next to a construction or an export.
 */
export function importerFilter(clients: ClientModules, modules: ReadonlySet<string>): ReadFilter {
  const needles = [...new Set([...modules].map((key) => Buffer.from(key.slice(key.lastIndexOf('/') + 1))))];
  const interest = (specifier: string, from: string): 'client' | 'project' | undefined => {
    if (clients.classify(specifier, from)) return 'client';
    const target = clients.resolve(specifier, from);
    return target !== undefined && modules.has(moduleKeyOf(target)) ? 'project' : undefined;
  };
  return { needles, interest };
}
