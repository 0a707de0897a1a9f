import { defineConfig } from 'vitest/config';

// End-to-end tests: run through `npm run test:e2e` (e2e/run.mjs starts the server and sets E2E_BASE_URL).
// One file at a time in one worker: the tests share one server and drive one Chromium each.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    isolate: true,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    retry: 0,
    reporters: ['default'],
  },
});
