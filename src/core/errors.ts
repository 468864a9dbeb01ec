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
