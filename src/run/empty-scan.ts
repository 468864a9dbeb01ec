import type { Discovery } from '../discover/discover.js';

/** Why a check that scanned no source file cannot say the project is clean. */
export function emptyScan(discovery: Discovery): string {
  const head = `no source file to check under ${discovery.root}`;
  const folders = discovery.skippedFolders.map(
    (f) => `${f.path}/ (${f.rule === 'gitignore' ? '.gitignore' : f.rule === 'build-output' ? 'build output' : 'generated client'})`,
  );
  const files = discovery.ignoredFiles > 0 ? [`${discovery.ignoredFiles} file(s) ignored by .gitignore`] : [];
  const skipped = [...folders.slice(0, 5), ...(folders.length > 5 ? [`${folders.length - 5} more folder(s)`] : []), ...files];
  if (skipped.length === 0) return `${head}: it has no .ts, .js, .vue, .svelte or .astro file; is this the project folder?`;
  return `${head}: everything is skipped (${skipped.join(', ')}); pass the folder that holds the sources`;
}
