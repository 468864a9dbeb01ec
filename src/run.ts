import { join, relative, sep } from 'node:path';
import { applyChanges, type WriterFs } from './apply.js';
import { ProjectError } from './errors.js';
import { changedSince, dirtyPaths, findWorkTree, stagedFiles } from './git.js';
import { PROBLEM_SKIPS } from './messages.js';
import type { Options } from './options.js';
import { clientModules } from './client-module.js';
import { buildPlan, defaultSingletonPath } from './plan.js';
import { roleOf } from './roles.js';
import { countImporters, scan, type Discovery } from './scan.js';
import { findExistingSingletons } from './singleton-module.js';
import type { Plan } from './types.js';

/** What a run did or would do; the CLI turns it into output and an exit code. */
export interface RunResult {
  readonly options: Options;
  readonly plan: Plan;
  /** Source files discovered under the root. */
  readonly scanned: number;
  /** True when apply wrote the plan to disk. */
  readonly applied: boolean;
  /** Things to tell the user about the run as a whole. */
  readonly notes: readonly string[];
}

/** Hooks for the edges: progress reporting, and a file system for the writer (tests inject faults there). */
export interface RunHooks {
  readonly onProgress?: (done: number, total: number) => void;
  readonly fs?: WriterFs;
}

/** Scans, plans and, in apply mode, writes. Never prints and never exits; errors are CodemodErrors. */
export async function run(options: Options, hooks: RunHooks = {}): Promise<RunResult> {
  const discovery = await scan(options.root, options.schema, hooks.onProgress);
  const notes: string[] = [];
  const singletonPath = options.singleton ?? (await findReusableSingleton(discovery, notes));
  let plan = buildPlan({
    files: discovery.candidates,
    skipped: discovery.skipped,
    project: discovery.project,
    hasSrcDir: discovery.hasSrcDir,
    sourcePaths: discovery.sourcePaths,
    specifiers: discovery.specifiers,
    options: { singletonPath, all: options.all, importExtension: options.importExtension, findingsOnly: options.mode === 'check' },
  });
  if (options.changedSince !== undefined || options.staged) plan = await onlyChangedFiles(plan, options);
  if (plan.singleton?.created && discovery.ignore.isIgnored(plan.singleton.path)) {
    notes.push(`${plan.singleton.path} is ignored by a .gitignore: commit it anyway (git add -f), or every import of it breaks in a fresh clone`);
  }
  let applied = false;
  if (options.mode === 'apply' && plan.changes.length > 0) {
    const workTree = await findWorkTree(options.root);
    if (workTree && !options.force) {
      const dirty = await dirtyPaths(workTree, plan.changes.map((c) => join(options.root, c.path)));
      if (dirty.length > 0) {
        throw new ProjectError(`${dirty.length} file(s) to rewrite have uncommitted changes (${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ', ...' : ''}); commit or stash them, or pass --force`);
      }
    }
    if (!workTree) notes.push('not a git work tree: there is no undo but this tool\'s own (it restores every file if a write fails)');
    await applyChanges(options.root, plan.changes, hooks.fs);
    applied = true;
  }
  return { options, plan, scanned: discovery.scanned, applied, notes };
}

/**
 * In a half-migrated project, the module that already exports a shared client (the one most files import) is the
 * singleton; undefined leaves the choice to the planner (the default path, reused if a singleton is there).
 */
async function findReusableSingleton(discovery: Discovery, notes: string[]): Promise<string | undefined> {
  const defaultPath = defaultSingletonPath({ project: discovery.project, files: discovery.candidates, hasSrcDir: discovery.hasSrcDir });
  if (discovery.sourcePaths.has(defaultPath)) return undefined;
  const modules = clientModules(discovery.project.generatorOutputs);
  const apps = discovery.candidates.filter((file) => roleOf(file.path, discovery.project.seedPaths) === 'app');
  const found = findExistingSingletons(apps, modules);
  if (found.length === 0) return undefined;
  const importers = countImporters(discovery.root, discovery.sourcePaths, found.map((f) => f.path));
  const ranked = found
    .map((f) => ({ ...f, importers: importers.get(f.path) ?? 0 }))
    .filter((f) => f.importers > 0)
    .sort((a, b) => b.importers - a.importers || (a.path < b.path ? -1 : 1));
  const [best] = ranked;
  if (!best) return undefined;
  const others = ranked.length > 1 ? `; other candidates: ${ranked.slice(1).map((r) => r.path).join(', ')}` : '';
  notes.push(`reusing ${best.path} as the singleton: it already exports a client, imported by ${best.importers} file(s)${others}; pass --singleton <path> to choose another`);
  return best.path;
}

/** Narrows what --check reports to the files git says changed (--changed-since) or are staged (--staged). */
async function onlyChangedFiles(plan: Plan, options: Options): Promise<Plan> {
  const workTree = await findWorkTree(options.root);
  const flag = options.staged ? '--staged' : '--changed-since';
  if (!workTree) throw new ProjectError(`${flag} needs a git work tree, and ${options.root} is not in one`);
  const absolute = options.staged ? await stagedFiles(workTree) : await changedSince(workTree, options.changedSince ?? 'HEAD');
  const changed = new Set(absolute.map((path) => relative(options.root, path).split(sep).join('/')));
  return {
    ...plan,
    findings: plan.findings.filter((f) => changed.has(f.path)),
    skipped: plan.skipped.filter((s) => changed.has(s.path)),
    warnings: plan.warnings.filter((w) => changed.has(w.path)),
  };
}

/** The documented exit code of a finished run: 1 when sites are left for a person or files were skipped. */
export function exitCodeOf(result: RunResult): 0 | 1 {
  const { plan, options } = result;
  if (plan.skipped.some((skip) => PROBLEM_SKIPS.has(skip.reason))) return 1;
  if (options.mode === 'check') return plan.findings.some((f) => f.action !== 'allowed') ? 1 : 0;
  return plan.findings.some((f) => f.action === 'review') || plan.warnings.some((w) => w.needsPerson) ? 1 : 0;
}
