import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { REASONS, SKIP_REASONS } from '../../src/report/messages.js';
import { reporters } from '../../src/report/index.js';
import { JSON_REPORT_VERSION } from '../../src/report/json.js';
import { fingerprintAt, runResult } from './builders.js';
import { copyTree, FIXTURES, remove, REPO, runCli, tempDir } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const validateReport = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(REPO, 'schema', 'report.schema.json'), 'utf8')));

interface ReportDocument {
  readonly version: number;
  readonly mode: string;
  readonly root: string;
  readonly repositoryRoot: string;
  readonly singleton: Record<string, unknown> | null;
  readonly findings: readonly {
    readonly path: string;
    readonly repositoryPath: string;
    readonly line: number;
    readonly column: number;
    readonly kind: string;
    readonly action: string;
    readonly reason: string | null;
    readonly fingerprint: string;
  }[];
  readonly changes: readonly Record<string, unknown>[];
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  readonly baseline: Record<string, unknown> | null;
  readonly summary: Record<string, unknown>;
}

/** Parses stdout, requiring exactly one JSON document and nothing else, and validates it against the schema. */
function parseReport(stdout: string): ReportDocument {
  const value: unknown = JSON.parse(stdout);
  // Re-serialising gives back every byte: no second document, no stray line before or after it.
  expect(stdout).toBe(`${JSON.stringify(value, null, 2)}\n`);
  expect(validateReport(value), JSON.stringify(validateReport.errors, null, 2)).toBe(true);
  if (!isReport(value)) throw new Error('not a report');
  // Ids the schema can only check by shape must be ones the message tables know.
  for (const f of value.findings) if (f.reason !== null) expect(Object.keys(REASONS)).toContain(f.reason);
  for (const s of value.skipped) expect(Object.keys(SKIP_REASONS)).toContain(s.reason);
  return value;
}

function isReport(value: unknown): value is ReportDocument {
  return typeof value === 'object' && value !== null && 'findings' in value && Array.isArray(value.findings);
}

