import { join } from 'node:path';
import { baseNameOf, inSchemaFolder, isTestRunnerFile, isTypeScriptSource, moduleKeyOf, runsAsJavaScriptScript } from '../core/paths.js';
import type { ModuleResolver } from './module-resolver.js';
import { readRegularSync } from './regular-file.js';
import { moduleSpecifiersIn } from './specifiers.js';

/** How many files a forward walk from the seeds and scripts may visit: their own small graphs, not the app's. */
const MAX_REACHABLE = 5_000;

/** A source file's text, regular files only (a FIFO named like a source would block a read forever). */
function readText(root: string, path: string): string | undefined {
  return readRegularSync(join(root, path))?.toString('utf8');
}

/**
 * The project files reachable by imports from `roots` (the roots included), read from disk one at a time and
 * resolved with the project's aliases. Stops at MAX_REACHABLE files.
 */
export function reachableFrom(root: string, roots: Iterable<string>, sourcePaths: ReadonlySet<string>, resolver: ModuleResolver): Set<string> {
  const byModule = new Map<string, string>();
  for (const path of sourcePaths) if (!byModule.has(moduleKeyOf(path))) byModule.set(moduleKeyOf(path), path);
  const seen = new Set<string>();
  const queue = [...roots].filter((path) => sourcePaths.has(path));
  for (let path = queue.shift(); path !== undefined && seen.size < MAX_REACHABLE; path = queue.shift()) {
    if (seen.has(path)) continue;
    seen.add(path);
    for (const specifier of moduleSpecifiersIn(readText(root, path) ?? '')) {
      const key = resolver.resolve(specifier, path);
      const target = key === undefined ? undefined : byModule.get(key);
      if (target && !seen.has(target)) queue.push(target);
    }
  }
  return seen;
}

/**
 * The files that import each of `targets`, in any form the resolver knows. One pass over the sources: a file is
 * decoded and searched for specifiers only when its bytes mention a target's base name.
 */
/**
 * Text one of whose pieces any import of `target` contains: its file name, and for a folder's index module the
 * folder's name and the specifiers that name a folder without it (`./db`, `@/db`, `'.'`, `'..'`, `'../'`).
 */
function needlesFor(target: string): string[] {
  const base = baseNameOf(target);
  if (base !== 'index') return [base];
  return [base, baseNameOf(moduleKeyOf(target)), "'.'", '"."', "'..'", '".."', '`.`', '`..`', "./'", './"', "../'", '../"', './`', '../`'];
}

export function importersOf(root: string, sourcePaths: Iterable<string>, targets: readonly string[], resolver: ModuleResolver): Map<string, string[]> {
  const importers = new Map(targets.map((target): [string, string[]] => [target, []]));
  if (targets.length === 0) return importers;
  const keys = new Map(targets.map((target) => [moduleKeyOf(target), target]));
  const needles = [...new Set(targets.flatMap(needlesFor))].map((needle) => Buffer.from(needle));
  for (const path of sourcePaths) {
    const bytes = readRegularSync(join(root, path));
    if (!bytes) continue;
    if (!needles.some((needle) => bytes.includes(needle))) continue;
    const found = new Set<string>();
    for (const specifier of moduleSpecifiersIn(bytes.toString('utf8'))) {
      const key = resolver.resolve(specifier, path);
      const target = key === undefined ? undefined : keys.get(key);
      if (target && target !== path) found.add(target);
    }
    for (const target of found) importers.get(target)?.push(path);
  }
  return importers;
}

