import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { REASONS } from '../../src/report/messages.js';
import { FINGERPRINT_KEY, RULE_NEEDS_REVIEW, RULE_OUTSIDE_SINGLETON, sarif } from '../../src/report/sarif.js';
import type { RepositoryPlace, RunResult } from '../../src/core/result.js';
import { CWD, finding, fingerprintAt, runResult } from './builders.js';
import { copyTree, FIXTURES, remove, REPO, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const VERSION = '1.2.3';

// ajv-formats is CommonJS: under NodeNext its default import is the module object, whose `default` is the plugin.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(JSON.parse(readFileSync(join(REPO, 'test', 'schemas', 'sarif-2.1.0.json'), 'utf8')));

/** The reporter's one document, parsed, after checking stdout holds that and nothing else. */
function report(result: RunResult, cwd = CWD, repository?: RepositoryPlace): SarifLog {
  const { stdout, stderr } = sarif(result, { cwd, repository, color: true, version: '1.2.3' });
  expect(stderr).toBe('');
  expect(stdout.endsWith('}\n')).toBe(true);
  const log: unknown = JSON.parse(stdout);
  expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
  expect(isSarifLog(log)).toBe(true);
  if (!isSarifLog(log)) throw new Error('not a SARIF log');
  return log;
}

// Just enough of the document's type to read it back in the assertions; the schema checks the rest.
interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: string;
  readonly message: { readonly text: string };
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly locations: readonly {
    readonly physicalLocation: {
      readonly artifactLocation: { readonly uri: string; readonly uriBaseId?: string };
      readonly region: { readonly startLine: number; readonly startColumn: number };
    };
  }[];
}
interface SarifRun {
  readonly tool: {
    readonly driver: {
      readonly name: string;
      readonly version: string;
      readonly informationUri: string;
      readonly rules: readonly { readonly id: string; readonly helpUri: string }[];
    };
  };
  readonly invocations: readonly {
    readonly executionSuccessful: boolean;
    readonly toolExecutionNotifications: readonly { readonly level: string; readonly message: { readonly text: string } }[];
  }[];
  readonly results: readonly SarifResult[];
  readonly originalUriBaseIds?: Readonly<Record<string, { readonly uri: string }>>;
}
interface SarifLog {
  readonly version: string;
  readonly runs: readonly SarifRun[];
}
function isSarifLog(value: unknown): value is SarifLog {
  return typeof value === 'object' && value !== null && 'runs' in value && Array.isArray(value.runs) && value.runs.length === 1;
}
function onlyRun(log: SarifLog): SarifRun {
  const [run] = log.runs;
  if (!run) throw new Error('no run');
  return run;
}

