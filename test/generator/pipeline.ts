import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { remove } from '../support/helpers.js';
import { checkProgram } from './check-program.js';
import { renderProgram, type RenderedProgram } from './render.js';
import type { ProgramSpec } from './spec.js';
import { typecheckTrees, type Tree } from './typecheck.js';

/** Everything known about one program after a run. */
export interface ProgramResult {
  readonly spec: ProgramSpec;
  readonly program: RenderedProgram;
  readonly after: ReadonlyMap<string, string> | undefined;
  readonly failures: readonly string[];
}

/** Renders and checks each spec in memory; specs must have distinct seeds. */
export function checkSpecs(specs: readonly ProgramSpec[]): ProgramResult[] {
  return specs.map((spec) => ({ spec, ...checkProgram(renderProgram(spec)) }));
}

/**
 * Type-checks every program before and after the rewrite with one tsc run in `root`. Returns tsc's complaints
 * by seed (about the input: a generator bug; about the output: a codemod bug) and those about no program.
 */
export function typecheckResults(root: string, results: readonly ProgramResult[]): { bySeed: Map<number, string[]>; global: readonly string[] } {
  // Only the sources: the shared tsconfig and package.json at the root stand in for each program's own.
  const trees: Tree[] = results.flatMap((result) => [
    { label: `before/s${result.spec.seed}`, files: new Map(result.program.files.map((f) => [f.path, f.text])) },
    ...(result.after ? [{ label: `after/s${result.spec.seed}`, files: result.after }] : []),
  ]);
  const errors = typecheckTrees(root, trees);
  const bySeed = new Map<number, string[]>();
  for (const { spec } of results) {
    const before = errors.get(`before/s${spec.seed}`) ?? [];
    const after = errors.get(`after/s${spec.seed}`) ?? [];
    const failures = before.length > 0 ? before.map((e) => `[generator] input does not type-check: ${e}`) : after.map((e) => `[typecheck] ${e}`);
    if (failures.length > 0) bySeed.set(spec.seed, failures);
  }
  return { bySeed, global: errors.get('*') ?? [] };
}

/** The whole pipeline for one spec in a temp folder of its own; the minimizer calls this on every attempt. */
export function failuresOf(spec: ProgramSpec, typecheck: boolean): readonly string[] {
  const [result] = checkSpecs([spec]);
  if (!result || !typecheck) return result?.failures ?? [];
  const root = scratchDir('psc-min-');
  try {
    const { bySeed, global } = typecheckResults(root, [result]);
    return [...result.failures, ...(bySeed.get(spec.seed) ?? []), ...global];
  } finally {
    remove(root);
  }
}

/** Writes a program's input and output trees below `dir` (`before/`, `after/`), ready to become a fixture. */
export function dumpProgram(dir: string, result: ProgramResult): void {
  const write = (label: string, files: ReadonlyMap<string, string>): void => {
    for (const [path, text] of treeOf(result.program, files)) {
      mkdirSync(dirname(join(dir, label, path)), { recursive: true });
      writeFileSync(join(dir, label, path), text);
    }
  };
  write('before', new Map(result.program.files.map((f) => [f.path, f.text])));
  if (result.after) write('after', result.after);
  writeFileSync(join(dir, 'failures.txt'), `${result.failures.join('\n')}\n`);
}

/** A fresh folder for type-check trees: in memory (/dev/shm) where there is one, since thousands of small files go there. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), prefix));
}

function treeOf(program: RenderedProgram, sources: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...program.config.map((f): [string, string] => [f.path, f.text]), ...sources]);
}

/** The stage of a failure (`[typecheck] ...` -> `typecheck`), to keep a minimized program failing the same way. */
export function stageOf(failure: string): string {
  return /^\[([^\]]+)\]/.exec(failure)?.[1] ?? '';
}
