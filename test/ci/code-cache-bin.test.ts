import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, remove, runCli, spawnCli, tempDir } from '../support/helpers.js';

// The real bin, cold and warm, against the in-process run (test/cli/code-cache.test.ts has the cache's own cases).
const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const nodeHasItsOwn = typeof (createRequire(import.meta.url)('node:module') as { enableCompileCache?: unknown }).enableCompileCache === 'function';

describe('the bin with the code cache', () => {
  it('prints the same findings cold, warm and in-process, and keeps the code in the folder it was given', async () => {
    const dir = copyFixture('seed-15-files', temps);
    const folder = tempDir('psc-cache-');
    temps.push(folder);
    const runs = [1, 2].map(() => spawnCli(['apps/api', '--check', '--reporter', 'json'], dir, { NODE_COMPILE_CACHE: folder }));
    const [cold, warm] = runs;
    expect(runs.map((run) => run.status)).toEqual([1, 1]);
    const inProcess = await runCli(['apps/api', '--check', '--reporter', 'json'], dir);
    expect(JSON.parse(cold?.stdout ?? '').findings.length).toBeGreaterThan(0);
    expect(cold?.stdout).toBe(inProcess.stdout);
    expect(warm?.stdout).toBe(cold?.stdout);
    if (!nodeHasItsOwn) {
      const saved = readdirSync(join(folder, 'prisma-singleton-codemod'));
      expect(saved).toEqual([expect.stringMatching(/^typescript-[0-9a-f]{24}\.ascii\.bin$/)]);
      expect(readFileSync(join(folder, 'prisma-singleton-codemod', saved[0] ?? '')).length).toBeGreaterThan(100_000);
    } else {
      expect(existsSync(folder)).toBe(true);
    }
  });
});
