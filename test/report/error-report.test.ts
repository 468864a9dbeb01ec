import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { JSON_REPORT_VERSION } from '../../src/report/json.js';
import { copyFixture, remove, REPO, runCli } from '../support/helpers.js';

// On exit 2 a pipeline that parses stdout must read an error, not nothing: json and sarif print a valid document
// that describes it, github an ::error annotation; stderr keeps its one line.
const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const schema = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(REPO, 'test', 'schemas', name), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateError = ajv.compile(JSON.parse(readFileSync(join(REPO, 'schema', 'report-error.schema.json'), 'utf8')));
const validateSarif = ajv.compile(schema('sarif-2.1.0.json'));

const message = (dir: string): string => `--schema nope.prisma (resolved to ${join(dir, 'nope.prisma')}): no such file (nor a folder with a schema.prisma)`;

async function failing(args: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string; dir: string }> {
  const dir = copyFixture('class-field-and-constructor', temps);
  return { ...(await runCli(args, dir)), dir };
}

describe('error documents', () => {
  it('json: one document with the message and exit code, valid against its schema', async () => {
    const { status, stdout, stderr, dir } = await failing(['.', '--check', '--schema', 'nope.prisma', '--reporter', 'json']);
    expect(status).toBe(2);
    expect(stderr).toBe(`prisma-singleton-codemod: ${message(dir)}\n`);
    const document: unknown = JSON.parse(stdout);
    expect(stdout).toBe(`${JSON.stringify(document, null, 2)}\n`);
    expect(validateError(document), JSON.stringify(validateError.errors)).toBe(true);
    expect(document).toEqual({ version: JSON_REPORT_VERSION, mode: 'check', root: dir, error: { message: message(dir), exitCode: 2 } });
  });

  it('json: a command line commander refuses still gets a document (mode and root unknown)', async () => {
    const { status, stdout } = await failing(['.', '--reporter', 'json', '--frobnicate']);
    expect(status).toBe(2);
    const document: unknown = JSON.parse(stdout);
    expect(validateError(document), JSON.stringify(validateError.errors)).toBe(true);
    expect(document).toEqual({ version: JSON_REPORT_VERSION, mode: null, root: null, error: { message: "unknown option '--frobnicate'", exitCode: 2 } });
  });

  it('json: a project error during the run (a config file that does not parse)', async () => {
    const dir = copyFixture('class-field-and-constructor', temps);
    writeFileSync(join(dir, 'package.json'), '{');
    const { status, stdout } = await runCli(['.', '--reporter=json'], dir);
    expect(status).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ mode: 'apply', error: { message: expect.stringMatching(/^package\.json:1:2 does not parse/), exitCode: 2 } });
  });

  it('sarif: a run that did not execute successfully, the error as a notification, no results; valid SARIF 2.1.0', async () => {
    const { status, stdout, dir } = await failing(['.', '--check', '--schema', 'nope.prisma', '--reporter', 'sarif']);
    expect(status).toBe(2);
    const log: unknown = JSON.parse(stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(log).toMatchObject({
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'prisma-singleton-codemod' } },
          invocations: [{ executionSuccessful: false, exitCode: 2, toolExecutionNotifications: [{ level: 'error', message: { text: message(dir) } }] }],
          results: [],
        },
      ],
    });
  });

  it('github: an ::error annotation on stdout', async () => {
    const { status, stdout, dir } = await failing(['.', '--check', '--schema', 'nope.prisma', '--reporter', 'github']);
    expect(status).toBe(2);
    expect(stdout).toBe(`::error title=prisma-singleton-codemod::${message(dir)}\n`);
  });

  it('pretty: nothing on stdout, the one line on stderr', async () => {
    const { status, stdout, stderr, dir } = await failing(['.', '--check', '--schema', 'nope.prisma']);
    expect({ status, stdout, stderr }).toEqual({ status: 2, stdout: '', stderr: `prisma-singleton-codemod: ${message(dir)}\n` });
  });
});
