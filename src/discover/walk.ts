import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { comparePaths, isDeclarationPath } from '../core/paths.js';
import type { SkipRule, Unscanned } from '../core/types.js';
import { TreeIgnoreRules, type IgnoreRules } from './ignore-rules.js';

/** Folders never entered, at any depth: dependencies and git's own data. */
export const NEVER_ENTERED: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** Scripts and the component files whose script blocks are scanned (.vue, .svelte, .astro). */
const SOURCE = /\.(?:[cm]?[jt]sx?|vue|svelte|astro)$/;
const ENTRY = /^(?:index|client|default|edge)\.(?:d\.)?[cm]?[jt]s$/;
const NEEDLE = Buffer.from('PrismaClient');

/** One source file the walk found, root-relative and POSIX. */
export interface WalkEntry {
  readonly path: string;
  readonly isSymbolicLink: boolean;
  /** The folder listing says it is a regular file (the reader then need not ask again before reading). */
  readonly isFile: boolean;
}

/** What the walk found: the sources, the ignore rules, and what the skip rules left out. */
export interface Walk {
  readonly entries: WalkEntry[];
  readonly ignore: IgnoreRules;
  /** Generated-client folders, and ignored files that mention PrismaClient (the summary names them). */
  readonly unscanned: Unscanned[];
  /** Every folder a rule skipped and how many source files the .gitignore rules dropped, to explain an empty scan. */
  readonly skippedFolders: Unscanned[];
  readonly ignoredFiles: number;
}

/** The folders that are not source: build output (root-relative) and generated clients (entered only if they hold none). */
export interface SkipFolders {
  readonly buildOutputs: readonly string[];
  readonly clientOutputs: readonly string[];
}

/** Where the walked folder stands in a workspace: the workspace root above it, and the packages inside it planned apart. */
export interface ProjectUnit {
  /** Absolute; stands in for the git top when there is no git, for the .gitignore files above the root. */
  readonly boundary?: string;
  /** Root-relative folders of other packages, never entered. */
  readonly otherProjects?: readonly string[];
}

/**
 * Walks the tree once, folder by folder, reading each folder's .gitignore before deciding on anything in it: skips
 * node_modules and .git, what the ignore rules say, the build output the project declares, generated-client folders
 * and an editor's local history of old versions, and nothing else (dot folders, `build/`, `out/` of sources are
 * scanned). Declaration files are not
 * sources. Links are listed, never followed. Entries come sorted by path.
 */
export async function walkSources(root: string, skip: SkipFolders, unit: ProjectUnit = {}): Promise<Walk> {
  const ignore = await TreeIgnoreRules.load(root, unit.boundary);
  const others = new Set(unit.otherProjects ?? []);
  const build = new Set(skip.buildOutputs);
  const clients = new Set(skip.clientOutputs);
  const walk = { entries: [] as WalkEntry[], ignore, unscanned: [] as Unscanned[], skippedFolders: [] as Unscanned[], ignoredFiles: 0 };
  const stack: string[] = [''];
  for (let folder = stack.pop(); folder !== undefined; folder = stack.pop()) {
    const dirents = readFolder(join(root, folder));
    const gitignore = dirents.find((d) => d.name === '.gitignore' && !d.isDirectory());
    if (gitignore) ignore.addGitignore(folder, readFileSync(join(root, folder, '.gitignore'), 'utf8'));
    for (const dirent of dirents) {
      const path = folder === '' ? dirent.name : `${folder}/${dirent.name}`;
      if (NEVER_ENTERED.has(dirent.name)) continue;
      if (dirent.isDirectory()) {
        // Another package of the workspace: planned on its own.
        if (others.has(path)) continue;
        const rule = folderRule(root, path, build, clients, ignore);
        if (rule === undefined) stack.push(path);
        else walk.skippedFolders.push({ path, rule, folder: true });
        if (rule === 'generated-client' || (rule === 'editor-history' && holdsFileNaming(join(root, path)))) walk.unscanned.push({ path, rule, folder: true });
      } else if (SOURCE.test(dirent.name) && !isDeclarationPath(dirent.name)) {
        // Not only regular files: a FIFO or socket named like a source is listed too, so that the reader names it
        // (it opens regular files only) instead of passing over it without a word.
        if (!ignore.isIgnored(path)) walk.entries.push({ path, isSymbolicLink: dirent.isSymbolicLink(), isFile: dirent.isFile() });
        else {
          walk.ignoredFiles += 1;
          if (dirent.isFile() && mentionsClient(join(root, path))) walk.unscanned.push({ path, rule: 'gitignore', folder: false });
        }
      }
    }
  }
  walk.entries.sort((a, b) => comparePaths(a.path, b.path));
  walk.unscanned.sort((a, b) => comparePaths(a.path, b.path));
  walk.skippedFolders.sort((a, b) => comparePaths(a.path, b.path));
  return walk;
}

function folderRule(root: string, path: string, build: ReadonlySet<string>, clients: ReadonlySet<string>, ignore: TreeIgnoreRules): SkipRule | undefined {
  if (ignore.folderIgnored(path)) return 'gitignore';
  if (build.has(path)) return 'build-output';
  if (clients.has(path) && holdsGeneratedClient(join(root, path))) return 'generated-client';
  if (posix.basename(path) === HISTORY && isEditorHistory(join(root, path))) return 'editor-history';
  return undefined;
}

/** The folder an editor's local history keeps old versions in (VS Code's Local History extension): `.history`. */
const HISTORY = '.history';
/** A saved version: the file's name, `_`, the time it was saved (`YYYYMMDDhhmmss`), its extension: `app_20230127150023.ts`. */
const SAVED_VERSION = /_\d{14}\.[^./]+$/;

/**
 * Whether a `.history` folder is an editor's local history: every source file in it, at any depth, is named as a
 * saved version, and one is at least. Copies of old versions are not source (and many no longer parse); a folder
 * with any other source file in it is scanned.
 */
function isEditorHistory(folder: string): boolean {
  let saved = 0;
  for (const path of filesUnder(folder)) {
    if (!SOURCE.test(path)) continue;
    if (!SAVED_VERSION.test(path)) return false;
    saved += 1;
  }
  return saved > 0;
}

/** Whether any file under `folder` names PrismaClient (the summary then names the folder). */
function holdsFileNaming(folder: string): boolean {
  return filesUnder(folder).some((path) => SOURCE.test(path) && mentionsClient(path));
}

/** Every regular file under `folder`, absolute; links are not followed. */
function filesUnder(folder: string): string[] {
  const out: string[] = [];
  for (const dirent of readFolder(folder)) {
    const path = join(folder, dirent.name);
    if (dirent.isDirectory()) out.push(...filesUnder(path));
    else if (dirent.isFile()) out.push(path);
  }
  return out;
}

function readFolder(absolute: string): Dirent[] {
  try {
    return readdirSync(absolute, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** A generator's output folder holds a client when one of its entry files (index, client, default, edge) names PrismaClient. */
function holdsGeneratedClient(folder: string): boolean {
  return readFolder(folder).some((d) => d.isFile() && ENTRY.test(d.name) && mentionsClient(join(folder, d.name)));
}

function mentionsClient(absolute: string): boolean {
  try {
    return readFileSync(absolute).includes(NEEDLE);
  } catch {
    return false;
  }
}
