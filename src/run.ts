import { join, relative, sep } from 'node:path';
import { clientModules } from './analyze/client-modules.js';
import { findExistingSingletons } from './analyze/existing-singleton.js';
import { graphRoles, roleOf } from './analyze/roles.js';
import { ProjectError } from './core/errors.js';
import type { RunOptions } from './core/options.js';
import type { RunResult } from './core/result.js';
import type { FileRole, Plan } from './core/types.js';
import { discover, type Discovery } from './discover/discover.js';
import { countImporters } from './discover/importers.js';
import { gatherRoleEvidence } from './discover/import-graph.js';
import { createModuleResolver, type ModuleResolver } from './discover/module-resolver.js';
import { changedSince, stagedFiles } from './git/changes.js';
import { dirtyPaths, findWorkTree } from './git/work-tree.js';
import { buildPlan } from './plan/build-plan.js';
import { narrowPlan } from './plan/narrow-plan.js';
import { chooseReusableSingleton, defaultSingletonPath } from './plan/singleton-choice.js';
import { applyChanges, type WriterFs } from './write/apply-changes.js';

/** Hooks for the edges: progress reporting, and a file system for the writer (tests inject faults there). */
export interface RunHooks {
  readonly onProgress?: (done: number, total: number) => void;
  readonly fs?: WriterFs;
}

/** Discovers, plans and, in apply mode, writes. Never prints and never exits; errors are CodemodErrors. */
export async function run(options: RunOptions, hooks: RunHooks = {}): Promise<RunResult> {
  const discovery = await discover(options.root, options.schema, hooks.onProgress);
  const notes: string[] = [];
  const resolver = createModuleResolver(discovery.project, discovery.sourcePaths);
  const roles = projectRoles(discovery, resolver);
  const reusable = options.singleton === undefined ? findReusableSingleton(discovery, roles, resolver) : undefined;
  if (reusable) notes.push(reusable.note);
  let plan = buildPlan({
    files: discovery.candidates,
    skipped: discovery.skipped,
    project: discovery.project,
    hasSrcDir: discovery.hasSrcDir,
    sourcePaths: discovery.sourcePaths,
    specifiers: discovery.specifiers,
    roles,
    options: {
      singletonPath: options.singleton ?? reusable?.path,
      all: options.all,
      importExtension: options.importExtension,
      findingsOnly: options.mode === 'check',
    },
  });
  if (options.changedSince !== undefined || options.staged) plan = narrowPlan(plan, await changedPaths(options));
  if (plan.singleton?.created && discovery.ignore.isIgnored(plan.singleton.path)) {
    notes.push(`${plan.singleton.path} is ignored by a .gitignore: commit it anyway (git add -f), or every import of it breaks in a fresh clone`);
  }
  let applied = false;
  if (options.mode === 'apply' && plan.changes.length > 0) {
    const workTree = await findWorkTree(options.root);
    if (workTree && !options.force) await refuseDirty(workTree, options.root, plan);
    if (!workTree) notes.push("not a git work tree: there is no undo but this tool's own (it restores every file if a write fails)");
    await applyChanges(options.root, plan.changes, hooks.fs);
    applied = true;
  }
  return { options, plan, scanned: discovery.scanned, applied, notes };
}

/**
 * In a half-migrated project, the module that already exports a shared client (the one most files import) is the
 * singleton; undefined leaves the choice to the planner (the default path, reused if a singleton is there).
 */
function findReusableSingleton(
  discovery: Discovery,
  roles: ReadonlyMap<string, FileRole>,
  resolver: ModuleResolver,
): { path: string; note: string } | undefined {
  const defaultPath = defaultSingletonPath(discovery.sourcePaths, discovery.hasSrcDir);
  if (discovery.sourcePaths.has(defaultPath)) return undefined;
  const modules = clientModules(discovery.project.generatorOutputs);
  const apps = discovery.candidates.filter((file) => roles.get(file.path) === 'app');
  const found = findExistingSingletons(apps, modules);
  if (found.length === 0) return undefined;
  const importers = countImporters(
    discovery.root,
    discovery.sourcePaths,
    found.map((f) => f.path),
    resolver,
  );
  return chooseReusableSingleton(found, importers);
}

/** Each candidate's role: by its path, then by the import graph (a module only seeds import is a seed's). */
function projectRoles(discovery: Discovery, resolver: ModuleResolver): Map<string, FileRole> {
  if (discovery.candidates.length === 0) return new Map();
  const { project } = discovery;
  const pathRole = (path: string): FileRole => roleOf(path, project.seedPaths);
  const evidence = gatherRoleEvidence(
    {
      root: discovery.root,
      sourcePaths: discovery.sourcePaths,
      candidates: discovery.candidates,
      seedPaths: project.seedPaths,
      scriptEntries: project.scriptEntries,
      pathRole,
    },
    resolver,
  );
  return graphRoles(
    discovery.candidates.map((file) => file.path),
    evidence,
  );
}

async function refuseDirty(workTree: string, root: string, plan: Plan): Promise<void> {
  const dirty = await dirtyPaths(
    workTree,
    plan.changes.map((c) => join(root, c.path)),
  );
  if (dirty.length === 0) return;
  const shown = `${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ', ...' : ''}`;
  throw new ProjectError(`${dirty.length} file(s) to rewrite have uncommitted changes (${shown}); commit or stash them, or pass --force`);
}

/** The root-relative paths git says changed since the ref (--changed-since) or are staged (--staged). */
async function changedPaths(options: RunOptions): Promise<Set<string>> {
  const workTree = await findWorkTree(options.root);
  const flag = options.staged ? '--staged' : '--changed-since';
  if (!workTree) throw new ProjectError(`${flag} needs a git work tree, and ${options.root} is not in one`);
  const absolute = options.staged ? await stagedFiles(workTree) : await changedSince(workTree, options.changedSince ?? 'HEAD');
  return new Set(absolute.map((path) => relative(options.root, path).split(sep).join('/')));
}