describe('json reporter', () => {
  it('documents an empty run', () => {
    const { stdout, stderr } = reporters.json(runResult({}, {}, { scanned: 4 }), { cwd: '/work/repo', color: true, version: '1.2.3' });
    expect(stderr).toBe('');
    const report = parseReport(stdout);
    expect(report).toMatchObject({ version: JSON_REPORT_VERSION, mode: 'check', root: '/work/repo/apps/api', singleton: null, findings: [], changes: [] });
  });

  it("keeps each finding's position, kind, action and reason id, with null for no reason", () => {
    const report = parseReport(
      reporters.json(
        runResult(
          {
            findings: [
              { path: 'src/a.ts', line: 3, column: 16, kind: 'named-import', clientModule: '@prisma/client', action: 'rewrite', fingerprint: fingerprintAt(3) },
              {
                path: 'src/b.ts',
                line: 9,
                column: 5,
                kind: 'dynamic-import',
                clientModule: '@prisma/client',
                action: 'review',
                reason: 'dynamic-not-async',
                fingerprint: fingerprintAt(9),
              },
            ],
            changes: [
              { path: 'src/a.ts', before: 'x', after: 'y' },
              { path: 'src/lib/prisma.ts', before: null, after: 'z' },
            ],
            singleton: { path: 'src/lib/prisma.ts', created: true, exportName: 'prisma' },
            skipped: [{ path: 'src/c.ts', reason: 'parse-error', line: 1, column: 2, detail: 'x' }],
          },
          { mode: 'dry-run' },
        ),
        { cwd: '/work/repo', color: false, version: '1.2.3' },
      ).stdout,
    );
    // Outside git (no repository on the result), repository paths are from the current directory that holds the project.
    expect(report.repositoryRoot).toBe('/work/repo');
    expect(report.findings).toEqual([
      {
        path: 'src/a.ts',
        repositoryPath: 'apps/api/src/a.ts',
        line: 3,
        column: 16,
        kind: 'named-import',
        action: 'rewrite',
        reason: null,
        fingerprint: fingerprintAt(3),
      },
      {
        path: 'src/b.ts',
        repositoryPath: 'apps/api/src/b.ts',
        line: 9,
        column: 5,
        kind: 'dynamic-import',
        action: 'review',
        reason: 'dynamic-not-async',
        fingerprint: fingerprintAt(9),
      },
    ]);
    // A dry run says what apply would do, not what was done.
    expect(report.changes).toEqual([
      { path: 'src/a.ts', repositoryPath: 'apps/api/src/a.ts', wouldCreate: false },
      { path: 'src/lib/prisma.ts', repositoryPath: 'apps/api/src/lib/prisma.ts', wouldCreate: true },
    ]);
    expect(report.singleton).toEqual({ path: 'src/lib/prisma.ts', repositoryPath: 'apps/api/src/lib/prisma.ts', wouldCreate: true });
    expect(report.skipped).toMatchObject([{ path: 'src/c.ts', repositoryPath: 'apps/api/src/c.ts' }]);
    expect(report.summary).toMatchObject({ wouldChangeFiles: 1, wouldReplace: 1, wouldCreateSingleton: true });
  });

  it('says what was done in apply mode: created, replaced, filesChanged, singletonCreated', () => {
    const report = parseReport(
      reporters.json(
        runResult(
          {
            findings: [
              { path: 'src/a.ts', line: 3, column: 16, kind: 'named-import', clientModule: '@prisma/client', action: 'rewrite', fingerprint: fingerprintAt(3) },
            ],
            changes: [
              { path: 'src/a.ts', before: 'x', after: 'y' },
              { path: 'src/lib/prisma.ts', before: null, after: 'z' },
            ],
            singleton: { path: 'src/lib/prisma.ts', created: true, exportName: 'prisma' },
          },
          { mode: 'apply' },
          { applied: true },
        ),
        { cwd: '/work/repo', color: false, version: '1.2.3' },
      ).stdout,
    );
    expect(report.changes).toEqual([
      { path: 'src/a.ts', repositoryPath: 'apps/api/src/a.ts', created: false },
      { path: 'src/lib/prisma.ts', repositoryPath: 'apps/api/src/lib/prisma.ts', created: true },
    ]);
    expect(report.singleton).toEqual({ path: 'src/lib/prisma.ts', repositoryPath: 'apps/api/src/lib/prisma.ts', created: true });
    expect(report.summary).toMatchObject({ filesChanged: 1, replaced: 1, singletonCreated: true });
    expect(report.summary).not.toHaveProperty('wouldReplace');
  });

  it('reports what a baseline accepted and what in it is stale', () => {
    const baseline = {
      path: '/work/repo/prisma-baseline.json',
      accepted: 3,
      acceptedFiles: 2,
      stale: [{ path: 'src/old.ts', fingerprint: fingerprintAt(1) }],
      updated: false,
      added: 0,
    };
    const report = parseReport(reporters.json({ ...runResult(), baseline }, { cwd: '/work/repo', color: false, version: '1.2.3' }).stdout);
    expect(report.baseline).toEqual({ ...baseline, stale: [{ path: 'src/old.ts', repositoryPath: 'apps/api/src/old.ts', fingerprint: fingerprintAt(1) }] });
  });

  it.each([
    [
      'without a summary',
      (doc: Record<string, unknown>) => {
        delete doc['summary'];
      },
    ],
    [
      'with an unknown action',
      (doc: Record<string, unknown>) => {
        doc['findings'] = [
          { path: 'a.ts', repositoryPath: 'a.ts', line: 1, column: 1, kind: 'named-import', action: 'delete', reason: null, fingerprint: fingerprintAt(1) },
        ];
      },
    ],
    [
      'with an absolute finding path',
      (doc: Record<string, unknown>) => {
        doc['findings'] = [
          { path: '/a.ts', repositoryPath: 'a.ts', line: 1, column: 1, kind: 'named-import', action: 'rewrite', reason: null, fingerprint: fingerprintAt(1) },
        ];
      },
    ],
    [
      'with a Windows-style path',
      (doc: Record<string, unknown>) => {
        doc['changes'] = [{ path: 'src\\a.ts', repositoryPath: 'src/a.ts', wouldCreate: false }];
      },
    ],
    [
      'with line 0',
      (doc: Record<string, unknown>) => {
        doc['findings'] = [
          { path: 'a.ts', repositoryPath: 'a.ts', line: 0, column: 1, kind: 'named-import', action: 'rewrite', reason: null, fingerprint: fingerprintAt(1) },
        ];
      },
    ],
    [
      'of a check that says what was done (created) rather than what would be',
      (doc: Record<string, unknown>) => {
        doc['singleton'] = { path: 'src/lib/prisma.ts', repositoryPath: 'src/lib/prisma.ts', created: true };
      },
    ],
    [
      'of a check whose summary says replaced',
      (doc: Record<string, unknown>) => {
        doc['summary'] = { ...Object(doc['summary']), replaced: 3 };
      },
    ],
    [
      'with a finding without a fingerprint',
      (doc: Record<string, unknown>) => {
        doc['findings'] = [{ path: 'a.ts', repositoryPath: 'a.ts', line: 1, column: 1, kind: 'named-import', action: 'rewrite', reason: null }];
      },
    ],
    [
      'without repositoryRoot',
      (doc: Record<string, unknown>) => {
        delete doc['repositoryRoot'];
      },
    ],
    [
      'with a finding without its repositoryPath',
      (doc: Record<string, unknown>) => {
        doc['findings'] = [{ path: 'a.ts', line: 1, column: 1, kind: 'named-import', action: 'rewrite', reason: null, fingerprint: fingerprintAt(1) }];
      },
    ],
    [
      'with a repositoryPath that climbs out of the repository root',
      (doc: Record<string, unknown>) => {
        doc['changes'] = [{ path: 'src/a.ts', repositoryPath: '../src/a.ts', wouldCreate: false }];
      },
    ],
  ])('has a schema that rejects a document %s (so the checks above mean something)', (_name, breakIt) => {
    const doc: unknown = JSON.parse(reporters.json(runResult({}, {}, { scanned: 4 }), { cwd: '/', color: false, version: '1.2.3' }).stdout);
    if (typeof doc !== 'object' || doc === null) throw new Error('not an object');
    const broken: Record<string, unknown> = { ...doc };
    breakIt(broken);
    expect(validateReport(broken)).toBe(false);
  });
});

