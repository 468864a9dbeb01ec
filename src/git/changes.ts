import { ProjectError } from '../core/errors.js';
import type { ChangedLines } from '../plan/narrow-plan.js';
import { readObjects } from './blobs.js';
import { parseDiff } from './diff-lines.js';
import { git, gitRaw } from './git-command.js';
import { untrackedChanges } from './moved-files.js';
import { noMergeBase, notHead, refNotFound } from './ref-errors.js';

/**
 * How every diff here is read, whatever the user's config says (prefixes, renames, drivers). The plumbing
 * `diff-index`, not `git diff`: the porcelain rewrites the index when it meets files whose stat changed but not their
 * content, --no-optional-locks or not (git 2.39), and a check must write nothing, `.git` included.
 */
const DIFF = ['diff-index', '-p', '-U0', '--full-index', '--no-ext-diff', '--no-textconv', '-M', '--src-prefix=a/', '--dst-prefix=b/'];

/**
 * The commit `--changed-since <spec>` compares with, as git reads a range: `<ref>` and `<ref>...HEAD` mean the
 * merge base of the ref and HEAD (where this branch left it), `<ref>..HEAD` means the ref itself. The right side of a
 * range must be HEAD, since the check reads the working tree. Throws a ProjectError (exit 2) that says how to fix a
 * missing ref or merge base, a shallow clone's included.
 */
export async function changeBase(workTree: string, spec: string, shallow: boolean): Promise<string> {
  const range = /^(.*?)(\.\.\.?)(.*)$/.exec(spec);
  const left = (range ? range[1] : spec) || 'HEAD';
  const right = (range ? range[3] : '') || 'HEAD';
  // One call resolves all three in the usual case; only a failure asks again, one name at a time, to say which.
  const [head, base, tip] = (await commitsOf(workTree, ['HEAD', left, right])) ?? [
    await commitOf(workTree, 'HEAD'),
    await commitOf(workTree, left),
    await commitOf(workTree, right),
  ];
  if (head === undefined) throw new ProjectError('--changed-since: HEAD has no commit yet; commit first, or run --check without --changed-since');
  if (tip !== head) throw notHead(spec, left, range?.[2] ?? '...', right);
  if (base === undefined) throw refNotFound(left, shallow);
  if (range?.[2] === '..') return base;
  const mergeBase = await gitRaw(workTree, ['merge-base', base, head]);
  if (mergeBase.code !== 0) throw noMergeBase(left, shallow);
  return mergeBase.stdout.toString('utf8').trim();
}

/**
 * The lines each file (work-tree relative) gained since `base`: committed since, staged, unstaged, and untracked
 * files (as a whole, unless they are a deleted file moved). Renames are followed, so a moved file counts only the
 * lines it gained in the move.
 */
export async function linesChangedSince(workTree: string, base: string): Promise<Map<string, ChangedLines>> {
  const [diff, others] = await Promise.all([git(workTree, [...DIFF, base, '--']), git(workTree, ['ls-files', '--others', '--exclude-standard', '-z'])]);
  const facts = parseDiff(diff);
  const untracked = splitZ(others);
  const out = new Map<string, ChangedLines>(facts.added);
  for (const [path, lines] of await untrackedChanges(workTree, untracked, facts.deleted)) out.set(path, lines);
  return out;
}

/** What is staged for the next commit: the lines each file gained against HEAD, and the staged bytes of those files. */
export interface StagedChanges {
  readonly lines: Map<string, ChangedLines>;
  /** Work-tree relative path -> the staged content (the blob in the index), not the working-tree file. */
  readonly texts: Map<string, Buffer>;
}

/** The staged changes as a pre-commit hook sees them: the index against HEAD (or against nothing before the first commit). */
export async function stagedChanges(workTree: string): Promise<StagedChanges> {
  // Before the first commit, the index is compared with the empty tree (hash-object without -w writes nothing).
  const head = (await commitOf(workTree, 'HEAD')) ?? (await git(workTree, ['hash-object', '-t', 'tree', '/dev/null'])).trim();
  const facts = parseDiff(await git(workTree, [...DIFF, '--cached', head, '--']));
  const paths = [...facts.added.keys()];
  const blobs = await readObjects(
    workTree,
    paths.map((path) => `:${path}`),
  );
  const texts = new Map<string, Buffer>();
  for (const path of paths) {
    const blob = blobs.get(`:${path}`);
    if (blob) texts.set(path, blob);
  }
  return { lines: new Map<string, ChangedLines>(facts.added), texts };
}

/** The commits the names resolve to, in order, or undefined when any of them does not resolve. */
async function commitsOf(workTree: string, refs: readonly string[]): Promise<Array<string | undefined> | undefined> {
  if (refs.some((ref) => ref.startsWith('-'))) return undefined;
  const result = await gitRaw(workTree, ['rev-parse', '--revs-only', '--end-of-options', ...refs.map((ref) => `${ref}^{commit}`)]);
  const lines = result.stdout.toString('utf8').split('\n').filter(Boolean);
  return result.code === 0 && lines.length === refs.length ? lines : undefined;
}

async function commitOf(workTree: string, ref: string): Promise<string | undefined> {
  if (ref.startsWith('-')) return undefined;
  const result = await gitRaw(workTree, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  return result.code === 0 ? result.stdout.toString('utf8').trim() : undefined;
}

function splitZ(text: string): string[] {
  return text.split('\0').filter((entry) => entry.length > 0);
}
