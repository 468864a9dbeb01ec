import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analysedSites, passesPrefilter, planOf } from './generator/check-program.js';
import { generateProgram } from './generator/generate.js';
import { programSeed } from './generator/random.js';
import { renderProgram } from './generator/render.js';
import { fixtureCases } from './support/fixture-cases.js';
import { copyTree, readTree, remove, runCli, tempDir } from './support/helpers.js';
import { oracleSites, type OracleTree } from './support/oracle.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

/** The sites `--check --reporter json` reports (every action), and the singletons (one per client) it measured against. */
async function checkedSites(dir: string, target: string, args: readonly string[]): Promise<{ sites: string[]; singletons: string[] }> {
  const result = await runCli([target, '--check', '--reporter', 'json', ...args], dir);
  const report: { findings: Array<{ path: string; line: number; column: number; reason: string | null }>; singletons: Array<{ path: string }> } = JSON.parse(
    result.stdout,
  );
  // A Nest provider registered in a module's providers is an instance but no construction in the source: the
  // checker sees constructions only.
  const constructions = report.findings.filter(
    (f) =>
      !['nest-extra-provider', 'nest-client-provider', 'nest-provider-use-class', 'nest-client-controller', 'client-class-handed-on'].includes(f.reason ?? ''),
  );
  return { sites: constructions.map((f) => `${f.path}:${f.line}:${f.column}`).sort(), singletons: report.singletons.map((s) => s.path) };
}

// Fixtures that must refuse to run (exit 2) have no findings to compare.
const cases = fixtureCases().filter((fixture) => fixture.exitCode !== 2);

describe('the oracle (the type checker) and --check agree on every fixture, site for site', () => {
  const trees: OracleTree[] = cases.flatMap((fixture) =>
    (['before', 'after'] as const).map((side) => {
      const files = readTree(join(fixture.dir, side));
      return { label: `${fixture.name}/${side}`, files: new Map(Object.entries(files)) };
    }),
  );
  const oracle = oracleSites(trees);

  it.each(cases.flatMap((fixture) => (['before', 'after'] as const).map((side) => ({ name: fixture.name, side, fixture }))))(
    '$name/$side',
    async ({ fixture, side }) => {
      const dir = tempDir();
      temps.push(dir);
      copyTree(join(fixture.dir, side), dir);
      const tool = await checkedSites(dir, fixture.target, fixture.args);
      const seen = oracle.get(`${fixture.name}/${side}`);
      expect(seen?.unresolved).toEqual([]);
      // The oracle sees the whole tree; the tool the target below it.
      const prefix = fixture.target === '.' ? '' : `${fixture.target}/`;
      const inSingleton = (site: string): boolean => tool.singletons.some((path) => site.startsWith(`${prefix}${path}:`));
      const inTarget = (seen?.sites ?? []).filter((site) => site.startsWith(prefix) && !inSingleton(site));
      expect(tool.sites.map((site) => `${prefix}${site}`)).toEqual(inTarget);
    },
  );
});

// The oracle over generated programs: the tool's findings (prefilter and planner, as --check runs them, in memory)
// against the type checker's sites. PSC_ORACLE_PROGRAMS sets how many: npm test checks a sample of 70, npm run
// test:ci (vitest.ci.config.ts) all 500.
const PROGRAMS = Number(process.env['PSC_ORACLE_PROGRAMS'] ?? 70);
const BASE_SEED = Number(process.env['PSC_SEED'] ?? 20261125);

describe(`${PROGRAMS} generated programs`, () => {
  const programs = Array.from({ length: PROGRAMS }, (_, i) => renderProgram(generateProgram(programSeed(BASE_SEED, i))));

  it('the oracle and --check (prefilter and planner, in memory) find the same sites in every program', () => {
    const started = performance.now();
    const tool = new Map(
      programs.map((program) => {
        const plan = planOf(new Map(program.files.map((f) => [f.path, f.text])), true);
        return [`s${program.seed}`, plan.findings.map((f) => `${f.path}:${f.line}:${f.column}`).sort()];
      }),
    );
    const toolMs = performance.now() - started;
    const oracle = oracleSites(programs.map((program) => ({ label: `s${program.seed}`, files: new Map(program.files.map((f) => [f.path, f.text])) })));
    console.log(`oracle: ${PROGRAMS} programs, tool ${Math.round(toolMs)} ms, checker ${Math.round(performance.now() - started - toolMs)} ms`);
    const disagreements = programs.flatMap((program) => {
      const label = `s${program.seed}`;
      const seen = oracle.get(label);
      const expected = JSON.stringify({ sites: seen?.sites, unresolved: [] });
      const actual = JSON.stringify({ sites: tool.get(label), unresolved: seen?.unresolved });
      return expected === actual ? [] : [`seed ${program.seed}: oracle ${expected}, tool ${actual}`];
    });
    expect(disagreements).toEqual([]);
    expect([...tool.values()].flat().length).toBeGreaterThan(PROGRAMS);
  });

  it('the prefilter never drops a file in which the analyser, reading every file, reports a site', () => {
    const files = programs.flatMap((program) => program.files);
    const withSites = files.filter((file) => analysedSites(file.path, file.text) > 0);
    const dropped = withSites.filter((file) => !passesPrefilter(file.path, file.text)).map((file) => file.path);
    expect(dropped).toEqual([]);
    // Not vacuous: most files construct a client, and some that mention one do not reach the parser.
    expect(withSites.length).toBeGreaterThan(PROGRAMS);
    expect(files.filter((file) => file.text.includes('PrismaClient') && !passesPrefilter(file.path, file.text)).length).toBeGreaterThan(0);
  });
});
