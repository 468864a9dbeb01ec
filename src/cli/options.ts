import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { RunOptions } from '../core/options.js';
import { isReporterName, REPORTERS, type ReporterName } from '../report/index.js';

/** Options of one CLI run: what the API takes, plus how to report. */
export interface CliOptions extends RunOptions {
  readonly reporter: ReporterName;
}

/** Flags as commander hands them over. */
export interface RawFlags {
  readonly dryRun?: boolean;
  readonly check?: boolean;
  readonly all?: boolean;
  readonly force?: boolean;
  readonly singleton?: string;
  readonly importExtension?: string;
  readonly schema?: string;
  readonly reporter?: string;
  readonly changedSince?: string;
  readonly staged?: boolean;
  readonly baseline?: string;
  readonly updateBaseline?: boolean;
  readonly framework?: string;
}

/** Turns raw flags into options, or throws a UsageError that says what is wrong. */
export function parseOptions(path: string | undefined, flags: RawFlags, cwd: string, env: Readonly<Record<string, string | undefined>> = {}): CliOptions {
  if (flags.check && flags.dryRun) throw new UsageError('--check and --dry-run do not go together: --check reports, --dry-run shows the diff');
  if ((flags.changedSince !== undefined || flags.staged) && !flags.check) {
    throw new UsageError('--changed-since and --staged go with --check: they narrow what the check reports');
  }
  if (flags.changedSince !== undefined && flags.staged) throw new UsageError('--changed-since and --staged do not go together; pick one');
  checkBaselineFlags(flags);
  const root = resolve(cwd, path ?? '.');
  const extension = flags.importExtension;
  if (extension !== undefined && extension !== 'js' && extension !== 'ts' && extension !== 'none') {
    throw new UsageError(`--import-extension must be js, ts or none (got "${extension}")`);
  }
  const framework = flags.framework;
  if (framework !== undefined && framework !== 'nest' && framework !== 'none') throw new UsageError(`--framework must be nest or none (got "${framework}")`);
  const reporter = flags.reporter ?? (env['GITHUB_ACTIONS'] === 'true' ? 'github' : 'pretty');
  if (!isReporterName(reporter)) throw new UsageError(`--reporter must be one of ${REPORTERS.join(', ')} (got "${reporter}")`);
  return {
    root,
    mode: flags.check ? 'check' : flags.dryRun ? 'dry-run' : 'apply',
    all: flags.all ?? false,
    force: flags.force ?? false,
    // Path options resolve against the current directory, like every CLI's; the run refuses a singleton outside the
    // project and says what a value resolved to (and what it may have meant from the project folder).
    singleton: flags.singleton === undefined ? undefined : fromRoot(root, resolve(cwd, flags.singleton)),
    importExtension: extension,
    // Like Prisma's own flag: relative to where the command runs, and anywhere on disk (a monorepo's root schema).
    schema: flags.schema === undefined ? undefined : fromRoot(root, resolve(cwd, flags.schema)),
    reporter,
    changedSince: flags.changedSince,
    staged: flags.staged ?? false,
    baseline: flags.baseline === undefined ? undefined : resolve(cwd, flags.baseline),
    updateBaseline: flags.updateBaseline ?? false,
    framework,
    cwd,
  };
}

function checkBaselineFlags(flags: RawFlags): void {
  if (flags.baseline !== undefined && !flags.check) throw new UsageError('--baseline goes with --check: the baseline says which findings the check accepts');
  if (flags.updateBaseline && flags.baseline === undefined) throw new UsageError('--update-baseline needs --baseline <file>: the file to write');
  if (flags.updateBaseline && (flags.changedSince !== undefined || flags.staged)) {
    throw new UsageError('--update-baseline does not go with --changed-since or --staged: a baseline records every site, not those of one change');
  }
}

/** A path as seen from the root (it may climb out of it, or be the root: ''); absolute when no relative path leads there. */
function fromRoot(root: string, absolute: string): string {
  const rel = relative(root, absolute);
  return isAbsolute(rel) ? absolute : rel.split(sep).join('/');
}
