import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    maxWorkers: 2,
    // --expose-gc: memory tests (src/test/memory.ts) collect garbage before their baseline. The heap cap is the one
    // `npm start` gives the server (docs/architecture.md#server-memory), so that they measure it as it runs.
    execArgv: ['--expose-gc', '--max-old-space-size=1536'],
    // The tests' master key (platform/secrets): without it the first audit event would create ./data/secret.key.
    env: { MAMORI_SECRET_KEY: Buffer.from('mamori tests only, never in use!').toString('base64') },
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['apps/server/src/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
          // A worker runs its files one after another in one module graph: importing the app (transforming and
          // evaluating ~900 modules) costs 5–8 s, once per worker instead of once per file (docs/architecture.md#tests).
          // Safe because the server keeps no state in modules that a file could leak to the next: every cache is
          // keyed by the database it was read from, and the test files neither mock modules nor stub globals.
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'web', include: ['apps/web/src/**/*.test.ts', 'apps/web/src/**/*.test.tsx'] },
      },
    ],
  },
});
