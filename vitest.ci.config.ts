import { defineConfig } from 'vitest/config';

// The slow tier (`npm run test:ci`): real processes, signals, the packed tarball, stress and fault runs, and the
// generated programs and the oracle over them at full size (500; npm test runs a sample of 100 of each). The real-database e2e runs after it, from .ci/run.
export default defineConfig({
  test: {
    include: ['test/ci/**/*.test.ts', 'test/generated-programs.test.ts', 'test/oracle.test.ts'],
    env: { PSC_PROGRAMS: '500', PSC_ORACLE_PROGRAMS: '500' },
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
