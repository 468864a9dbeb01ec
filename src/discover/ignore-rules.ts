import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Answers whether a root-relative POSIX path is ignored by the .gitignore files that apply to it. */
export interface IgnoreRules {
  isIgnored(path: string): boolean;
}

interface RuleSet {
  /** Maps a root-relative path to one relative to this file's folder; undefined when the file does not apply. */
  readonly localPath: (path: string) => string | undefined;
  readonly rules: Ignore;
  /** Larger is nearer to the files: deeper folders below the root, then the root, then its ancestors. */
  readonly priority: number;
}

/**
 * Reads the given .gitignore files below `root` (root-relative paths, found by the caller's walk) and, when `root`
 * is inside a git work tree, those of its ancestors up to the work tree's top (plus .git/info/exclude), without
 * asking git. The nearest file that says anything about a path decides, as in git, and nothing inside an
 * ignored folder can be re-included.
 */
export async function loadIgnoreRules(root: string, below: readonly string[]): Promise<IgnoreRules> {
  const sets: RuleSet[] = [];
  const add = async (file: string, localPath: RuleSet['localPath'], priority: number): Promise<void> => {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) sets.push({ localPath, rules: ignore().add(text), priority });
  };
  for (const file of below) {
    const folder = file.slice(0, -'.gitignore'.length);
    const localPath = (path: string): string | undefined => (path.startsWith(folder) ? path.slice(folder.length) : undefined);
    await add(join(root, file), localPath, 1000 + folder.split('/').length);
  }
  const ancestors = await workTreeAncestors(root);
  for (const [index, dir] of ancestors.entries()) {
    const prefix = relative(dir, root).split(sep).join('/');
    const localPath = (path: string): string => (prefix ? `${prefix}/${path}` : path);
    // The root's own .gitignore was read above; its ancestors' files and the work tree's exclude file apply too.
    if (dir !== root) await add(join(dir, '.gitignore'), localPath, -index);
    if (index === ancestors.length - 1) await add(join(dir, '.git', 'info', 'exclude'), localPath, -index - 0.5);
  }
  sets.sort((a, b) => b.priority - a.priority);
  const decide = (path: string): boolean => {
    for (const set of sets) {
      const local = set.localPath(path);
      if (!local) continue;
      const result = set.rules.test(local);
      if (result.ignored) return true;
      if (result.unignored) return false;
    }
    return false;
  };
  // As in git, nothing inside an ignored folder can be re-included: folders are decided first, once each.
  const folders = new Map<string, boolean>();
  const folderIgnored = (folder: string): boolean => {
    let known = folders.get(folder);
    if (known === undefined) {
      const slash = folder.lastIndexOf('/');
      known = (slash > 0 && folderIgnored(folder.slice(0, slash))) || decide(`${folder}/`);
      folders.set(folder, known);
    }
    return known;
  };
  return {
    isIgnored(path) {
      const slash = path.lastIndexOf('/');
      return (slash > 0 && folderIgnored(path.slice(0, slash))) || decide(path);
    },
  };
}

/** The root and its ancestors up to the top of its git work tree, nearest first; empty outside git. */
async function workTreeAncestors(root: string): Promise<string[]> {
  const chain: string[] = [];
  for (let dir = root; ; dir = dirname(dir)) {
    chain.push(dir);
    if (await exists(join(dir, '.git'))) return chain;
    if (dirname(dir) === dir) return [];
  }
}

function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
