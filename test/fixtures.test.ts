import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureCases } from './fixture-cases.js';
import { copyTree, installStubs, loadAllModules, readTree, remove, runCli, tempDir, typecheck } from './helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

describe.each(fixtureCases())('fixture $name', (fixture) => {
  it('rewrites before/ into after/ byte for byte, then changes nothing, then --check agrees', () => {
    const work = tempDir();
    temps.push(work);
    copyTree(join(fixture.dir, 'before'), work);

    const first = runCli([fixture.target, ...fixture.args], work);
    expect(first.stderr.includes('internal error'), first.stderr).toBe(false);
    expect(first.status, first.stdout + first.stderr).toBe(fixture.exitCode);
    for (const line of fixture.expectOutput) expect(first.stdout + first.stderr).toContain(line);
    expect(readTree(work)).toEqual(readTree(join(fixture.dir, 'after')));

    const second = runCli([fixture.target, ...fixture.args], work);
    expect(second.status, second.stdout + second.stderr).toBe(fixture.exitCode);
    expect(readTree(work)).toEqual(readTree(join(fixture.dir, 'after')));

    const check = runCli([fixture.target, '--check', ...fixture.args], work);
    expect(check.status, check.stdout + check.stderr).toBe(fixture.checkExitCode);
  });

  // JavaScript cases and cases that must refuse (exit 2) have nothing to type-check.
  if (fixture.typecheck.length > 0) it('after/ type-checks against the stub client', () => {
    const work = tempDir();
    temps.push(work);
    copyTree(join(fixture.dir, 'after'), work);
    installStubs(work);
    for (const tsconfig of fixture.typecheck) {
      const result = typecheck(work, tsconfig);
      expect(result.output).toBe('');
      expect(result.status).toBe(0);
    }
  });

  if (fixture.runtime) it('after/ constructs exactly one client when every module is loaded', () => {
    const work = tempDir();
    temps.push(work);
    copyTree(join(fixture.dir, 'after'), work);
    installStubs(work);
    expect(loadAllModules(work)).toEqual({ constructed: 1, failures: [] });
  });
});
