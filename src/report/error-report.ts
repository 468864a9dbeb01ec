import type { Report, ReportContext, RunFailure } from './types.js';
import { JSON_REPORT_VERSION } from './json.js';
import { SARIF_INFORMATION_URI, SARIF_TOOL_NAME } from './sarif.js';

/**
 * What each format prints on stdout when a run fails (exit 2, or 130/143 when interrupted), so that a pipeline that
 * parses stdout reads an error instead of nothing. The CLI prints the one-line message on stderr itself.
 */

/** pretty: nothing on stdout; the message on stderr says it all. */
export function prettyError(): Report {
  return { stdout: '', stderr: '' };
}

/** json: `{ version, mode, root, error: { message, exitCode } }`; mode and root are null when the flags were unusable. */
export function jsonError(failure: RunFailure): Report {
  const document = {
    version: JSON_REPORT_VERSION,
    mode: failure.mode ?? null,
    root: failure.root ?? null,
    error: { message: failure.message, exitCode: failure.exitCode },
  };
  return { stdout: `${JSON.stringify(document, null, 2)}\n`, stderr: '' };
}

/** sarif: one run that did not execute successfully, its error as a tool execution notification, and no results. */
export function sarifError(failure: RunFailure, context: ReportContext): Report {
  const document = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: SARIF_TOOL_NAME, version: context.version, semanticVersion: context.version, informationUri: SARIF_INFORMATION_URI } },
        invocations: [
          {
            executionSuccessful: false,
            exitCode: failure.exitCode,
            toolExecutionNotifications: [{ level: 'error', message: { text: failure.message } }],
          },
        ],
        results: [],
      },
    ],
  };
  return { stdout: `${JSON.stringify(document, null, 2)}\n`, stderr: '' };
}

/** github: one `::error` annotation (its message escaped as workflow commands need). */
export function githubError(failure: RunFailure): Report {
  const message = failure.message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return { stdout: `::error title=${SARIF_TOOL_NAME}::${message}\n`, stderr: '' };
}