describe('json reporter through the built CLI', () => {
  it.each([
    // --check decides findings only (it plans no edit), so it lists no changes; --dry-run lists the 15 and the singleton.
    ['--check', 1, 'check', 0],
    ['--dry-run', 0, 'dry-run', 16],
  ])('prints one JSON document and nothing else for %s on the 15-file fixture', async (flag, status, mode, changes) => {
    const work = tempDir();
    temps.push(work);
    copyTree(join(FIXTURES, 'seed-15-files', 'before', 'apps', 'api'), work);

    const cli = await runCli([work, flag, '--reporter', 'json'], work);
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(status);
    const report = parseReport(cli.stdout);
    expect(report.mode).toBe(mode);
    expect(report.root).toBe(work);
    expect(report.findings.filter((f) => f.action !== 'allowed')).toHaveLength(15);
    expect(report.summary).toMatchObject({ outside: 15, filesOutside: 15, wouldReplace: 15, wouldChangeFiles: 15, wouldCreateSingleton: true });
    expect(report.changes).toHaveLength(changes);
    // The project is the current directory, outside git: both paths are from it.
    expect(report.singleton).toEqual({ path: 'src/lib/prisma.ts', repositoryPath: 'src/lib/prisma.ts', wouldCreate: true });
    expect(new Set(report.findings.map((f) => `${f.path} ${f.fingerprint}`)).size).toBe(report.findings.length);
  });
});
