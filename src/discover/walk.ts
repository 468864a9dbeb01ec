import fg from 'fast-glob';
import { comparePaths } from '../core/paths.js';
import { loadIgnoreRules, type IgnoreRules } from './ignore-rules.js';

/** Folders never scanned: dependencies and build output. */
export const SKIPPED_DIRS = ['node_modules', 'dist', 'build', '.next', 'out', 'coverage', '.git', '.turbo', '.vercel'] as const;

const SOURCE_GLOB = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const GITIGNORE_GLOB = '**/.gitignore';

/** One source file the walk found, root-relative and POSIX. */
export interface WalkEntry {
  readonly path: string;
  readonly isSymbolicLink: boolean;
}

/**
 * One walk finds the sources and the .gitignore files that decide which of them count; dot folders are not
 * entered and dotfiles other than .gitignore are not sources. Entries come sorted by path.
 */
export async function walkSources(root: string, generatorOutputs: readonly string[]): Promise<{ entries: WalkEntry[]; ignore: IgnoreRules }> {
  const found = await fg([SOURCE_GLOB, GITIGNORE_GLOB], {
    cwd: root,
    dot: true,
    followSymbolicLinks: false,
    // Links are listed too (they are not files to lstat), so that one leading out of the target can be reported.
    onlyFiles: false,
    objectMode: true,
    suppressErrors: true,
    ignore: [...SKIPPED_DIRS.map((d) => `**/${d}/**`), '**/.*/**', '**/*.d.{ts,mts,cts}', ...generatorOutputs.map((g) => `${g}/**`)],
  });
  const gitignores = found.filter((entry) => entry.name === '.gitignore' && !entry.dirent.isDirectory()).map((entry) => entry.path);
  const ignore = await loadIgnoreRules(root, gitignores);
  const entries = found
    .filter((entry) => !entry.name.startsWith('.') && !entry.dirent.isDirectory() && !ignore.isIgnored(entry.path))
    .map((entry) => ({ path: entry.path, isSymbolicLink: entry.dirent.isSymbolicLink() }))
    .sort((a, b) => comparePaths(a.path, b.path));
  return { entries, ignore };
}
