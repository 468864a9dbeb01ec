import { CodemodError } from '../core/errors.js';
import type { Mode } from '../core/options.js';
import { errorReporters, isReporterName, type ReporterName } from '../report/index.js';
import type { CliIo } from './io.js';
import { NAME, version } from './program.js';

/** What the CLI knew about the run when it failed: the reporter, and the mode and root if the flags got that far. */
export interface FailureContext {
  readonly reporter: ReporterName;
  readonly mode: Mode | undefined;
  readonly root: string | undefined;
}

/**
 * Reports a failed run and returns its exit code: one line on stderr (with the stack for an internal error), and
 * the chosen reporter's error document on stdout (json, sarif and github print one; pretty prints nothing).
 */
export function reportFailure(error: unknown, io: CliIo, context: FailureContext): number {
  const known = error instanceof CodemodError;
  const message = known ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
  const exitCode = known ? error.exitCode : 2;
  const document = errorReporters[context.reporter](
    { message, exitCode, mode: context.mode, root: context.root },
    { cwd: io.cwd, color: false, version: version() },
  );
  io.stdout(document.stdout);
  const detail = !known && error instanceof Error && error.stack ? `internal error: ${error.stack}` : message;
  io.stderr(`${NAME}: ${detail}\n`);
  return exitCode;
}

/**
 * The failure context when commander itself refused the arguments: the reporter `--reporter` names (if it names
 * one), else github on GitHub Actions, else pretty. Mode and root are not known.
 */
export function contextFromArgv(argv: readonly string[], env: CliIo['env']): FailureContext {
  let named: string | undefined;
  for (const [index, arg] of argv.entries()) {
    if (arg === '--reporter') named = argv[index + 1];
    else if (arg.startsWith('--reporter=')) named = arg.slice('--reporter='.length);
  }
  return { reporter: named !== undefined && isReporterName(named) ? named : defaultReporter(env), mode: undefined, root: undefined };
}

/** The reporter when none is named: github on GitHub Actions, else pretty. */
export function defaultReporter(env: CliIo['env']): ReporterName {
  return env['GITHUB_ACTIONS'] === 'true' ? 'github' : 'pretty';
}
