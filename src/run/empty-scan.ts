import type { Discovery } from '../discover/discover.js';
import type { SkipRule } from '../core/types.js';

/** The skip rules in a word or two, for the list of everything skipped. */
const SHORT: Readonly<Record<SkipRule, string>> = {
  gitignore: '.gitignore',
  'build-output': 'build output',
  'generated-client': 'generated client',
  'editor-history': 'editor history',
};

/** Why a check that scanned no source file cannot say the project is clean. */
export function emptyScan(discovery: Discovery): string {
  const head = `no source file to check under ${discovery.root}`;
  const folders = discovery.skippedFolders.map((f) => `${f.path}/ (${SHORT[f.rule]})`);
  const files = discovery.ignoredFiles > 0 ? [`${discovery.ignoredFiles} file(s) ignored by .gitignore`] : [];
  const skipped = [...folders.slice(0, 5), ...(folders.length > 5 ? [`${folders.length - 5} more folder(s)`] : []), ...files];
  if (skipped.length === 0) return `${head}: it has no .ts, .js, .vue, .svelte or .astro file; is this the project folder?`;
  return `${head}: everything is skipped (${skipped.join(', ')}); pass the folder that holds the sources`;
}
