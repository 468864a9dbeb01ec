import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, REPO, remove, runCli, tempDir, writeFiles } from '../support/helpers.js';
import { oracleSites } from '../support/oracle.js';
import { CASES, type ExpectedSite, type PatternCase } from './cases.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

/** `path:line:column` of a needle's nth occurrence (1-based), at its `|` if it has one. */
function positionOf(files: PatternCase['files'], site: ExpectedSite): string {
  const text = files[site.path] ?? '';
  const needle = site.needle.replace('|', '');
  let index = -1;
  for (let n = 0; n < (site.nth ?? 1); n += 1) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`${site.path}: no "${needle}" (${site.nth ?? 1})`);
  index += Math.max(0, site.needle.indexOf('|'));
  const before = text.slice(0, index).split('\n');
  return `${site.path}:${before.length}:${(before.at(-1) ?? '').length + 1}`;
}

interface Seen {
  readonly findings: string[];
  readonly singleton: string | undefined;
}

async function check(pattern: PatternCase): Promise<Seen> {
  const dir = tempDir('psc-pattern-');
  temps.push(dir);
  writeFiles(dir, pattern.files);
  const result = await runCli([pattern.target ?? '.', '--check', '--reporter', 'json', ...(pattern.args ?? [])], dir);
  if (result.stdout === '') throw new Error(`exit ${result.status}: ${result.stderr}`);
  const report: { findings: Array<{ path: string; line: number; column: number; action: string; reason: string | null }>; singleton: { path: string } | null } =
    JSON.parse(result.stdout);
  const prefix = pattern.target ? `${pattern.target}/` : '';
  return {
    findings: report.findings.map((f) => `${prefix}${f.path}:${f.line}:${f.column} ${f.action}${f.reason ? ` ${f.reason}` : ''}`).sort(),
    singleton: report.singleton ? `${prefix}${report.singleton.path}` : undefined,
  };
}

describe('real-world patterns (test/patterns/README.md)', () => {
  const oracle = oracleSites(CASES.map((pattern) => ({ label: pattern.id, files: new Map(Object.entries(pattern.files)) })));

  it.each(CASES)('reports every site of $id with its action and reason, as the type checker sees them', async (pattern) => {
    const prefix = pattern.target ? `${pattern.target}/` : '';
    const expected = pattern.sites
      .map((site) => `${positionOf(pattern.files, { ...site, path: `${prefix}${site.path}` })} ${site.action}${site.reason ? ` ${site.reason}` : ''}`)
      .sort();
    const seen = await check(pattern);
    expect(seen.findings).toEqual(expected);
    const checker = oracle.get(pattern.id);
    expect(checker?.unresolved).toEqual([]);
    const outside = (checker?.sites ?? []).filter((site) => !seen.singleton || !site.startsWith(`${seen.singleton}:`));
    // Extra Nest provider registrations (and clients listed as controllers) are instances, not constructions: the
    // checker sees constructions only.
    const constructions = seen.findings.filter(
      (finding) => !/ (nest-extra-provider|nest-client-provider|nest-provider-use-class|nest-client-controller|client-class-handed-on)$/.test(finding),
    );
    expect(constructions.map((finding) => finding.split(' ')[0])).toEqual(outside);
  });
});

describe('test/patterns/README.md', () => {
  const readme = readFileSync(join(REPO, 'test', 'patterns', 'README.md'), 'utf8');
  const rows = readme.split('\n').filter((line) => /^\| \d+ /.test(line));
  const lastCell = (row: string): string => row.split(' | ').at(-1) ?? '';

  it('lists at least 25 distinct patterns, each with a case that exists', () => {
    expect(rows.length).toBeGreaterThanOrEqual(25);
    const ids = new Set(CASES.map((c) => c.id));
    const missing = rows.flatMap((row) => {
      const cell = lastCell(row);
      const cases = [...cell.matchAll(/(?<!fixture )`([\w-]+)`/g)].map((m) => m[1] ?? '');
      const fixtures = [...cell.matchAll(/fixture `([\w-]+)`/g)].map((m) => m[1] ?? '');
      const absent = [...cases.filter((id) => !ids.has(id)), ...fixtures.filter((name) => !existsSync(join(FIXTURES, name, 'before')))];
      return cases.length + fixtures.length === 0 ? [`no case: ${row.slice(0, 60)}`] : absent;
    });
    expect(missing).toEqual([]);
  });

  it('names every case of the table test', () => {
    expect(CASES.filter((c) => !readme.includes(`\`${c.id}\``)).map((c) => c.id)).toEqual([]);
  });
});
