import { realpath } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { ProjectError } from '../core/errors.js';
import type { ChangedLines, LineChanges } from '../plan/narrow-plan.js';
import { changeBase, linesChangedSince, stagedChanges } from './changes.js';
import { gitRaw } from './git-command.js';

/** What a change-limited check looks at, with root-relative paths. */
export interface ChangeScope {
  /** The lines each file gained: findings elsewhere are old. */
  readonly lines: LineChanges;
  /** Files to read from these bytes instead of the working tree (--staged: the index). */
  readonly texts: ReadonlyMap<string, Buffer>;
}

/**
 * The scope of `--changed-since <ref>` (the lines added since the branch left the ref, working tree included) or of
 * `--staged` (the lines the index adds to HEAD, and the staged texts). Files outside the root are left out.
 */
export async function changeScope(root: string, changedSince: string | undefined, staged: boolean): Promise<ChangeScope> {
  const flag = staged ? '--staged' : '--changed-since';
  const where = await gitRaw(root, ['rev-parse', '--show-toplevel', '--is-shallow-repository']).catch(() => undefined);
  const [workTree, shallow] = where?.code === 0 ? where.stdout.toString('utf8').split('\n') : [];
  if (!workTree) throw new ProjectError(`${flag} needs a git work tree, and ${root} is not in one`);
  const prefix = relative(await realpath(workTree), await realpath(root))
    .split(sep)
    .join('/');
  const under = (path: string): string | undefined => {
    if (prefix === '') return path;
    return path.startsWith(`${prefix}/`) ? path.slice(prefix.length + 1) : undefined;
  };
  const rebase = <T>(map: ReadonlyMap<string, T>): Map<string, T> => {
    const out = new Map<string, T>();
    for (const [path, value] of map) {
      const local = under(path);
      if (local !== undefined) out.set(local, value);
    }
    return out;
  };
  if (staged) {
    const changes = await stagedChanges(workTree);
    return { lines: rebase<ChangedLines>(changes.lines), texts: rebase(changes.texts) };
  }
  const base = await changeBase(workTree, changedSince ?? 'HEAD', shallow === 'true');
  return { lines: rebase(await linesChangedSince(workTree, base)), texts: new Map() };
}
