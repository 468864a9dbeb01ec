import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { readRegularSync } from './regular-file.js';

/** One module of a workspace package, read: its path relative to the package and its text. */
export interface PackageModule {
  readonly path: string;
  readonly text: string;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/**
 * The source file a workspace package's name resolves to, relative to the package: the `.` entry of package.json
 * `exports` (its `types`, `import`, `default`, `require` or `node` condition), else `module`, `main` or `types`, each
 * mapped back to its source when it names build output (`dist/index.js` -> `src/index.ts`); else `src/index` or
 * `index`. Undefined when none of them exists.
 */
export function packageEntry(packageRoot: string): PackageModule | undefined {
  const manifest = readManifest(join(packageRoot, 'package.json'));
  const declared = [...exportTargets(manifest?.['exports']), ...['module', 'main', 'types'].map((key) => manifest?.[key])].filter(
    (value): value is string => typeof value === 'string',
  );
  for (const target of [...declared.flatMap(sourceCandidates), 'src/index', 'index']) {
    const found = readModule(packageRoot, posix.normalize(target));
    if (found) return found;
  }
  return undefined;
}

/**
 * The other entries of package.json `exports` (`"./client": "./src/client.ts"`): each subpath without its `./`
 * (`client`) and the source module it names, mapped back from build output as the main entry is. Patterns (`./*`)
 * are not expanded.
 */
export function packageSubpaths(packageRoot: string): Array<{ readonly subpath: string; readonly module: PackageModule }> {
  const exports = readManifest(join(packageRoot, 'package.json'))?.['exports'];
  if (typeof exports !== 'object' || exports === null || Array.isArray(exports)) return [];
  return Object.entries(exports).flatMap(([key, value]) => {
    if (!key.startsWith('./') || key.includes('*')) return [];
    const module = conditionTargets(value)
      .flatMap(sourceCandidates)
      .map((target) => readModule(packageRoot, posix.normalize(target)))
      .find((found) => found !== undefined);
    return module ? [{ subpath: key.slice(2), module }] : [];
  });
}

/** The module a relative specifier in `fromPath` (package-relative) names, with TypeScript's extension rules. */
export function readRelativeModule(packageRoot: string, fromPath: string, specifier: string): PackageModule | undefined {
  const target = posix.normalize(posix.join(posix.dirname(fromPath), specifier));
  if (target.startsWith('..')) return undefined;
  return readModule(packageRoot, target);
}

function readModule(packageRoot: string, target: string): PackageModule | undefined {
  const bare = target.replace(/\.(?:[cm]?js|jsx)$/, '');
  const tries = [target, ...SOURCE_EXTENSIONS.map((ext) => `${bare}${ext}`), ...SOURCE_EXTENSIONS.map((ext) => `${bare}/index${ext}`)];
  for (const path of tries) {
    if (path.endsWith('.d.ts') || !/\.[cm]?[jt]sx?$/.test(path)) continue;
    const absolute = join(packageRoot, path);
    if (!existsSync(absolute) || !statSync(absolute).isFile()) continue;
    const bytes = readRegularSync(absolute);
    if (bytes) return { path, text: bytes.toString('utf8') };
  }
  return undefined;
}

/** `dist/index.js` -> itself, then `src/index`; `./src/index.ts` -> itself. */
function sourceCandidates(target: string): string[] {
  const path = posix.normalize(target.replace(/^\.\//, '')).replace(/\.d\.[cm]?ts$/, '');
  const built = /^(?:dist|build|lib|out)\/(.+)$/.exec(path)?.[1];
  return built ? [path, `src/${built}`] : [path];
}

/** The targets of the `.` entry of `exports`, most specific conditions first. */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (typeof exports !== 'object' || exports === null || Array.isArray(exports)) return [];
  const record: Record<string, unknown> = Object.fromEntries(Object.entries(exports));
  const dot = '.' in record ? record['.'] : Object.keys(record).some((key) => key.startsWith('.')) ? undefined : record;
  return conditionTargets(dot);
}

function conditionTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const record: Record<string, unknown> = Object.fromEntries(Object.entries(value));
  return ['types', 'import', 'node', 'default', 'require'].flatMap((condition) => conditionTargets(record[condition]));
}

function readManifest(path: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : undefined;
  } catch {
    return undefined;
  }
}
