import { comparePaths, isDeclarationPath, isScriptPath } from '../core/paths.js';
import type { Discovery } from './discover.js';
import { classifyBytes } from './read-sources.js';
import { NEVER_ENTERED } from './walk.js';

/**
 * Discovery as if some files held other bytes (root-relative path -> bytes; for --staged, the staged blobs): each
 * such source file is decided again on those bytes (candidate, not one, or skipped), so line numbers and sites come
 * from them. A staged file that the working tree no longer has counts when the walk would have taken it.
 */
export function overlayTexts(discovery: Discovery, texts: ReadonlyMap<string, Buffer>): Discovery {
  const replaced = new Set([...texts.keys()].filter((path) => discovery.sourcePaths.has(path) || wouldWalk(discovery, path)));
  if (replaced.size === 0) return discovery;
  const candidates = discovery.candidates.filter((file) => !replaced.has(file.path));
  const skipped = discovery.skipped.filter((skip) => !replaced.has(skip.path));
  for (const path of replaced) {
    const outcome = classifyBytes(path, texts.get(path) ?? Buffer.alloc(0), discovery.filter);
    if ('reason' in outcome) skipped.push(outcome);
    else if ('text' in outcome) candidates.push({ path, text: outcome.text });
  }
  return {
    ...discovery,
    candidates: candidates.sort((a, b) => comparePaths(a.path, b.path)),
    skipped: skipped.sort((a, b) => comparePaths(a.path, b.path)),
    sourcePaths: new Set([...discovery.sourcePaths, ...replaced]),
  };
}

/** The walk's own rules: a source file, not in a folder it never enters or one a skip rule left out, not ignored. */
function wouldWalk(discovery: Discovery, path: string): boolean {
  if (!isScriptPath(path) || isDeclarationPath(path)) return false;
  if (path.split('/').some((segment) => NEVER_ENTERED.has(segment))) return false;
  if (discovery.skippedFolders.some((folder) => folder.folder && path.startsWith(`${folder.path}/`))) return false;
  return !discovery.ignore.isIgnored(path);
}
