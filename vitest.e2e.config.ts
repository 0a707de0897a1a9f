import { defineConfig } from 'vitest/config';

// End-to-end tests: run through `npm run test:e2e` (e2e/run.mjs starts the server and sets E2E_BASE_URL).
// Two files at a time (the machine's two cores): each file starts its own server (own-server.ts) and drives its own
// Chromium, except the platform and smoke scenarios, which share run.mjs's server and never run at once as each
// creates or signs in its own accounts. One file at a time took 20+ minutes of CI's 25.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    isolate: true,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    retry: 0,
    reporters: ['default'],
  },
});
