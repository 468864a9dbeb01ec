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
/** How a site's client was bound; `undeclared`: `PrismaClient` is neither imported nor declared in the file (an auto-import, a global). */
export type FindingKind = 'named-import' | 'namespace-import' | 'default-import' | 'dynamic-import' | 'require' | 'undeclared';

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
  | 'several-exported-clients'
  | 'javascript-cannot-load-typescript'
  | 'connection-options-differ'
  | 'client-subclass'
  | 'reflect-construct'
  | 'client-class-handed-on'
  | 'unresolved-constructor'
  | 'undeclared-client'
  | 'unresolved-client-module'
  | 'package-client'
  | 'edge-client-unknown-runtime'
  | 'accessor-singleton'
  | 'nest-shared-provider'
  | 'project-reexport'
  | 'component-file'
  | 'file-not-written'
  | 'env-changed-before-client'
  | 'nest-inject'
  | 'nest-extra-provider'
  | 'nest-client-provider'
  | 'nest-client-controller'
  | 'nest-provider-use-class'
  | 'nest-outside-di'
  | 'nest-inject-by-hand'
  | 'nest-other-application';

/**
 * One construction of a client in the source: `new PrismaClient(...)`, `new` of a subclass, `Reflect.construct`, or
 * the `extends` clause of a subclass (its `super()` constructs one). Line and column are 1-based.
 */
export interface Finding {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly kind: FindingKind;
  /** Which client it constructs: a package name (`@prisma/client`) or the root-relative folder of a generated client. */
  readonly clientModule: string;
  readonly action: FindingAction;
  readonly reason?: ReasonId;
  /**
   * The site's identity in its file, independent of line and column: `<hash>:<occurrence>` (a hash of its statement's
   * tokens and the declarations around it, and which of the file's sites with that hash it is, in order). Baselines
   * and SARIF `partialFingerprints` match sites by it.
   */
  readonly fingerprint: string;
}

/** Something the shared client changes for code around a site, reported with file:line:column. */
export type WarningKind = 'disconnect-removed' | 'disconnect-kept' | 'use-middleware' | 'on-listener' | 'options-dropped' | 'nest-import-by-hand';

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

/**
 * Why a file was not looked at or not changed. `not-a-file` and `broken-link` are notes (nothing there could hold a
 * client); `hard-links` and `owner-not-kept` are files apply planned but would not replace (see write/).
 */
export type SkipReason =
  | 'parse-error'
  | 'invalid-utf8'
  | 'utf16'
  | 'binary'
  | 'too-large'
  | 'too-deeply-nested'
  | 'unreadable'
  | 'symlink-outside'
  | 'not-a-file'
  | 'broken-link'
  | 'hard-links'
  | 'owner-not-kept';

/** A candidate file that was passed over, with the reason and, for parse errors, where. */
export interface Skip {
  readonly path: string;
  readonly reason: SkipReason;
  /** Where a parse error is, 1-based. */
  readonly line?: number;
  readonly column?: number;
  readonly detail?: string;
}

/** Why a folder or file under the root was not scanned: .gitignore (and git's exclude files), build output, a generated client. */
export type SkipRule = 'gitignore' | 'build-output' | 'generated-client' | 'editor-history';

/** A path a skip rule left out (root-relative): a folder, or a file that mentions PrismaClient. */
export interface Unscanned {
  readonly path: string;
  readonly rule: SkipRule;
  readonly folder: boolean;
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
  /** The workspace package the client is imported from by name (`@acme/db`), when another package shares it. */
  readonly packageName?: string;
  /** An existing singleton that keeps its client in a module variable only, with no `globalThis` cache. */
  readonly uncached?: boolean;
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
  /** Client classes the project's modules export (subclasses such as a NestJS `PrismaService`, constructors passed on). */
  readonly clientClasses: readonly ClientClass[];
  /** Nest mode: the provider class and the module that provides it; undefined in the singleton mode. */
  readonly nest?: NestPlanInfo;
}

/** What a Nest plan settled on: the one provider, and the one module that registers it. */
export interface NestPlanInfo {
  readonly providerPath: string;
  readonly providerName: string;
  readonly modulePath: string;
  readonly moduleName: string;
  /** The plan creates the module (a global one); else it is the project's. */
  readonly moduleCreated: boolean;
  readonly global: boolean;
  /** The project's module was built by Nest before the run (the root module, or imported by one): its provider was an instance. */
  readonly moduleInstantiated: boolean;
  /** Registrations the plan removes from modules Nest never built: counted as replaced, they were no instance. */
  readonly unbuiltRegistrations: number;
}

/** A client class a project module exports. */
export interface ClientClass {
  /** Root-relative module key (the path without extension or `/index`). */
  readonly module: string;
  /** The export name (`default` for a default export). */
  readonly name: string;
  readonly clientModule: string;
  /** `client-subclass` for a subclass; `project-reexport` for a client constructor passed on. */
  readonly reason: ReasonId;
}
