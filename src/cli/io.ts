import { INTERRUPT_SIGNALS, type InterruptSignal, isInterruptSignal } from '../core/errors.js';

/**
 * Everything the CLI takes from its process, passed in so that tests run `main` in-process: where it writes, where
 * it stands, its environment, whether its streams are terminals, and how to trap Ctrl-C and kill signals.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /**
   * Routes SIGINT, SIGTERM and SIGHUP to `onSignal` instead of ending the process, until the returned function is
   * called. Absent: signals keep their default effect.
   */
  readonly trapSignals?: (onSignal: (signal: InterruptSignal) => void) => () => void;
}

/** The real process's streams, directory, environment and signals. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    trapSignals: (onSignal) => {
      const handlers = Object.keys(INTERRUPT_SIGNALS).flatMap((name) => {
        if (!isInterruptSignal(name)) return [];
        const handler = (): void => onSignal(name);
        process.on(name, handler);
        return [{ name, handler }];
      });
      return () => {
        for (const { name, handler } of handlers) process.off(name, handler);
      };
    },
  };
}
