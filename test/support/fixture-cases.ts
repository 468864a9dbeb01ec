import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './helpers.js';

/** A fixture's optional case.json: where to run, with which flags, and what exit codes to expect. */
export interface FixtureCase {
  readonly name: string;
  readonly dir: string;
  /** Folder below before/ to pass to the CLI (the CLI runs from before/'s copy). */
  readonly target: string;
  readonly args: readonly string[];
  readonly exitCode: number;
  readonly checkExitCode: number;
  /** Load every module of after/ under Node with the stub client and count constructions (JavaScript cases). */
  readonly runtime: boolean;
  /** Lines the first run must print (stdout and stderr together), e.g. a warning with its file:line. */
  readonly expectOutput: readonly string[];
  /** tsconfig files (relative to the tree) that must type-check after the rewrite; [] for JavaScript cases. */
  readonly typecheck: readonly string[];
  /** `--check` on before/: its exit code and the lines it must print (each site with path:line:column). */
  readonly checkBefore: { readonly exitCode: number; readonly output: readonly string[] } | undefined;
  /** `ci`: run by `npm run test:ci` only (test/ci/fixtures-ci.test.ts), to keep `npm test` within its budget. */
  readonly tier: 'default' | 'ci';
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/** Every fixture case on disk, sorted by name. */
export function fixtureCases(): FixtureCase[] {
  return readdirSync(FIXTURES)
    .filter((name) => existsSync(join(FIXTURES, name, 'before')))
    .sort()
    .map((name) => {
      const dir = join(FIXTURES, name);
      const file = join(dir, 'case.json');
      const raw: Record<string, unknown> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
      const target = typeof raw['target'] === 'string' ? raw['target'] : '.';
      return {
        name,
        dir,
        target,
        args: stringArray(raw['args']) ?? [],
        exitCode: typeof raw['exitCode'] === 'number' ? raw['exitCode'] : 0,
        checkExitCode: typeof raw['checkExitCode'] === 'number' ? raw['checkExitCode'] : 0,
        expectOutput: stringArray(raw['expectOutput']) ?? [],
        runtime: raw['runtime'] === true,
        typecheck: stringArray(raw['typecheck']) ?? (existsSync(join(dir, 'before', target, 'tsconfig.json')) ? [join(target, 'tsconfig.json')] : []),
        checkBefore: checkBeforeOf(raw['checkBefore']),
        tier: raw['tier'] === 'ci' ? 'ci' : 'default',
      };
    });
}

function checkBeforeOf(value: unknown): FixtureCase['checkBefore'] {
  if (typeof value !== 'object' || value === null || !('exitCode' in value) || typeof value.exitCode !== 'number') return undefined;
  return { exitCode: value.exitCode, output: ('output' in value ? stringArray(value.output) : undefined) ?? [] };
}
