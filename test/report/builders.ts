import type { CliOptions } from '../../src/cli/options.js';
import type { RunResult } from '../../src/core/result.js';
import type { Finding, Plan } from '../../src/core/types.js';

/** The folder the reporter tests pretend the user stands in, and the project folder below it. */
export const CWD = '/work/repo';
export const ROOT = '/work/repo/apps/api';

/** A finding at column 16 of `path:line`, as the analyser would record it for a named import. */
export function finding(path: string, line: number, action: Finding['action'] = 'rewrite', reason?: Finding['reason']): Finding {
  return {
    path,
    line,
    column: 16,
    kind: 'named-import',
    clientModule: '@prisma/client',
    action,
    ...(reason ? { reason } : {}),
    fingerprint: fingerprintAt(line),
  };
}

/** A stand-in fingerprint, distinct per line. */
export function fingerprintAt(line: number): string {
  return `${String(line).padStart(16, '0')}:0`;
}

/** A run's result with an empty plan (check mode, ROOT) except for what the caller sets. */
export function runResult(
  planAndNotes: Partial<Plan> & { notes?: string[] } = {},
  options: Partial<CliOptions> = {},
  extra: { applied?: boolean; scanned?: number } = {},
): RunResult {
  const { notes = [], ...plan } = planAndNotes;
  return {
    options: {
      root: ROOT,
      mode: 'check',
      all: false,
      force: false,
      singleton: undefined,
      importExtension: undefined,
      schema: undefined,
      changedSince: undefined,
      staged: false,
      ...options,
    },
    plan: {
      changes: [],
      findings: [],
      skipped: [],
      singleton: null,
      singletons: [],
      leftAlone: { test: 0, seed: 0, script: 0 },
      warnings: [],
      clientClasses: [],
      ...plan,
    },
    scanned: extra.scanned ?? 3,
    applied: extra.applied ?? false,
    notes,
  };
}
