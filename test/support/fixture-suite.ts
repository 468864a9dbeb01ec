import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FixtureCase } from './fixture-cases.js';
import { copyTree, installStubs, isNestProject, loadAllModules, readTree, remove, runCli, tempDir } from './helpers.js';
import { typecheckProject } from './typecheck.js';

/**
 * The fixture cases as tests: before/ rewritten into after/ byte for byte, a second run that changes nothing,
 * `--check` as case.json says (before and after), after/ type-checked against the stub client, and loaded under
 * Node for runtime cases. `npm test` runs the default tier's cases, `npm run test:ci` the rest.
 */
export function fixtureSuite(cases: readonly FixtureCase[]): void {
  const temps: string[] = [];
  afterAll(() => temps.forEach(remove));

  function copy(from: string): string {
    const work = tempDir();
    temps.push(work);
    copyTree(from, work);
    return work;
  }

  describe.each(cases)('fixture $name', (fixture) => {
    it('rewrites before/ into after/ byte for byte, then changes nothing, then --check agrees', async () => {
      const work = copy(join(fixture.dir, 'before'));
      const expected = readTree(join(fixture.dir, 'after'));

      const first = await runCli([fixture.target, ...fixture.args], work);
      expect(first.stderr).not.toContain('internal error');
      expect(first.status, first.stdout + first.stderr).toBe(fixture.exitCode);
      for (const line of fixture.expectOutput) expect(first.stdout + first.stderr).toContain(line);
      expect(readTree(work)).toEqual(expected);

      const second = await runCli([fixture.target, ...fixture.args], work);
      expect(second.status, second.stdout + second.stderr).toBe(fixture.exitCode);
      expect(readTree(work)).toEqual(expected);

      const check = await runCli([fixture.target, '--check', ...fixture.args], work);
      expect(check.status, check.stdout + check.stderr).toBe(fixture.checkExitCode);
    });

    const { checkBefore } = fixture;
    if (checkBefore)
      it('--check on before/ exits as case.json says, naming every site', async () => {
        const work = copy(join(fixture.dir, 'before'));
        const check = await runCli([fixture.target, '--check', ...fixture.args], work);
        expect(check.status, check.stdout + check.stderr).toBe(checkBefore.exitCode);
        const printed = (check.stdout + check.stderr).split('\n');
        for (const line of checkBefore.output) expect(printed).toContain(line);
      });

    // JavaScript cases and cases that must refuse (exit 2) have nothing to type-check. Nest cases are type-checked
    // against the real @nestjs packages in test/ci/nest-boot.test.ts (their declarations cost seconds to load).
    if (fixture.typecheck.length > 0 && !isNestProject(join(fixture.dir, 'before')))
      it('after/ type-checks against the stub client', () => {
        const work = copy(join(fixture.dir, 'after'));
        installStubs(work);
        for (const tsconfig of fixture.typecheck) expect(typecheckProject(work, tsconfig)).toEqual([]);
      });

    if (fixture.runtime)
      it('after/ constructs exactly one client when every module is loaded', () => {
        const work = copy(join(fixture.dir, 'after'));
        installStubs(work);
        expect(loadAllModules(work)).toEqual({ constructed: 1, failures: [] });
      });
  });
}