/** What the import graph and the project say about roles, for analyze/roles.ts to decide from. */
export interface RoleEvidence {
  readonly seedPaths: readonly string[];
  /** Files package.json scripts run by path. */
  readonly scriptEntries: ReadonlySet<string>;
  /** Module keys of the application's own entries: never scripts. */
  readonly appEntries: ReadonlySet<string>;
  /** Root-relative folders of the schema files (`prisma`): a file there that nothing imports is run by hand. */
  readonly schemaFolders: readonly string[];
  /** Candidate files that start with a shebang (`#!/usr/bin/env node`). */
  readonly shebangs: ReadonlySet<string>;
  /** Candidate files that disconnect their client once a top-level `main()` settles: a process that runs once. */
  readonly oneShots: ReadonlySet<string>;
  /** The project has TypeScript sources, so a JavaScript file that nothing imports is run by Node on its own. */
  readonly typescriptProject: boolean;
  /** Files reachable by imports from a seed or a script. */
  readonly reachable: ReadonlySet<string>;
  /** The files that import each file the graph asked about. */
  readonly importers: ReadonlyMap<string, readonly string[]>;
}

/** What the role evidence is gathered from. */
export interface RoleGraphInput {
  readonly root: string;
  readonly sourcePaths: ReadonlySet<string>;
  readonly candidates: readonly { readonly path: string; readonly text: string }[];
  readonly seedPaths: readonly string[];
  readonly scriptEntries: readonly string[];
  readonly appEntries: readonly string[];
  readonly schemaFolders: readonly string[];
  /** The role each file has by its path. */
  readonly pathRole: (path: string) => 'app' | 'test' | 'seed' | 'script';
}

/**
 * A file that runs once and ends, disconnecting when its work is done (a server never disconnects after its main).
 * Text-level, two shapes: Prisma's quickstart, `main().then(...).catch(...)` at the top level with `$disconnect()` in
 * the chain (a line that starts with a call followed by `.then(`, `.catch(` or `.finally(`, in a file that calls
 * `$disconnect()`); and top-level await, `await main()` then `await prisma.$disconnect()` starting a line of its own.
 */
function isOneShot(text: string): boolean {
  if (!/\.\$disconnect\(/.test(text)) return false;
  return /^(?:void\s+|await\s+)?[\w$.]+\([^()]*\)\s*\.(?:then|catch|finally)\(/m.test(text) || /^await\s+[\w$.]+\.\$disconnect\(/m.test(text);
}

/**
 * Gathers the role evidence with as little reading as it can: a forward walk from the seeds and scripts (their
 * graphs are small), then one pass for the importers of the application files that walk reached and of the
 * JavaScript candidates of a TypeScript project. A project without seeds, scripts or such files reads nothing more.
 */
export function gatherRoleEvidence(input: RoleGraphInput, resolver: ModuleResolver): RoleEvidence {
  const { root, sourcePaths, pathRole } = input;
  const typescriptProject = [...sourcePaths].some(isTypeScriptSource);
  const roots = [...sourcePaths].filter((path) => {
    const role = pathRole(path);
    return role === 'seed' || role === 'script';
  });
  const reachable = reachableFrom(root, [...roots, ...input.seedPaths, ...input.scriptEntries], sourcePaths, resolver);
  const asked = new Set([...reachable, ...input.scriptEntries].filter((path) => sourcePaths.has(path) && pathRole(path) === 'app'));
  for (const file of input.candidates) {
    const runsAlone =
      (typescriptProject && runsAsJavaScriptScript(file.path)) ||
      inSchemaFolder(file.path, input.schemaFolders) ||
      isOneShot(file.text) ||
      isTestRunnerFile(file.path);
    if (runsAlone && pathRole(file.path) === 'app') asked.add(file.path);
  }
  return {
    seedPaths: input.seedPaths,
    scriptEntries: new Set(input.scriptEntries),
    appEntries: new Set(input.appEntries),
    schemaFolders: input.schemaFolders,
    shebangs: new Set(input.candidates.filter((file) => file.text.startsWith('#!')).map((file) => file.path)),
    oneShots: new Set(input.candidates.filter((file) => isOneShot(file.text)).map((file) => file.path)),
    typescriptProject,
    reachable,
    importers: importersOf(root, sourcePaths, [...asked].sort(), resolver),
  };
}
