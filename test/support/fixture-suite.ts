import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureCases } from './fixture-cases.js';
import { copyTree, installStubs, isNestProject, loadAllModules, readTree, remove, runCli, tempDir } from './helpers.js';
import { typecheckProjects } from './typecheck.js';

/**
 * The fixture suite for the cases of one shard: `npm test` runs two workers, and the fixtures are the longest part of
 * it, so they are split over two test files (fixtures-1, fixtures-2) that the workers run side by side. The cases
 * whose case.json says `"tier": "ci"` run in `npm run test:ci` instead (test/ci/fixtures-ci.test.ts).
 */
export function describeFixtures(shard: number, shards: number, tier: 'default' | 'ci' = 'default'): void {
  const cases = fixtureCases()
    .filter((fixture) => fixture.tier === tier)
    .filter((_, index) => index % shards === shard - 1);
  const temps: string[] = [];
  afterAll(() => temps.forEach(remove));
  const copy = (from: string): string => {
    const work = tempDir();
    temps.push(work);
    copyTree(from, work);
    return work;
  };
  // Every after/ tree of the shard, type-checked together the first time one is asked for (typecheckProjects shares
  // a program between projects with the same compiler options): per fixture, the diagnostics of each tsconfig.
  let results: Map<string, string[][]> | undefined;
  const checked = (): Map<string, string[][]> => {
    if (results) return results;
    const projects = cases.flatMap((fixture) => {
      // Nest cases are type-checked against the real @nestjs packages in test/ci/nest-boot.test.ts.
      if (fixture.typecheck.length === 0 || isNestProject(join(fixture.dir, 'before'))) return [];
      const work = copy(join(fixture.dir, 'after'));
      installStubs(work);
      return fixture.typecheck.map((tsconfig) => ({ name: fixture.name, dir: work, tsconfig }));
    });
    const diagnostics = typecheckProjects(projects);
    results = new Map();
    for (const [index, project] of projects.entries()) results.set(project.name, [...(results.get(project.name) ?? []), diagnostics[index] ?? []]);
    return results;
  };
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
        const diagnostics = checked().get(fixture.name);
        for (const [index, tsconfig] of fixture.typecheck.entries()) expect(diagnostics?.[index], tsconfig).toEqual([]);
      });

    if (fixture.runtime)
      it('after/ constructs exactly one client when every module is loaded', () => {
        const work = copy(join(fixture.dir, 'after'));
        installStubs(work);
        expect(loadAllModules(work)).toEqual({ constructed: 1, failures: [] });
      });
  });
}
