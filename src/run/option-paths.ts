import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ProjectError, UsageError } from '../core/errors.js';
import { describeOptionPath, optionSpelling } from '../core/option-path.js';
import type { RunOptions } from '../core/options.js';
import type { Discovery } from '../discover/discover.js';
import { SKIP_RULES } from '../report/messages.js';
import { assertSingletonOption } from '../plan/singleton-choice.js';

/**
 * The path options (`--singleton`, `--schema`, `--baseline`) checked before anything is read. Each error names the
 * value as typed, what it resolved to (absolute and from the project folder) and, when the same value read from the
 * project folder names something that is there (`--singleton src/server/db.ts` typed at the root of a repository whose
 * project is `next/`), the value that does: `did you mean --singleton next/src/server/db.ts?`.
 */
export async function checkPathOptions(options: RunOptions): Promise<void> {
  if (options.singleton !== undefined) await checkSingleton(options, options.singleton);
  if (options.schema !== undefined) {
    const absolute = resolve(options.root, options.schema);
    // A schema folder counts: discovery says when it holds no schema.
    if ((await kindOf(absolute)) === undefined) {
      const hint = await projectHint('--schema', options, absolute, async (candidate) => (await kindOf(candidate)) !== undefined);
      throw new UsageError(`${describe('--schema', absolute, options)}: no such file (nor a folder with a schema.prisma)${hint}`);
    }
  }
  if (options.baseline !== undefined && !options.updateBaseline && (await kindOf(options.baseline)) === undefined) {
    const hint = await projectHint('--baseline', options, options.baseline, async (candidate) => (await kindOf(candidate)) === 'file');
    throw new ProjectError(
      `${describe('--baseline', options.baseline, options)} does not exist; write it with --check --baseline <file> --update-baseline${hint}`,
    );
  }
}

/** A --singleton in a folder the walk leaves out (build output, an ignored or generated folder) would be planned again by every run. */
export function assertSingletonScanned(options: RunOptions, singleton: string, discovery: Discovery): void {
  const folder = discovery.skippedFolders.find((f) => f.folder && singleton.startsWith(`${f.path}/`));
  if (!folder) return;
  const why = SKIP_RULES[folder.rule];
  const said = describe('--singleton', resolve(options.root, singleton), options);
  throw new UsageError(`${said}: ${folder.path}/ is never scanned (${why}); name a file among the sources`);
}

/** A --singleton outside the project, the project folder itself, a folder, or no possible module is a usage error (exit 2). */
async function checkSingleton(options: RunOptions, singleton: string): Promise<void> {
  const absolute = resolve(options.root, singleton);
  const said = describe('--singleton', absolute, options);
  const rel = relative(options.root, absolute);
  if (rel === '')
    throw new UsageError(
      `${said}: is the project folder; name a file inside it, for example --singleton ${spell(join(absolute, 'src/lib/prisma.ts'), options)}`,
    );
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    const hint = await projectHint('--singleton', options, absolute, async (candidate, typed) => {
      const [first = typed] = typed.split(sep);
      return (await kindOf(candidate)) !== undefined || (await kindOf(join(options.root, first))) === 'folder';
    });
    throw new UsageError(`${said}: outside the project; the singleton must be a file inside it${hint}`);
  }
  if ((await kindOf(absolute)) === 'folder') {
    throw new UsageError(`${said}: is a folder; name the file, for example --singleton ${spell(join(absolute, 'prisma.ts'), options)}`);
  }
  try {
    assertSingletonOption(singleton);
  } catch (error) {
    // Its words name the value from the project folder; say it as typed, with what it resolved to.
    const prefix = `--singleton ${singleton}`;
    if (error instanceof UsageError && error.message.startsWith(prefix)) throw new UsageError(`${said}${error.message.slice(prefix.length)}`);
    throw error;
  }
}

/**
 * `; did you mean <flag> <value>?` when the value, as typed, read from the project folder instead of the current
 * directory names something `accept` takes; else ''. Only for a relative value typed outside the project folder's
 * own spelling (the current directory is not the project folder).
 */
async function projectHint(
  flag: string,
  options: RunOptions,
  absolute: string,
  accept: (candidate: string, typed: string) => Promise<boolean>,
): Promise<string> {
  const { cwd, root } = options;
  if (cwd === undefined || cwd === root) return '';
  const typed = relative(cwd, absolute);
  if (typed === '' || typed === '..' || typed.startsWith(`..${sep}`) || isAbsolute(typed)) return '';
  const candidate = join(root, typed);
  if (candidate === absolute || !(await accept(candidate, typed))) return '';
  return `; did you mean ${flag} ${spell(candidate, options)}?`;
}

function describe(flag: string, absolute: string, options: RunOptions): string {
  return describeOptionPath(flag, absolute, options.root, options.cwd);
}

function spell(absolute: string, options: RunOptions): string {
  return optionSpelling(absolute, options.root, options.cwd);
}

async function kindOf(path: string): Promise<'file' | 'folder' | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return undefined;
  return info.isDirectory() ? 'folder' : 'file';
}
