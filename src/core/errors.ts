/** An error the CLI knows how to report: one line of message and a documented exit code. */
export class CodemodError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Nonsense on the command line or in the options: exit 2. */
export class UsageError extends CodemodError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** The project cannot be worked on as given (missing root, unwritable tree, a write that failed): exit 2. */
export class ProjectError extends CodemodError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** The signals that interrupt an apply; each exits 128 + its number, as a shell reports a process it stopped. */
export const INTERRUPT_SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
export type InterruptSignal = keyof typeof INTERRUPT_SIGNALS;

export function isInterruptSignal(value: unknown): value is InterruptSignal {
  return typeof value === 'string' && Object.hasOwn(INTERRUPT_SIGNALS, value);
}

/** The run was interrupted (Ctrl-C, a kill): exit 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP. */
export class InterruptedError extends CodemodError {
  constructor(
    readonly signal: InterruptSignal,
    message: string,
  ) {
    super(message, 128 + INTERRUPT_SIGNALS[signal]);
  }
}
