import { warningText } from './messages.js';
import type { RunResult } from '../core/result.js';
import type { Report } from './types.js';
import { summarize } from './summary.js';

/** Version of the JSON document's shape; bumped on any incompatible change. */
export const JSON_REPORT_VERSION = 1;

/** One JSON document on stdout: `{ version, mode, root, singleton, findings, changes, skipped, summary }`. */
export function json(result: RunResult): Report {
  const { plan, options } = result;
  const document = {
    version: JSON_REPORT_VERSION,
    mode: options.mode,
    root: options.root,
    singleton: plan.singleton ? { path: plan.singleton.path, created: plan.singleton.created } : null,
    singletons: plan.singletons.map((s) => ({ path: s.path, created: s.created, exportName: s.exportName })),
    applied: result.applied,
    findings: plan.findings.map((f) => ({
      path: f.path,
      line: f.line,
      column: f.column,
      kind: f.kind,
      action: f.action,
      reason: f.reason ?? null,
    })),
    changes: plan.changes.map((c) => ({ path: c.path, created: c.before === null })),
    skipped: plan.skipped.map((s) => ({ path: s.path, reason: s.reason, line: s.line ?? null, column: s.column ?? null, detail: s.detail ?? null })),
    warnings: plan.warnings.map((w) => ({
      path: w.path,
      line: w.line,
      column: w.column,
      kind: w.kind,
      message: warningText(w.kind, w.detail),
      needsPerson: w.needsPerson,
    })),
    notes: result.notes,
    summary: summarize(result),
  };
  return { stdout: `${JSON.stringify(document, null, 2)}\n`, stderr: '' };
}
