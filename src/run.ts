import { join } from 'node:path';
import { findExistingSingletons } from './analyze/existing-singleton.js';
import { roleOf } from './analyze/roles.js';
import { ProjectError } from './core/errors.js';
import type { RunOptions } from './core/options.js';
import type { BaselineOutcome, RunResult } from './core/result.js';
import { isComponentPath } from './core/paths.js';
import type { Plan } from './core/types.js';
import { readBaselineFile } from './discover/baseline-file.js';
import { discover, findImporters, type Discovery } from './discover/discover.js';
import { countImporters } from './discover/importers.js';
import { overlayTexts } from './discover/text-overlay.js';
import { changeScope } from './git/change-scope.js';
import { dirtyPaths, findWorkTree } from './git/work-tree.js';
import { baselineOf, baselineSize, matchBaseline, parseBaseline, renderBaseline } from './plan/baseline.js';
import type { PlanOptions } from './plan/build-plan.js';
import { planProject } from './plan/plan-project.js';
import { narrowPlan } from './plan/narrow-plan.js';
import { chooseReusableSingleton, defaultSingletonPath } from './plan/singleton-choice.js';
import { applyChanges, type WriterFs } from './write/apply-changes.js';
import { writeBaselineFile } from './write/baseline-file.js';

/** Hooks for the edges: progress reporting, and a file system for the writer (tests inject faults there). */
export interface RunHooks {
  readonly onProgress?: (done: number, total: number) => void;
  readonly fs?: WriterFs;
}

/** Discovers, plans and, in apply mode, writes. Never prints and never exits; errors are CodemodErrors. */
export async function run(options: RunOptions, hooks: RunHooks = {}): Promise<RunResult> {
  const limited = options.changedSince !== undefined || options.staged;
  // The git questions come first: a missing ref or merge base should fail before a long scan.
  const scope = limited ? await changeScope(options.root, options.changedSince, options.staged) : undefined;
  const found = await discover(options.root, options.schema, hooks.onProgress);
  const discovery = scope ? overlayTexts(found, scope.texts) : found;
  if (options.mode === 'check' && discovery.scanned === 0) throw new ProjectError(emptyScan(discovery));
  const notes: string[] = [];
  const reusable = options.singleton === undefined ? findReusableSingleton(discovery) : undefined;
  if (reusable) notes.push(reusable.note);
  let plan = planWithClientClasses(discovery, {
    singletonPath: options.singleton ?? reusable?.path,
    all: options.all,
    importExtension: options.importExtension,
    findingsOnly: options.mode === 'check',
  });
  // The baseline meets every site before the change narrows them: a site outside the change is not stale.
  const settled = options.baseline === undefined ? undefined : await settleBaseline(plan, options.baseline, options.updateBaseline ?? false);
  if (settled) plan = settled.plan;
  if (scope) plan = narrowPlan(plan, scope.lines);
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
  return {
    options,
    plan,
    scanned: discovery.scanned,
    applied,
    notes,
    unscanned: discovery.unscanned,
    ...(settled ? { baseline: settled.outcome } : {}),
  };
}

/** The plan, with the files that import the project's client classes found by reading the tree again. */
function planWithClientClasses(discovery: Discovery, options: PlanOptions): Plan {
  const input = {
    files: discovery.candidates,
    skipped: discovery.skipped,
    project: discovery.project,
    hasSrcDir: discovery.hasSrcDir,
    sourcePaths: discovery.sourcePaths,
    specifiers: discovery.specifiers,
    options,
  };
  return planProject(input, (modules, files) => findImporters({ ...discovery, candidates: files }, modules));
}

/** Why a check that scanned no source file cannot say the project is clean. */
function emptyScan(discovery: Discovery): string {
  const head = `no source file to check under ${discovery.root}`;
  const folders = discovery.skippedFolders.map(
    (f) => `${f.path}/ (${f.rule === 'gitignore' ? '.gitignore' : f.rule === 'build-output' ? 'build output' : 'generated client'})`,
  );
  const files = discovery.ignoredFiles > 0 ? [`${discovery.ignoredFiles} file(s) ignored by .gitignore`] : [];
  const skipped = [...folders.slice(0, 5), ...(folders.length > 5 ? [`${folders.length - 5} more folder(s)`] : []), ...files];
  if (skipped.length === 0) return `${head}: it has no .ts, .js, .vue, .svelte or .astro file; is this the project folder?`;
  return `${head}: everything is skipped (${skipped.join(', ')}); pass the folder that holds the sources`;
}

/**
 * In a half-migrated project, the module that already exports a shared client (the one most files import) is the
 * singleton; undefined leaves the choice to the planner (the default path, reused if a singleton is there).
 */
function findReusableSingleton(discovery: Discovery): { path: string; note: string } | undefined {
  const defaultPath = defaultSingletonPath(discovery.project, discovery.candidates, discovery.hasSrcDir);
  if (discovery.sourcePaths.has(defaultPath)) return undefined;
  const apps = discovery.candidates.filter((file) => roleOf(file.path, discovery.project.seedPaths) === 'app' && !isComponentPath(file.path));
  const found = findExistingSingletons(apps, discovery.modules);
  if (found.length === 0) return undefined;
  return chooseReusableSingleton(
    found,
    countImporters(
      discovery.root,
      discovery.sourcePaths,
      found.map((f) => f.path),
    ),
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

/**
 * --baseline: the plan without the findings the baseline accepts, and what it accepted. With --update-baseline the
 * file is rewritten to accept every current site (stale entries dropped, reported) and no finding fails.
 */
async function settleBaseline(plan: Plan, path: string, update: boolean): Promise<{ plan: Plan; outcome: BaselineOutcome }> {
  const text = await readBaselineFile(path);
  if (text === undefined && !update) throw new ProjectError(`--baseline ${path} does not exist; write it with --check --baseline <file> --update-baseline`);
  const match = matchBaseline(plan.findings, text === undefined ? new Map() : parseBaseline(text, path));
  const outcome = { path, stale: match.stale, updated: update };
  if (!update) {
    const acceptedFiles = new Set(match.accepted.map((f) => f.path)).size;
    return { plan: { ...plan, findings: match.kept }, outcome: { ...outcome, accepted: match.accepted.length, acceptedFiles, added: 0 } };
  }
  const next = baselineOf(plan.findings);
  const rendered = renderBaseline(next);
  if (rendered !== text) await writeBaselineFile(path, rendered);
  const added = match.kept.filter((f) => f.action !== 'allowed').length;
  return {
    plan: { ...plan, findings: plan.findings.filter((f) => f.action === 'allowed') },
    outcome: { ...outcome, accepted: baselineSize(next), acceptedFiles: next.size, added },
  };
}
