import { CommanderError } from 'commander';
import { CodemodError } from '../core/errors.js';
import { exitCodeOf } from '../core/result.js';
import { reporters } from '../report/index.js';
import { run } from '../run.js';
import { wantsColor } from './color.js';
import type { CliIo } from './io.js';
import { parseOptions, type RawFlags } from './options.js';
import { createProgram, NAME, version } from './program.js';
import { progressReporter } from './progress.js';

/**
 * Runs the CLI on the arguments after the program name and returns the exit code: 0 done or clean, 1 findings or
 * sites left for a person, 2 usage or project errors (and internal errors, reported as such). Prints only through
 * `io`; never exits the process.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram({ out: io.stdout, err: io.stderr });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return 0;
    io.stderr(`${NAME}: ${error.message.replace(/^error: /, '')}\n${NAME}: see ${NAME} --help\n`);
    return 2;
  }
  try {
    const flags: RawFlags = program.opts();
    const options = parseOptions(program.args[0], flags, io.cwd, io.env);
    const onProgress = options.mode === 'check' && io.stderrIsTTY ? progressReporter(io) : undefined;
    const result = await run(options, onProgress ? { onProgress } : {});
    const color = options.reporter === 'pretty' && wantsColor(io.env, io.stdoutIsTTY);
    const report = reporters[options.reporter](result, { cwd: io.cwd, color, version: version() });
    io.stdout(report.stdout);
    io.stderr(report.stderr);
    return exitCodeOf(result);
  } catch (error) {
    if (error instanceof CodemodError) {
      io.stderr(`${NAME}: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(`${NAME}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
