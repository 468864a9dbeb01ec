import { defineConfig } from 'vitest/config';

// The default tier (`npm test`): everything that needs only Node, in-process. The slow tier is vitest.ci.config.ts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/ci/**', '**/node_modules/**'],
    // One module graph per worker: the TypeScript compiler (ts-morph's and the type-checking tests') loads once per
    // worker instead of once per test file. Tests share no mutable module state.
    pool: 'threads',
    maxWorkers: 2,
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
