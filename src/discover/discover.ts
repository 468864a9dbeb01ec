import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ProjectError } from '../core/errors.js';
import { comparePaths } from '../core/paths.js';
import type { Skip, SourceText } from '../core/types.js';
import { readConfig } from './config-files.js';
import type { IgnoreRules } from './ignore-rules.js';
import { readProjectFacts, type ProjectFacts } from './project-facts.js';
import { SourceReader } from './read-sources.js';
import { moduleSpecifiersIn } from './specifiers.js';
import { walkSources } from './walk.js';

/** How many non-candidate files lend their imports to learning the project's habits (extensions, aliases). */
const SPECIFIER_SAMPLE = 400;

/** What discovery found: candidate texts, files passed over, and the project's config texts. Read-only. */
export interface Discovery {
  readonly root: string;
  /** Files that mention PrismaClient, sorted by path. */
  readonly candidates: readonly SourceText[];
  readonly skipped: readonly Skip[];
  /** Every source file discovered (root-relative), candidate or not. */
  readonly sourcePaths: ReadonlySet<string>;
  /** Module specifiers seen in candidates and a sample of other files. */
  readonly specifiers: readonly string[];
  readonly project: ProjectFacts;
  readonly hasSrcDir: boolean;
  readonly ignore: IgnoreRules;
  /** How many source files were read. */
  readonly scanned: number;
}

/** Finds the source files under `root` that mention PrismaClient, honouring .gitignore files with or without git. */
export async function discover(root: string, schemaOption?: string, onProgress?: (done: number, total: number) => void): Promise<Discovery> {
  const rootStat = await stat(root).catch(() => undefined);
  if (!rootStat) throw new ProjectError(`${root} does not exist`);
  if (!rootStat.isDirectory()) throw new ProjectError(`${root} is a file; pass the project folder`);

  const project = readProjectFacts(await readConfig(root, schemaOption));
  const { entries, ignore } = await walkSources(root, project.generatorOutputs);
  const candidates: SourceText[] = [];
  const skipped: Skip[] = [];
  const specifiers: string[] = [];
  const reader = new SourceReader(root);
  let sampled = 0;
  for (const [index, entry] of entries.entries()) {
    const outcome = reader.read(entry.path, entry.isSymbolicLink);
    onProgress?.(index + 1, entries.length);
    if ('reason' in outcome) {
      skipped.push(outcome);
      continue;
    }
    let text: string;
    if ('text' in outcome) {
      text = outcome.text;
      candidates.push({ path: entry.path, text });
    } else if (sampled < SPECIFIER_SAMPLE && outcome.bytes.length > 0) {
      sampled += 1;
      text = outcome.bytes.toString('utf8');
    } else {
      continue;
    }
    specifiers.push(...moduleSpecifiersIn(text));
  }

  candidates.sort((a, b) => comparePaths(a.path, b.path));
  return {
    root,
    candidates,
    skipped,
    sourcePaths: new Set(entries.map((entry) => entry.path)),
    specifiers,
    project,
    hasSrcDir: await stat(join(root, 'src')).then(
      (s) => s.isDirectory(),
      () => false,
    ),
    ignore,
    scanned: entries.length,
  };
}
