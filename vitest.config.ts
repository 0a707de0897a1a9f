import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files that copy the run's demo template start after the first NOT_BEFORE others. In CI the template is made by a
 * process of its own from the start of the run (apps/server/src/test/prebuild-demo.ts); a demo file that came first
 * would wait for it with its worker idle. Otherwise vitest's order (slowest first when it has timings, else largest).
 */
const NOT_BEFORE = 12;
const usesDemo = (file: string) => /createDemoTest(App|Database)\(/.test(readFileSync(file, 'utf8'));
class DemoFilesLater extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const demo = sorted.filter((f) => usesDemo(f.moduleId));
    const other = sorted.filter((f) => !demo.includes(f));
    return [...other.slice(0, NOT_BEFORE), ...demo, ...other.slice(NOT_BEFORE)];
  }
}

/**
 * Test files that measure the process's memory (src/test/memory.ts): each runs in a process of its own, since a
 * process that already ran other files carries their heap and V8 then lets garbage grow further before collecting.
 * memoryGrowth() refuses to measure in a shared process, so a file missing here fails with that message.
 */
const MEASURED = [
  'apps/server/src/**/*-bombs.test.ts',
  'apps/server/src/platform/files/upload-memory.test.ts',
  'apps/server/src/modules/assets/ledger/import.test.ts',
  // Not a memory test, but the same reason: the every-route fuzz holds a copy of the whole demo in memory and sends
  // ~5,000 requests. In a worker that had run a hundred files before it, it took 705 s in a CI rehearsal against 79 s
  // alone (session 14); in a process of its own it starts with an empty heap.
  ...(!process.env.TEST_DATABASE_URL || process.env.FUZZ_ON_POSTGRES === '1'
    ? ['apps/server/src/platform/http/every-route-4xx.test.ts']
    : []), // on PostgreSQL it skips itself: in a shared worker, not after a process of its own imported the app (20 s)
];

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
    setupFiles: ['apps/server/src/test/file-count.ts'],
    sequence: { sequencer: DemoFilesLater },
    // one id per run for what the workers share (the demo template, apps/server/src/test/demo.ts)
    globalSetup: ['apps/server/src/test/run-id.ts'],
    // CI also lists the slowest files, hooks included, to keep the suite's time in view (.ci/run has a budget)
    reporters: process.env.CI ? ['default', './apps/server/src/test/slowest-files.ts'] : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['apps/server/src/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
          exclude: MEASURED,
          // A worker runs its files one after another in one module graph: importing the app (transforming and
          // evaluating ~900 modules) costs 5–8 s, once per worker instead of once per file (docs/architecture.md,
          // "Tests"). Safe because the server keeps no state in modules that a file could leak to the next: every
          // cache is keyed by the database it was read from, and the server's tests neither mock modules nor stub
          // globals.
          isolate: false,
        },
      },
      { extends: true, test: { name: 'server-measured', include: MEASURED } },
      {
        extends: true,
        test: { name: 'web', include: ['apps/web/src/**/*.test.ts', 'apps/web/src/**/*.test.tsx'] },
      },
    ],
  },
});
