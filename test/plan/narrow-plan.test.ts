import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/types.js';
import { type ChangedLines, narrowPlan } from '../../src/plan/narrow-plan.js';
import { finding } from '../report/builders.js';

const PLAN: Plan = {
  changes: [],
  findings: [finding('src/a.ts', 4), finding('src/a.ts', 9), finding('src/b.ts', 2), finding('src/new.ts', 7)],
  skipped: [
    { path: 'src/broken.ts', reason: 'parse-error', line: 1, column: 1 },
    { path: 'src/old-broken.ts', reason: 'parse-error', line: 1, column: 1 },
  ],
  singleton: null,
  singletons: [],
  leftAlone: { test: 0, seed: 0, script: 0 },
  warnings: [],
  clientClasses: [],
};

describe('narrowPlan', () => {
  it('keeps findings on changed lines, all of a new file, and skips of changed files', () => {
    const narrowed = narrowPlan(
      PLAN,
      new Map<string, ChangedLines>([
        ['src/a.ts', [[8, 10]]],
        ['src/new.ts', 'all'],
        ['src/broken.ts', [[3, 3]]],
      ]),
    );
    expect(narrowed.findings.map((f) => `${f.path}:${f.line}`)).toEqual(['src/a.ts:9', 'src/new.ts:7']);
    expect(narrowed.skipped.map((s) => s.path)).toEqual(['src/broken.ts']);
  });

  it('drops everything when nothing changed', () => {
    expect(narrowPlan(PLAN, new Map())).toMatchObject({ findings: [], skipped: [] });
  });
});
