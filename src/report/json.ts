import { warningText } from './messages.js';
import type { RunResult } from '../core/result.js';
import type { SingletonInfo } from '../core/types.js';
import { fromBase, repositoryBase } from './path-bases.js';
import type { Report, ReportContext } from './types.js';
import { type Summary, summarize } from './summary.js';

/** Version of the JSON document's shape; bumped on any incompatible change (2: `wouldX` fields outside apply, fingerprints). */
export const JSON_REPORT_VERSION = 2;

/**
 * One JSON document on stdout: `{ version, mode, root, repositoryRoot, singleton, singletons, applied, packages, findings, changes, skipped,
 * warnings, notes, baseline, summary }`, described by `report.schema.json` (shipped in the package). Fields about files
 * and counts say what was done in apply mode (`created`, `replaced`, `filesChanged`, `singletonCreated`) and what
 * would be done in check and dry-run mode (`wouldCreate`, `wouldReplace`, `wouldChangeFiles`, `wouldCreateSingleton`).
 * Every item that names a file carries `path` (from `root`, the project folder) and `repositoryPath` (from
 * `repositoryRoot`: the git top level, else the current directory when it holds the project, else the project folder;
 * the base of the dry-run diff).
 */
export function json(result: RunResult, context: ReportContext): Report {
  const { plan, options } = result;
  const done = options.mode === 'apply';
  const created = done ? 'created' : 'wouldCreate';
  const base = repositoryBase(result, context);
  const at = (path: string): { path: string; repositoryPath: string } => ({ path, repositoryPath: fromBase(base, path) });
  const document = {
    version: JSON_REPORT_VERSION,
    mode: options.mode,
    root: options.root,
    repositoryRoot: base.root,
    singleton: plan.singleton ? { ...at(plan.singleton.path), [created]: plan.singleton.created } : null,
    singletons: plan.singletons.map((s) => singletonEntry(s, created, at)),
    applied: result.applied,
    packages: result.packages
      ? result.packages.map((p) => ({
          dir: p.dir,
          name: p.name ?? null,
          scanned: p.scanned,
          sites: p.sites,
          changed: p.changed,
          singletons: p.singletons.map((s) => singletonEntry(s, created, at)),
        }))
      : null,
    findings: plan.findings.map((f) => ({
      ...at(f.path),
      line: f.line,
      column: f.column,
      kind: f.kind,
      action: f.action,
      reason: f.reason ?? null,
      fingerprint: f.fingerprint,
    })),
    changes: plan.changes.map((c) => ({ ...at(c.path), [created]: c.before === null })),
    skipped: plan.skipped.map((s) => ({ ...at(s.path), reason: s.reason, line: s.line ?? null, column: s.column ?? null, detail: s.detail ?? null })),
    warnings: plan.warnings.map((w) => ({
      ...at(w.path),
      line: w.line,
      column: w.column,
      kind: w.kind,
      message: warningText(w.kind, w.detail),
      needsPerson: w.needsPerson,
    })),
    notes: result.notes,
    baseline: result.baseline ? { ...result.baseline, stale: result.baseline.stale.map((e) => ({ ...at(e.path), fingerprint: e.fingerprint })) } : null,
    summary: summaryFields(summarize(result), done),
  };
  return { stdout: `${JSON.stringify(document, null, 2)}\n`, stderr: '' };
}

function singletonEntry(s: SingletonInfo, created: string, at: (path: string) => object): Record<string, unknown> {
  return { ...at(s.path), [created]: s.created, exportName: s.exportName, ...(s.packageName ? { packageName: s.packageName } : {}) };
}

function summaryFields(summary: Summary, done: boolean): Record<string, unknown> {
  const { filesChanged, replaced, singletonCreated, ...rest } = summary;
  const changed = done ? { filesChanged, replaced } : { wouldChangeFiles: filesChanged, wouldReplace: replaced };
  const tail = done ? { singletonCreated } : { wouldCreateSingleton: singletonCreated };
  return {
    ...changed,
    review: rest.review,
    allowed: rest.allowed,
    outside: rest.outside,
    filesOutside: rest.filesOutside,
    skipped: rest.skipped,
    leftAlone: rest.leftAlone,
    ...tail,
    scanned: rest.scanned,
  };
}
