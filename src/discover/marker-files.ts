import { type Dirent, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { comparePaths } from '../core/paths.js';

/**
 * The folders from one to `depth` levels below `root` that hold a file named `marker`, or one of `marker` when it is
 * a list (package.json, project.json, a generated client's entry), root-relative and POSIX, sorted: the undeclared packages of a monorepo and Nx project roots. The walk is the one a
 * `**\/marker` glob makes: `node_modules`, `.git` and every dot folder are passed over, links are followed (to a
 * folder or to the marker file), and a folder that cannot be read holds nothing. The depth bounds a link cycle.
 */
export function foldersHolding(root: string, marker: string | readonly string[], depth: number): string[] {
  const markers = new Set(typeof marker === 'string' ? [marker] : marker);
  const found = new Set<string>();
  const visit = (dir: string, level: number): void => {
    for (const entry of entriesOf(join(root, dir))) {
      const kind = kindOf(entry, join(root, dir, entry.name));
      if (kind === 'file' && markers.has(entry.name) && level > 0) found.add(dir);
      if (kind === 'folder' && level < depth && !entry.name.startsWith('.') && entry.name !== 'node_modules')
        visit(dir === '' ? entry.name : `${dir}/${entry.name}`, level + 1);
    }
  };
  visit('', 0);
  return [...found].sort(comparePaths);
}

function entriesOf(absolute: string): Dirent[] {
  try {
    return readdirSync(absolute, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** A folder, a file, or neither; a link is what it leads to (nothing, when it leads nowhere). */
function kindOf(entry: Dirent, absolute: string): 'file' | 'folder' | undefined {
  if (entry.isDirectory()) return 'folder';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return undefined;
  try {
    const target = statSync(absolute);
    return target.isDirectory() ? 'folder' : target.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}
