import type { Mode } from '../core/options.js';
import { githubError, jsonError, prettyError, sarifError } from './error-report.js';
import { github } from './github.js';
import { json } from './json.js';
import { pretty } from './pretty.js';
import { sarif } from './sarif.js';
import type { ErrorReporter, Reporter } from './types.js';

/** The names `--reporter` takes. */
export const REPORTERS = ['pretty', 'json', 'github', 'sarif'] as const;
export type ReporterName = (typeof REPORTERS)[number];

/** Reporters by the name `--reporter` takes. */
export const reporters: Readonly<Record<ReporterName, Reporter>> = { pretty, json, github, sarif };

/** What each reporter prints on stdout when the run fails (see error-report.ts). */
export const errorReporters: Readonly<Record<ReporterName, ErrorReporter>> = { pretty: prettyError, json: jsonError, github: githubError, sarif: sarifError };

/**
 * Whether a run's output names files from the repository's top (report/path-bases.ts), so that the CLI asks git where
 * the project sits only then: every format but pretty, and pretty's dry-run diff.
 */
export function usesRepositoryPaths(reporter: ReporterName, mode: Mode): boolean {
  return reporter !== 'pretty' || mode === 'dry-run';
}

export function isReporterName(name: string): name is ReporterName {
  return REPORTERS.some((r) => r === name);
}
