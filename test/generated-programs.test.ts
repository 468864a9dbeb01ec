import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SINGLETON } from './generator/check-program.js';
import { generateProgram } from './generator/generate.js';
import { minimize } from './generator/minimize.js';
import { checkSpecs, dumpProgram, failuresOf, scratchDir, stageOf, typecheckResults, type ProgramResult } from './generator/pipeline.js';
import { programSeed } from './generator/random.js';
import { remove } from './support/helpers.js';

// Random programs built from the forms and positions the codemod supports, each planned, applied in memory,
// re-planned and type-checked. Replay a run with PSC_SEED=<base seed> PSC_PROGRAMS=<count>, one failing program
// with PSC_SEED=<its seed> PSC_PROGRAMS=1. PSC_DUMP=<dir> writes each failing program's before/ and after/ trees
// there (the start of a fixture); PSC_MINIMIZE=1 shrinks failures and prints the smallest program that still fails.
// CI replays the same programs every run; PSC_SEED=random explores new ones (a failure prints its seed).
const BASE_SEED = process.env['PSC_SEED'] === 'random' ? randomInt(2 ** 31) : (envNumber('PSC_SEED') ?? 20261125);
// npm test checks a sample of 50; npm run test:ci (vitest.ci.config.ts) sets PSC_PROGRAMS=500.
const PROGRAMS = envNumber('PSC_PROGRAMS') ?? 50;

function envNumber(name: string): number | undefined {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a non-negative integer (got "${value}")`);
  return Number(value);
}

/** Prints each failing program with its seed (and dumps it when asked); returns one summary line per program. */
function report(results: readonly ProgramResult[]): string[] {
  const failing = results.filter((r) => r.failures.length > 0);
  for (const result of failing) {
    const seed = result.spec.seed;
    console.log(`FAIL seed ${seed} (replay: PSC_SEED=${seed} PSC_PROGRAMS=1)\n  ${result.failures.join('\n  ')}`);
    const dump = process.env['PSC_DUMP'];
    if (dump) dumpProgram(join(dump, `s${seed}`), result);
  }
  if (process.env['PSC_MINIMIZE']) printMinimized(failing);
  return failing.map((r) => `seed ${r.spec.seed}: ${[...new Set(r.failures.map(stageOf))].join(', ')}`);
}

/** Shrinks the first failing program of each stage (up to five) and prints what is left of it, before and after. */
function printMinimized(failing: readonly ProgramResult[]): void {
  const seen = new Set<string>();
  for (const result of failing) {
    const stage = stageOf(result.failures[0] ?? '');
    if (seen.has(stage) || seen.size >= 5) continue;
    seen.add(stage);
    const typecheck = stage === 'typecheck';
    const small = minimize(result.spec, (candidate) => {
      const failures = failuresOf(candidate, typecheck);
      return failures.some((f) => stageOf(f) === stage) && !failures.some((f) => stageOf(f) === 'generator');
    });
    const [again] = checkSpecs([small]);
    if (!again) continue;
    const inputs = again.program.files.map((f) => `--- ${f.path} ${JSON.stringify(f.text)}\n${f.text}`);
    // The singleton is left out: it is the same in every program.
    const outputs = [...(again.after ?? [])].filter(([path, text]) => path !== SINGLETON && again.program.files.find((f) => f.path === path)?.text !== text);
    console.log(
      `MINIMIZED seed ${result.spec.seed} [${stage}]\n${inputs.join('\n')}\n${outputs.map(([path, text]) => `--- ${path} (after)\n${text}`).join('\n')}\n` +
        `  ${failuresOf(small, typecheck).join('\n  ')}`,
    );
  }
}

describe('generated programs', () => {
  let results: ProgramResult[] = [];
  let work = '';

  beforeAll(() => {
    console.log(`generated programs: ${PROGRAMS} from base seed ${BASE_SEED} (replay: PSC_SEED=${BASE_SEED} PSC_PROGRAMS=${PROGRAMS})`);
    const started = performance.now();
    results = checkSpecs(Array.from({ length: PROGRAMS }, (_, i) => generateProgram(programSeed(BASE_SEED, i))));
    const files = results.reduce((n, r) => n + r.program.files.length, 0);
    const sites = results.reduce((n, r) => n + r.program.sites.length, 0);
    console.log(`generated, planned, applied and re-planned ${files} files with ${sites} sites in ${Math.round(performance.now() - started)} ms`);
    work = scratchDir('psc-generated-');
  });
  afterAll(() => {
    if (work) remove(work);
  });

  it('plans, applies and re-plans every program: findings, output, style and --check are right', () => {
    expect(report(results)).toEqual([]);
  });

  it('type-checks every program after the rewrite against the stub client', () => {
    const started = performance.now();
    const { bySeed, global } = typecheckResults(work, results);
    console.log(`type-checked ${results.length} programs before and after in ${Math.round(performance.now() - started)} ms`);
    expect(global).toEqual([]);
    expect(report(results.map((r) => ({ ...r, failures: bySeed.get(r.spec.seed) ?? [] })))).toEqual([]);
  });
});
