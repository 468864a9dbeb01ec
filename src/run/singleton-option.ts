import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Discovery } from '../discover/discover.js';
import { assertSingletonOption } from '../plan/singleton-choice.js';
import type { LayoutUnit } from './project-layout.js';

/** A --singleton that names no possible file, or a folder, is a usage error (exit 2) before anything is read. */
export async function checkSingletonOption(root: string, singleton: string): Promise<void> {
  const folder = await stat(join(root, singleton)).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (folder) throw new UsageError(`--singleton ${singleton}: is a folder; name the file, for example ${singleton}/prisma.ts`);
  assertSingletonOption(singleton);
}

/** A --singleton in a folder the walk leaves out (build output, an ignored or generated folder) would be planned again by every run. */
export function assertScanned(singleton: string, discovery: Discovery): void {
  const folder = discovery.skippedFolders.find((f) => f.folder && singleton.startsWith(`${f.path}/`));
  if (!folder) return;
  const why = folder.rule === 'gitignore' ? 'ignored by .gitignore' : folder.rule === 'build-output' ? 'build output' : 'the generated client';
  throw new UsageError(`--singleton ${singleton}: ${folder.path}/ is never scanned (${why}); name a file among the sources`);
}

/** The --singleton path (root-relative) as the unit that holds it sees it: the deepest unit whose folder contains it. */
export function singletonFor(units: readonly LayoutUnit[], singleton: string | undefined, unit: LayoutUnit): string | undefined {
  if (singleton === undefined) return undefined;
  const owner = [...units].filter((u) => u.dir === '' || singleton.startsWith(`${u.dir}/`)).sort((a, b) => b.dir.length - a.dir.length)[0];
  return owner === unit ? (unit.dir === '' ? singleton : singleton.slice(unit.dir.length + 1)) : undefined;
}
