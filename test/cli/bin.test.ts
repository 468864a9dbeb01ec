import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, readTree, remove, spawnCli } from '../support/helpers.js';

// The few tests that run the built bin in a real process: it loads the CLI, passes argv, and sets the exit code.
const temps: string[] = [];
afterAll(() => temps.forEach(remove));

describe('the bin', () => {
  it('prints the version and exits 0', () => {
    const result = spawnCli(['--version'], process.cwd());
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(result.status).toBe(0);
  });

  // Apply and the exit codes after it are covered in-process (the fixtures); one real run of the whole pipeline here.
  it('exits 1 from --check on a project with clients, and 2 on a usage error, writing nothing', () => {
    const dir = copyFixture('seed-15-files', temps);
    const before = readTree(dir);
    const check = spawnCli(['apps/api', '--check'], dir);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('apps/api/src/middleware/auth.ts:15:20 new PrismaClient() outside the singleton');
    expect(readTree(dir)).toEqual(before);
    const usage = spawnCli(['--frobnicate'], dir);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("unknown option '--frobnicate'");
  });
});
