import type { Mode } from '../core/options.js';
import type { RepositoryPlace, RunResult } from '../core/result.js';

/**
 * What a reporter knows beyond the result: where the user stands, the git work tree that holds the project and GitHub's
 * workspace (the bases of repository paths: report/path-bases.ts), and whether colour is wanted.
 */
export interface ReportContext {
  readonly cwd: string;
  /** Where the project sits in its git work tree; absent outside git, or when the format names no repository path. */
  readonly repository?: RepositoryPlace | undefined;
  /** `GITHUB_WORKSPACE` when set: GitHub reads annotation and code-scanning paths from there (report/path-bases.ts). */
  readonly workspace?: string | undefined;
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
