import type { Mode } from '../core/options.js';
import type { RunResult } from '../core/result.js';

/** What a reporter knows beyond the result: where the user stands and whether colour is wanted. */
export interface ReportContext {
  readonly cwd: string;
  readonly color: boolean;
  /** This tool's version, for formats that record it (SARIF). */
  readonly version: string;
}

/** A reporter's output; the CLI writes it. */
export interface Report {
  readonly stdout: string;
  readonly stderr: string;
}

export type Reporter = (result: RunResult, context: ReportContext) => Report;

/** A run that ended in an error: its one-line message, exit code, and the mode and root when they were known. */
export interface RunFailure {
  readonly message: string;
  readonly exitCode: number;
  readonly mode: Mode | undefined;
  readonly root: string | undefined;
}

export type ErrorReporter = (failure: RunFailure, context: ReportContext) => Report;
