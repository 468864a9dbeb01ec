import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildPlan, CodemodError, exitCodeOf, parseOptions, run } from '../src/index.js';
import { readProjectFacts } from '../src/discover/project-facts.js';
import { copyFixture, FIXTURES, mtimes, readTree, remove, tempDir } from './support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

function copy(name: string): string {
  return copyFixture(name, temps);
}

describe('the programmatic API', () => {
  it('returns the plan of a dry run without printing, exiting or writing', async () => {
    const dir = copy('seed-15-files');
    const before = readTree(dir);
    const times = mtimes(dir);
    const log = vi.spyOn(process.stdout, 'write');
    const exit = vi.spyOn(process, 'exit');
    const result = await run(parseOptions('apps/api', { dryRun: true }, dir));
    expect(log).not.toHaveBeenCalled();
    expect(exit).not.toHaveBeenCalled();
    log.mockRestore();
    exit.mockRestore();
    expect(result.applied).toBe(false);
    expect(result.plan.changes.map((c) => c.path)).toContain('src/lib/prisma.ts');
    expect(result.plan.findings.filter((f) => f.action === 'rewrite')).toHaveLength(15);
    expect(exitCodeOf(result)).toBe(0);
    expect(readTree(dir)).toEqual(before);
    expect(mtimes(dir)).toEqual(times);
  });

  it('writes only in apply mode, and the result says so', async () => {
    const dir = copy('class-field-and-constructor');
    const result = await run(parseOptions('.', {}, dir));
    expect(result.applied).toBe(true);
    expect(readTree(dir)).toEqual(readTree(join(FIXTURES, 'class-field-and-constructor', 'after')));
  });

  it('reports errors as CodemodErrors with their exit code instead of exiting', async () => {
    const error: unknown = await run(parseOptions('missing-folder', {}, tempDir())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CodemodError);
    expect(error instanceof CodemodError && error.exitCode).toBe(2);
  });

  it('plans from texts alone with the pure core', () => {
    const plan = buildPlan({
      files: [{ path: 'src/a.ts', text: "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n" }],
      skipped: [],
      project: readProjectFacts({ packageJson: '{"type":"module"}', tsconfigs: [] }),
      hasSrcDir: true,
      sourcePaths: new Set(['src/a.ts']),
      specifiers: [],
      options: { singletonPath: undefined, all: false, importExtension: undefined },
    });
    expect(plan.changes.find((c) => c.path === 'src/a.ts')?.after).toBe("import { prisma as db } from './lib/prisma.js';\nexport { db };\n");
  });
});