describe('sarif reporter', () => {
  it('names the tool, its version and both rules, valid against the SARIF 2.1.0 schema when nothing is found', () => {
    const run = onlyRun(report(runResult()));
    expect(run.tool.driver.name).toBe('prisma-singleton-codemod');
    expect(run.tool.driver.version).toBe(VERSION);
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual([RULE_OUTSIDE_SINGLETON, RULE_NEEDS_REVIEW]);
    // Each rule's help link lands on its own heading in the README (GitHub's anchor for "Rule `<id>`").
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    for (const rule of run.tool.driver.rules) {
      expect(rule.helpUri).toBe(`https://github.com/prisma-singleton-codemod/prisma-singleton-codemod#rule-${rule.id}`);
      expect(readme).toMatch(new RegExp(`^#+ Rule \`${rule.id}\`$`, 'm'));
    }
    expect(run.results).toEqual([]);
    expect(run.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it('reports rewrite and review sites as errors under their rules, and leaves allowed sites out', () => {
    const run = onlyRun(
      report(
        runResult({
          findings: [
            finding('src/routes/user.ts', 6),
            finding('src/jobs/worker.ts', 12, 'review', 'reassigned-binding'),
            finding('src/routes/__tests__/user.test.ts', 7, 'allowed', 'role-test'),
          ],
        }),
      ),
    );
    expect(run.results).toEqual([
      {
        ruleId: RULE_OUTSIDE_SINGLETON,
        ruleIndex: 0,
        level: 'error',
        message: { text: 'new PrismaClient() outside the singleton; run npx prisma-singleton-codemod apps/api to fix' },
        locations: [
          { physicalLocation: { artifactLocation: { uri: 'apps/api/src/routes/user.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 6, startColumn: 16 } } },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprintAt(6) },
      },
      {
        ruleId: RULE_NEEDS_REVIEW,
        ruleIndex: 1,
        level: 'error',
        message: { text: `new PrismaClient() outside the singleton needs a person: ${REASONS['reassigned-binding']}` },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: 'apps/api/src/jobs/worker.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 16 } },
          },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprintAt(12) },
      },
    ]);
  });

  it('leaves out the sites an apply has already rewritten, and keeps those left for a person', () => {
    const run = onlyRun(
      report(
        runResult(
          {
            findings: [finding('src/a.ts', 1), finding('src/b.ts', 2, 'review', 'unsupported-position')],
          },
          { mode: 'apply' },
          { applied: true },
        ),
      ),
    );
    expect(run.results.map((r) => r.ruleId)).toEqual([RULE_NEEDS_REVIEW]);
  });

  it.each([
    ['a space', 'src/my routes/user.ts', 'apps/api/src/my%20routes/user.ts'],
    ['a percent sign', 'src/100%.ts', 'apps/api/src/100%25.ts'],
    ['a colon and a comma', 'src/a:b,c.ts', 'apps/api/src/a%3Ab%2Cc.ts'],
    ['a hash and a question mark', 'src/#1?.ts', 'apps/api/src/%231%3F.ts'],
    ['non-ASCII letters', 'src/café.ts', 'apps/api/src/caf%C3%A9.ts'],
  ])('percent-encodes a path with %s into a valid relative URI', (_name, path, uri) => {
    const run = onlyRun(report(runResult({ findings: [finding(path, 1)] })));
    expect(run.results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri, uriBaseId: '%SRCROOT%' });
  });

  it('declares %SRCROOT% as the folder the URIs are relative to: the current directory outside git, when it holds the project', () => {
    const run = onlyRun(report(runResult({ findings: [finding('src/index.ts', 3)] })));
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/repo/' } });
    expect(run.results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri: 'apps/api/src/index.ts', uriBaseId: '%SRCROOT%' });
  });

  it('makes URIs relative to the project folder when the current directory outside git does not hold it', () => {
    const run = onlyRun(report(runResult({ findings: [finding('src/index.ts', 3)] }), '/elsewhere'));
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/repo/apps/api/' } });
    expect(run.results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri: 'src/index.ts', uriBaseId: '%SRCROOT%' });
  });

  it('makes URIs relative to the git top level, or to GITHUB_WORKSPACE when it holds the project, whatever the current directory', () => {
    const result = runResult({ findings: [finding('src/index.ts', 3)] });
    const repository = { top: '/work/repo', projectPath: 'apps/api' };
    const fromGit = onlyRun(report(result, '/work/repo/apps/api/src', repository));
    expect(fromGit.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/repo/' } });
    expect(fromGit.results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri: 'apps/api/src/index.ts', uriBaseId: '%SRCROOT%' });
    const { stdout } = sarif(result, { cwd: '/work/repo/apps/api', repository, workspace: '/work/repo/apps', color: false, version: VERSION });
    expect(stdout).toContain('"uri": "file:///work/repo/apps/"');
    expect(stdout).toContain('"uri": "api/src/index.ts"');
  });

  it('gives a file outside the base an absolute file URI and no base', () => {
    const run = onlyRun(report(runResult({ findings: [finding('../../../shared/db.ts', 3)] })));
    expect(run.results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri: 'file:///work/shared/db.ts' });
  });

  it('turns skipped files and project notes into tool execution notifications', () => {
    const run = onlyRun(
      report(
        runResult({
          skipped: [
            { path: 'src/broken.ts', reason: 'parse-error', line: 3, column: 5, detail: "',' expected." },
            { path: 'src/huge.ts', reason: 'too-large' },
          ],
          notes: ['src/lib/prisma.ts is ignored by a .gitignore'],
        }),
      ),
    );
    expect(run.invocations[0]?.toolExecutionNotifications.map((n) => [n.level, n.message.text])).toEqual([
      ['warning', 'src/lib/prisma.ts is ignored by a .gitignore'],
      ['warning', "apps/api/src/broken.ts does not parse; left untouched (',' expected.)"],
      ['warning', 'apps/api/src/huge.ts is larger than 5 MB; left untouched'],
    ]);
  });

  it.each([
    [
      'a result without a message',
      (run: Record<string, unknown>) => {
        run['results'] = [{ ruleId: RULE_OUTSIDE_SINGLETON }];
      },
    ],
    [
      'a level SARIF does not define',
      (run: Record<string, unknown>) => {
        run['results'] = [{ ruleId: RULE_OUTSIDE_SINGLETON, level: 'fatal', message: { text: 'x' } }];
      },
    ],
    [
      'a line number 0',
      (run: Record<string, unknown>) => {
        run['results'] = [{ message: { text: 'x' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a.ts' }, region: { startLine: 0 } } }] }];
      },
    ],
    [
      'a tool without a name',
      (run: Record<string, unknown>) => {
        run['tool'] = { driver: {} };
      },
    ],
  ])('has a schema that rejects %s (so the checks above mean something)', (_name, breakIt) => {
    const log: unknown = JSON.parse(sarif(runResult(), { cwd: CWD, color: false, version: '1.2.3' }).stdout);
    if (!isSarifLog(log)) throw new Error('not a SARIF log');
    const run: Record<string, unknown> = { ...onlyRun(log) };
    breakIt(run);
    expect(validateSarif({ ...log, runs: [run] })).toBe(false);
  });

  it('writes the same bytes for the same result', () => {
    const result = runResult({ findings: [finding('src/a.ts', 1), finding('src/b.ts', 2)] });
    expect(sarif(result, { cwd: CWD, color: false, version: '1.2.3' })).toEqual(sarif(result, { cwd: CWD, color: true, version: '1.2.3' }));
  });
});

describe('sarif reporter through the built CLI', () => {
  it('prints one valid SARIF document for the 15-file fixture, with a result per instantiation', async () => {
    const work = tempDir();
    temps.push(work);
    copyTree(join(FIXTURES, 'seed-15-files', 'before'), work);

    const cli = await runCli(['apps/api', '--check', '--reporter', 'sarif'], work);
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(1);
    const log: unknown = JSON.parse(cli.stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
    if (!isSarifLog(log)) throw new Error('not a SARIF log');
    const run = onlyRun(log);
    expect(run.results).toHaveLength(15);
    expect(
      run.results.every((r) => r.ruleId === RULE_OUTSIDE_SINGLETON && r.locations[0]?.physicalLocation.artifactLocation.uri.startsWith('apps/api/src/')),
    ).toBe(true);
  });

  it("keeps each result's partial fingerprint when lines are added above the sites, so an upload matches the last one", async () => {
    const work = tempDir();
    temps.push(work);
    const client = "import { PrismaClient } from '@prisma/client';\n";
    writeFiles(work, {
      'package.json': '{ "name": "api", "dependencies": { "@prisma/client": "5.22.0" } }\n',
      'src/a.ts': `${client}export const a = new PrismaClient();\nexport function f() {\n  return new PrismaClient();\n}\n`,
    });
    const results = async (): Promise<readonly SarifResult[]> => {
      const log: unknown = JSON.parse((await runCli(['.', '--check', '--reporter', 'sarif'], work)).stdout);
      if (!isSarifLog(log)) throw new Error('not a SARIF log');
      return onlyRun(log).results;
    };
    const before = await results();
    writeFiles(work, { 'src/a.ts': `// a header comment\n\n${readFileSync(join(work, 'src/a.ts'), 'utf8')}` });
    const after = await results();
    expect(after.map((r) => r.locations[0]?.physicalLocation.region.startLine)).toEqual([4, 6]);
    expect(after.map((r) => r.partialFingerprints)).toEqual(before.map((r) => r.partialFingerprints));
    expect(new Set(after.map((r) => r.partialFingerprints[FINGERPRINT_KEY])).size).toBe(2);
  });
});
