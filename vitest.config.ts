import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'apps/web/src/**/*.test.tsx'],
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
  },
});
