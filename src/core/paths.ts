import { posix } from 'node:path';

/**
 * Path and file-kind rules in one place. Every path here is POSIX and relative to the project root; every
 * question "is this a script, which kind, what is it without its extension" is answered by these functions.
 */

/** How relative imports end in a project: `.js` (ESM output), `.ts` (TS extensions allowed), or no extension. */
export type ExtensionRule = 'js' | 'ts' | 'none';

const SCRIPT = /\.[cm]?[jt]sx?$/;
const TYPESCRIPT = /\.[cm]?tsx?$/;
const JAVASCRIPT = /\.[cm]?jsx?$/;
const JSX = /\.[jt]sx$/;
const DECLARATION = /\.d\.[cm]?ts$/;
const INDEX = /\/index$/;
const COMPONENT = /\.(?:vue|svelte|astro)$/;

/** `.ts`, `.tsx`, `.mts`, `.cts`, `.js`, `.jsx`, `.mjs` or `.cjs`. */
export function isScriptPath(path: string): boolean {
  return SCRIPT.test(path);
}

/** A `.vue`, `.svelte` or `.astro` component file: only its script blocks (or frontmatter) are code. */
export function isComponentPath(path: string): boolean {
  return COMPONENT.test(path);
}

/** A TypeScript source (declaration files included; see isDeclarationPath). */
export function isTypeScriptPath(path: string): boolean {
  return TYPESCRIPT.test(path);
}

export function isJavaScriptPath(path: string): boolean {
  return JAVASCRIPT.test(path);
}

/** `.tsx` or `.jsx`: JSX syntax, which lexing alone cannot follow. */
export function isJsxPath(path: string): boolean {
  return JSX.test(path);
}

export function isDeclarationPath(path: string): boolean {
  return DECLARATION.test(path);
}

/** A tool's config file (`prisma.config.ts`, `vitest.config.ts`): the tool loads it, the application never does. */
const TOOL_CONFIG = /(?:^|\/)[\w.-]+\.config\.[cm]?ts$/;

/**
 * A TypeScript file of the application: what makes a project TypeScript (its singleton `lib/prisma.ts`, its lone
 * JavaScript files run by Node). Declaration files and tools' config files (Prisma 7 writes `prisma.config.ts` into
 * JavaScript projects too) are not.
 */
export function isTypeScriptSource(path: string): boolean {
  return isTypeScriptPath(path) && !isDeclarationPath(path) && !TOOL_CONFIG.test(path);
}

/** The script extension of a path (`.ts`, `.mjs`, ...), or '' when it has none. */
export function scriptExtensionOf(path: string): string {
  return SCRIPT.exec(path)?.[0] ?? '';
}

/** The path without its script extension: `src/lib/prisma.ts` -> `src/lib/prisma`. */
export function withoutScriptExtension(path: string): string {
  return path.replace(SCRIPT, '');
}

/** The module a path names when imported without extension or index: `a/index.ts` and `a.ts` both name `a`. */
export function moduleKeyOf(path: string): string {
  return withoutScriptExtension(path).replace(INDEX, '');
}

/**
 * The module key that stands for a workspace package's entry (`package:@repo/db`), beside the root-relative keys of
 * the project's own modules, which never start so.
 */
export function packageModuleKey(name: string): string {
  return `${PACKAGE_KEY}${name}`;
}

/** The package a `packageModuleKey` names, or undefined for a project module's key. */
export function packageOfModuleKey(key: string): string | undefined {
  return key.startsWith(PACKAGE_KEY) ? key.slice(PACKAGE_KEY.length) : undefined;
}

const PACKAGE_KEY = 'package:';

/** The file's name without folder or script extension: `src/lib/db.ts` -> `db`. */
/**
 * A file directly in a schema's folder (`prisma/`, never the project root): what lives there besides seeds is run by
 * hand (`tsx prisma/try-queries.ts`), so such a file nothing imports is a script. `schemaFolders` are root-relative.
 */
/**
 * A JavaScript file of a TypeScript project that, when nothing imports it, Node runs by itself: one at the project's
 * root (`check-db.js`), or a `.cjs` file anywhere. Not a `.js` below the root: frameworks load their entries there by
 * folder (`app/api/x/route.js`, Redwood's `api/src/functions/`), so such a file is the application's.
 */
export function runsAsJavaScriptScript(path: string): boolean {
  return isJavaScriptPath(path) && (!path.includes('/') || path.endsWith('.cjs'));
}

export function inSchemaFolder(path: string, schemaFolders: readonly string[]): boolean {
  const folder = posix.dirname(path);
  return folder !== '.' && schemaFolders.includes(folder);
}

export function baseNameOf(path: string): string {
  return withoutScriptExtension(posix.basename(path));
}

/** Where a relative specifier written in `fromPath` points, normalised: (`src/a.ts`, `../b`) -> `b`. */
export function resolveRelative(fromPath: string, specifier: string): string {
  return posix.normalize(posix.join(posix.dirname(fromPath), specifier));
}

/** A specifier that starts with `./` or `../` (or is `.` / `..`). */
export function isRelativeSpecifier(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

/** A path that leaves its base: `..`, `../x`, or an absolute path. */
export function climbsOut(relativePath: string): boolean {
  return relativePath === '..' || relativePath.startsWith('../') || relativePath.startsWith('/') || /^[A-Za-z]:/.test(relativePath);
}

/** Sorts paths by code unit, so that the order never depends on the locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * What a test runner loads by name (`jest.setup.ts` from `setupFilesAfterEnv`, `jest.global-setup.ts`, `vitest.setup.ts`,
 * `cypress.config.ts`, CRA's `setupTests.ts`, `test-setup.ts`, `global-setup.ts`): a test's, when nothing imports it.
 */
const TEST_RUNNER_FILE =
  /(^|\/)(?:(?:jest|vitest|cypress|playwright)\.(?:config|setup|global-?setup|global-?teardown|teardown)(?:\.[\w-]+)?|setup-?tests|tests?-?setup|global-?(?:setup|teardown))$/i;

/** A file a test runner loads by its name (TEST_RUNNER_FILE). */
export function isTestRunnerFile(path: string): boolean {
  return TEST_RUNNER_FILE.test(withoutScriptExtension(path));
}
