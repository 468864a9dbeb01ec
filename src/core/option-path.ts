import { isAbsolute, relative, sep } from 'node:path';

/**
 * How messages name the value of a path option (`--singleton`, `--schema`, `--baseline`): spelled from where the user
 * typed it (`cwd`; from the project folder when unknown), then what it resolved to, absolute and from the project:
 * `--singleton src/server/db.ts (resolved to /repo/src/server/db.ts, ../src/server/db.ts from the project)`; the
 * last part only when the value was not typed from the project folder.
 */
export function describeOptionPath(flag: string, absolute: string, root: string, cwd: string | undefined): string {
  const spelled = optionSpelling(absolute, root, cwd);
  const fromRoot = spelledFrom(root, absolute);
  // Typed from the project folder, the value already says where it is from the project.
  if (fromRoot === spelled) return `${flag} ${spelled} (resolved to ${absolute})`;
  const where = fromRoot === '.' ? 'the project folder itself' : fromRoot.startsWith('../') ? `${fromRoot} from the project` : `${fromRoot} in the project`;
  return `${flag} ${spelled} (resolved to ${absolute}, ${where})`;
}

/** The value as the user would type it: POSIX, relative to `cwd` (or to the project folder when unknown). */
export function optionSpelling(absolute: string, root: string, cwd: string | undefined): string {
  return spelledFrom(cwd ?? root, absolute);
}

/** `absolute` relative to `from`, POSIX; '.' for the folder itself; absolute when no relative path leads there. */
function spelledFrom(from: string, absolute: string): string {
  const rel = relative(from, absolute);
  if (rel === '') return '.';
  return isAbsolute(rel) ? absolute : rel.split(sep).join('/');
}
