import { defineConfig } from 'vitest/config';

// The slow tier (`npm run test:ci`): real processes, signals, the packed tarball, stress and fault runs, and the
// generated programs (500; npm test samples 50), the oracle over them (500; npm test samples 70) and every cell of
// the singleton compile matrix (npm test samples one cell per variant, module system and client) at full size. The real-database e2e runs after it, from .ci/run.
export default defineConfig({
  test: {
    include: ['test/ci/**/*.test.ts', 'test/generated-programs.test.ts', 'test/oracle.test.ts', 'test/plan/singleton-compile-matrix.test.ts'],
    // Two files at a time on the 2-core CI machine: the slowest files wait on child processes (npm installing the
    // hook, killed and rerun CLIs), so pairing them cut the tier from 326 s to 247 s here.
    pool: 'forks',
    maxWorkers: 2,
    env: { PSC_PROGRAMS: '500', PSC_ORACLE_PROGRAMS: '500', PSC_COMPILE_MATRIX: 'all' },
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
