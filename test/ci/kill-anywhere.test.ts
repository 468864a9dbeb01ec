import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remove } from '../support/helpers.js';
import { copyProject, generateProject, killDuringWrite, killInvariants, runBin, treeOf } from './support/kill-tree.js';

// Kill-anywhere stress: apply on a 2,000-file generated project, SIGKILLed at 20 random moments of its write phase.
// Each run after a kill is the rerun of the one before (it must remove the temporary file the kill left and carry
// on), until the job is done; then the tree is put back and the next kill starts afresh. After each kill: every
// file whole (its text before or after), the singleton there whenever a rewritten file imports it, at most one
// temporary file. Each completed job must equal a clean run byte for byte.
// (Type-checking 2,000 files after each kill would take minutes: kill-points.test.ts type-checks sampled points of a
// smaller project; here the invariants above, which imply it, are checked at random moments.)
const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const KILLS = 20;
const SEED = Number(process.env['PSC_STRESS_SEED'] ?? '13');

/** mulberry32: a small seeded generator, so that a failing run can be repeated with PSC_STRESS_SEED. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Puts every file back to its text before the run and removes what the run added. */
function restore(dir: string, tree: Record<string, string>, before: Record<string, string>): void {
  for (const [path, text] of Object.entries(tree)) {
    const original = before[path];
    if (original === undefined) rmSync(join(dir, path), { force: true });
    else if (original !== text) writeFileSync(join(dir, path), original, 'latin1');
  }
  for (const [path, text] of Object.entries(before)) {
    if (path in tree) continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text, 'latin1');
  }
}

describe(`kill anywhere (seed ${SEED})`, () => {
  let work = '';
  let before: Record<string, string> = {};
  let after: Record<string, string> = {};
  let writeMs = 0;

  beforeAll(async () => {
    const root = generateProject(2000, 200, temps);
    before = treeOf(root);
    // A clean run, to learn the result and how long its write phase takes (from the first temporary file on).
    const clean = copyProject(root, temps);
    const run = await killDuringWrite(clean, undefined);
    expect(run.status, run.stderr).toBe(0);
    writeMs = run.afterMarkMs;
    after = treeOf(clean);
    expect(Object.keys(after).filter((path) => after[path] !== before[path])).toHaveLength(201);
    work = copyProject(root, temps);
  });

  // About 100 s of CPU on 2 cores; the timeout leaves room for a machine shared with other work.
  it(`leaves every file whole after ${KILLS} SIGKILLs at random moments, and the runs after them complete the job`, { timeout: 400_000 }, async () => {
    const next = random(SEED);
    const writes = Object.keys(after).filter((path) => after[path] !== before[path]).length;
    let duringWrites = 0;
    let completed = 0;
    let tree = before;
    for (let kill = 1; kill <= KILLS; kill += 1) {
      // A moment within what is left of the write phase: fewer files remain after each kill.
      const left = Object.keys(after).filter((path) => after[path] !== before[path] && tree[path] !== after[path]).length;
      const delayMs = Math.floor(next() * writeMs * (left / writes));
      const killed = await killDuringWrite(work, delayMs);
      if (killed.killedWriting) duringWrites += 1;
      else expect(killed.status, `run ${kill} ended by itself: ${killed.stderr}`).toBe(0);
      // A run that finished before its kill shows how long writing takes now: the machine's load moves (other test
      // files run beside this one), so the next moments are drawn from that rather than from the clean run's pace
      // (only from a run that wrote at least half the files: the exit after the last write would skew a short one).
      if (!killed.killedWriting && killed.afterMarkMs > 0 && left * 2 >= writes) writeMs = Math.round((killed.afterMarkMs * writes) / left);
      tree = treeOf(work);
      const state = killInvariants(tree, before, after);
      expect(state.violations, `kill ${kill}, ${delayMs} ms into the write phase`).toEqual([]);
      const complete = state.temps.length === 0 && Object.keys(after).every((path) => tree[path] === after[path]);
      if (!killed.killedWriting) expect(complete, `run ${kill} ended by itself (${killed.status}): ${killed.stderr}`).toBe(true);
      if (!complete) continue;
      // The job is done (byte for byte what a clean run gives); start again from the original tree.
      completed += 1;
      restore(work, tree, before);
      tree = before;
    }
    const rerun = runBin(work);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(treeOf(work)).toEqual(after);
    // Most kills must land while files are being written, or the test proves little.
    expect(duringWrites).toBeGreaterThanOrEqual(KILLS / 2);
    console.log(`kill anywhere: ${duringWrites} of ${KILLS} kills during the write phase (${writeMs} ms long), ${completed} job(s) completed between kills`);
  });
});
