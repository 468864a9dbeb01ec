/** Data that crosses module boundaries. Paths are POSIX and relative to the project root. */

/** A file as scan read it. */
export interface SourceText {
  readonly path: string;
  readonly text: string;
}

/** One file the plan writes: `before` is null for a file it creates. */
export interface FileChange {
  readonly path: string;
  readonly before: string | null;
  readonly after: string;
}

/** How a client is created at a site. */
export type FindingKind = 'named-import' | 'namespace-import' | 'default-import' | 'dynamic-import' | 'require';

/**
 * What happens to a site: `rewrite` (apply replaces it), `review` (needs a person; apply leaves it and exits 1),
 * `allowed` (left alone on purpose: tests, seeds, scripts, or marked intentional).
 */
export type FindingAction = 'rewrite' | 'review' | 'allowed';

/** Why a site is not rewritten; rendered by one message table in messages.ts. */
export type ReasonId =
  | 'role-test'
  | 'role-seed'
  | 'role-script'
  | 'ignore-comment'
  | 'edge-runtime'
  | 'reassigned-binding'
  | 'unsupported-position'
  | 'dynamic-not-async'
  | 'options-not-portable'
  | 'javascript-cannot-load-typescript'
  | 'connection-options-differ'
  | 'env-changed-before-client';

/** One `new PrismaClient(...)` in the source. Line and column are 1-based. */
export interface Finding {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly kind: FindingKind;
  readonly action: FindingAction;
  readonly reason?: ReasonId;
}

/** Something the shared client changes for code around a site, reported with file:line:column. */
export type WarningKind = 'disconnect-removed' | 'disconnect-kept' | 'use-middleware' | 'on-listener' | 'options-dropped';

/** One warning; `needsPerson` ones make apply exit 1. */
export interface Warning {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly kind: WarningKind;
  /** Extra words for the message, such as the dropped option names. */
  readonly detail?: string;
  readonly needsPerson: boolean;
}

/** Why a file was not looked at or not changed. */
export type SkipReason = 'parse-error' | 'invalid-utf8' | 'utf16' | 'binary' | 'too-large' | 'unreadable' | 'symlink-outside';

/** A candidate file that was passed over, with the reason and, for parse errors, where. */
export interface Skip {
  readonly path: string;
  readonly reason: SkipReason;
  /** Where a parse error is, 1-based. */
  readonly line?: number;
  readonly column?: number;
  readonly detail?: string;
}

/**
 * How a file loads modules, which decides how the singleton is imported there: `import` (ESM), `require()`
 * (CommonJS JavaScript), or `import x = require()` (TypeScript compiled to CommonJS under verbatimModuleSyntax,
 * where ESM syntax is an error).
 */
export type ModuleSyntax = 'esm' | 'require' | 'import-equals';

/** The role a file plays: only `app` files are migrated by default. */
export type FileRole = 'app' | 'test' | 'seed' | 'script';

/** What the singleton is: a file the plan creates, or one that already exists and is reused. */
export interface SingletonInfo {
  readonly path: string;
  readonly created: boolean;
  readonly exportName: string;
}

/** Everything a run would do, computed before anything is written. */
export interface Plan {
  readonly changes: readonly FileChange[];
  readonly findings: readonly Finding[];
  readonly skipped: readonly Skip[];
  /** The chosen singleton (the one most sites use); null when the project needs none. */
  readonly singleton: SingletonInfo | null;
  /** Every singleton of the plan: the chosen one first, then one per other client (its own generated client). */
  readonly singletons: readonly SingletonInfo[];
  /** Counts of files with instantiations left alone by role (tests, seeds, scripts) when --all is off. */
  readonly leftAlone: Readonly<Record<Exclude<FileRole, 'app'>, number>>;
  /** What sharing the client changes around the sites: removed `$disconnect()` calls, `$use`, `$on`, dropped options. */
  readonly warnings: readonly Warning[];
}
