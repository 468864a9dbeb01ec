import { UsageError } from '../core/errors.js';
import { exitCodeOf } from '../core/result.js';
import { isReporterName, reporters, usesRepositoryPaths } from '../report/index.js';
import type { RunHooks } from '../run/run.js';
import { wantsColor } from './color.js';
import { contextFromArgv, defaultReporter, type FailureContext, reportFailure } from './failure.js';
import type { CliIo } from './io.js';
import { parseOptions, type RawFlags } from './options.js';
import { CommanderError, createProgram, NAME, version } from './program.js';
import { progressReporter } from './progress.js';

/**
 * Runs the CLI on the arguments after the program name and returns the exit code: 0 done or clean, 1 findings or
 * sites left for a person, 2 usage or project errors (and internal errors, reported as such), 130/143/129 when
 * SIGINT/SIGTERM/SIGHUP interrupted the writing (every file restored). Prints only through `io`; never exits the
 * process.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram({ out: io.stdout, err: io.stderr });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return 0;
    const code = reportFailure(new UsageError(error.message.replace(/^error: /, '')), io, contextFromArgv(argv, io.env));
    io.stderr(`${NAME}: see ${NAME} --help\n`);
    return code;
  }
  const flags: RawFlags = program.opts();
  const named = flags.reporter;
  let context: FailureContext = {
    reporter: named !== undefined && isReporterName(named) ? named : defaultReporter(io.env),
    mode: flags.check ? 'check' : flags.dryRun ? 'dry-run' : 'apply',
    root: undefined,
  };
  const interrupts = signalHooks(io);
  try {
    const options = parseOptions(program.args[0], flags, io.cwd, io.env);
    context = { reporter: options.reporter, mode: options.mode, root: options.root };
    const onProgress = options.mode === 'check' && io.stderrIsTTY ? progressReporter(io) : undefined;
    // Loaded only now: the run pulls in the TypeScript compiler, which --help, --version and usage errors never need.
    const { run } = await import('../run/run.js');
    // Asked alongside the run, and only when the output names files from the repository's top; it never rejects.
    const repository = usesRepositoryPaths(options.reporter, options.mode)
      ? import('../git/work-tree.js').then((git) => git.repositoryOf(options.root))
      : undefined;
    const result = await run(options, { ...interrupts.hooks, ...(onProgress ? { onProgress } : {}) });
    const color = options.reporter === 'pretty' && wantsColor(io.env, io.stdoutIsTTY);
    const report = reporters[options.reporter](result, {
      cwd: io.cwd,
      repository: await repository,
      // GitHub reads annotation and code-scanning paths from its workspace, whatever the step's working-directory.
      workspace: io.env['GITHUB_WORKSPACE'],
      color,
      version: version(),
    });
    io.stdout(report.stdout);
    io.stderr(report.stderr);
    return exitCodeOf(result);
  } catch (error) {
    return reportFailure(error, io, context);
  } finally {
    interrupts.release();
  }
}

/**
 * Hooks that trap SIGINT, SIGTERM and SIGHUP while files are being written (and only then: before, a signal ends
 * the process at once, as nothing is written yet) and turn the first into an abort of the writing. The trap is then
 * released, so that a second Ctrl-C ends the process at once, as users expect (every file is still whole, and a
 * rerun completes the job).
 */
function signalHooks(io: CliIo): { hooks: RunHooks; release: () => void } {
  const controller = new AbortController();
  let release: (() => void) | undefined;
  const stop = (): void => {
    release?.();
    release = undefined;
  };
  const onWriting = (writing: boolean): void => {
    stop();
    if (!writing || !io.trapSignals) return;
    let fired = false;
    const releaseTrap = io.trapSignals((signal) => {
      fired = true;
      controller.abort(signal);
      stop();
    });
    if (fired) releaseTrap();
    else release = releaseTrap;
  };
  return { hooks: { signal: controller.signal, onWriting }, release: stop };
}
