import type { ExtensionRule } from './paths.js';

/** What a run does: write the plan, show it as a diff, or only report (CI). */
export type Mode = 'apply' | 'dry-run' | 'check';

/**
 * Validated options of one run, as the API takes them. Paths: `root` absolute; `singleton` POSIX, relative to the
 * root (the run refuses one outside it); `schema` POSIX, relative to the root (it may climb out of it) or absolute.
 */
export interface RunOptions {
  readonly root: string;
  readonly mode: Mode;
  /** Migrate tests, seeds and scripts too. */
  readonly all: boolean;
  /** Write even when files to rewrite have uncommitted git changes. */
  readonly force: boolean;
  readonly singleton: string | undefined;
  readonly importExtension: ExtensionRule | undefined;
  readonly schema: string | undefined;
  /** With --check: report only sites on lines added since the branch left this git ref (committed or not). */
  readonly changedSince: string | undefined;
  /** With --check: report only sites on lines the index adds, read from the staged texts (a pre-commit hook). */
  readonly staged: boolean;
  /** With --check: the baseline file (absolute); sites it accepts do not fail the check. */
  readonly baseline?: string | undefined;
  /** With --check and --baseline: rewrite the baseline to accept every current site and drop stale entries. */
  readonly updateBaseline?: boolean;
  /** `nest`: migrate to one injected PrismaService provider; `none`: the module singleton; undefined: nest when package.json depends on @nestjs/core. */
  readonly framework?: Framework | undefined;
  /**
   * The folder the path options were typed relative to (the CLI's current directory): messages about them spell them
   * from there and suggest the value that names the file from the project folder. Absent: spelled from the root.
   */
  readonly cwd?: string | undefined;
}

/** The frameworks the tool migrates in their own way. */
export type Framework = 'nest' | 'none';
