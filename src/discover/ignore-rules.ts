import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import type IgnoreFactory from 'ignore';
import type { Ignore } from 'ignore';

// Required, not imported: importing a CommonJS package from ESM also has Node scan its source for named exports
// (commander, ignore and picocolors: about 25 ms of every start, measured).
const ignore = createRequire(import.meta.url)('ignore') as typeof IgnoreFactory;

/** Answers whether a root-relative POSIX path is ignored by the .gitignore files that apply to it. */
export interface IgnoreRules {
  isIgnored(path: string): boolean;
}

interface RuleSet {
  /** Maps a root-relative path to one relative to this file's folder; undefined when the file does not apply. */
  readonly localPath: (path: string) => string | undefined;
  readonly rules: Ignore;
  /** Larger is nearer to the files: deeper folders below the root, then the root, then its ancestors, then excludes. */
  readonly priority: number;
}

/**
 * The ignore rules of a tree, read the way git reads them, git or not: the .gitignore files of the folders below the
 * root (added by the walk as it enters each folder, before it decides on anything inside), and, when the root is in a
 * git work tree, those of its ancestors up to the top, `.git/info/exclude` and the user's `core.excludesFile`. The
 * nearest file that says anything about a path decides, and nothing inside an ignored folder can be re-included.
 */
export class TreeIgnoreRules implements IgnoreRules {
  private readonly sets: RuleSet[] = [];
  private readonly folders = new Map<string, boolean>();

  /**
   * Loads the rules that come from above the root: ancestors' .gitignore files and git's exclude files. Outside a
   * git work tree, `boundary` (a workspace root above the root) stands in for its top: its .gitignore files apply.
   */
  static async load(root: string, boundary?: string): Promise<TreeIgnoreRules> {
    const rules = new TreeIgnoreRules();
    const ancestors = await workTreeAncestors(root, boundary);
    for (const [index, dir] of ancestors.entries()) {
      const prefix = relative(dir, root).split(sep).join('/');
      const localPath = (path: string): string => (prefix ? `${prefix}/${path}` : path);
      // The root's own .gitignore comes from the walk; its ancestors' files and git's exclude files apply too.
      if (dir !== root) rules.addText(await readOptional(join(dir, '.gitignore')), localPath, -index);
      if (index === ancestors.length - 1 && (await exists(join(dir, '.git')))) {
        rules.addText(await readOptional(join(dir, '.git', 'info', 'exclude')), localPath, -index - 0.5);
        const global = await excludesFile(join(dir, '.git', 'config'));
        rules.addText(global === undefined ? undefined : await readOptional(global), localPath, -index - 0.75);
      }
    }
    return rules;
  }

  /** Adds the rules of `<folder>/.gitignore` (folder root-relative, '' for the root). */
  addGitignore(folder: string, text: string): void {
    const prefix = folder === '' ? '' : `${folder}/`;
    const localPath = (path: string): string | undefined => (path.startsWith(prefix) ? path.slice(prefix.length) : undefined);
    this.addText(text, localPath, 1000 + (folder === '' ? 0 : folder.split('/').length));
  }

  isIgnored(path: string): boolean {
    const slash = path.lastIndexOf('/');
    return (slash > 0 && this.folderIgnored(path.slice(0, slash))) || this.decide(path);
  }

  /** A folder (root-relative, no trailing slash) is ignored, or is inside an ignored one. */
  folderIgnored(folder: string): boolean {
    let known = this.folders.get(folder);
    if (known === undefined) {
      const slash = folder.lastIndexOf('/');
      known = (slash > 0 && this.folderIgnored(folder.slice(0, slash))) || this.decide(`${folder}/`);
      this.folders.set(folder, known);
    }
    return known;
  }

  private addText(text: string | undefined, localPath: RuleSet['localPath'], priority: number): void {
    if (text === undefined) return;
    this.sets.push({ localPath, rules: ignore().add(text), priority });
    this.sets.sort((a, b) => b.priority - a.priority);
  }

  private decide(path: string): boolean {
    for (const set of this.sets) {
      const local = set.localPath(path);
      if (!local) continue;
      const result = set.rules.test(local);
      if (result.ignored) return true;
      if (result.unignored) return false;
    }
    return false;
  }
}

/** The root and its ancestors up to the top of its git work tree, nearest first; empty outside git. */
async function workTreeAncestors(root: string, boundary: string | undefined): Promise<string[]> {
  const chain: string[] = [];
  for (let dir = root; ; dir = dirname(dir)) {
    chain.push(dir);
    if (await exists(join(dir, '.git'))) return chain;
    if (dirname(dir) === dir) break;
  }
  // No git: the folders up to the workspace root, when the root is inside one.
  if (boundary === undefined || relative(boundary, root).startsWith('..')) return [];
  return chain.slice(0, chain.indexOf(boundary) + 1);
}

/**
 * The user's global ignore file, as git finds it: `core.excludesFile` of the repository's config, else of
 * `~/.gitconfig` or `~/.config/git/config`, else `~/.config/git/ignore`.
 */
async function excludesFile(repositoryConfig: string): Promise<string | undefined> {
  const home = homedir();
  for (const config of [repositoryConfig, join(home, '.gitconfig'), join(home, '.config', 'git', 'config')]) {
    const value = coreExcludesFile((await readOptional(config)) ?? '');
    if (value !== undefined) return value.startsWith('~/') ? join(home, value.slice(2)) : resolve(dirname(config), value);
  }
  return join(home, '.config', 'git', 'ignore');
}

/** `excludesFile = <path>` in the `[core]` section of a git config text. */
function coreExcludesFile(config: string): string | undefined {
  let inCore = false;
  let found: string | undefined;
  for (const line of config.split('\n')) {
    const section = /^\s*\[\s*([^\]\s]+)[^\]]*\]/.exec(line);
    if (section) inCore = section[1]?.toLowerCase() === 'core';
    const value = inCore ? /^\s*excludesfile\s*=\s*(.+?)\s*$/i.exec(line)?.[1] : undefined;
    if (value !== undefined) found = value.replace(/^"(.*)"$/, '$1');
  }
  return found;
}

function readOptional(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}

function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
