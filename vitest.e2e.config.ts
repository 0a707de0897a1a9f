import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The two sweep files first: they are the longest by far (five to six minutes each), and the runner orders files by
 * their size when it has no timings cached (every CI run: a fresh clone), which put these four-line files last and
 * left one worker running a sweep alone at the end.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const sweep = (f: TestSpecification) => /sweep-\w+\.e2e\.ts$/.test(f.moduleId);
    return [...sorted.filter(sweep), ...sorted.filter((f) => !sweep(f))];
  }
}

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
    sequence: { sequencer: LongestFirst },
  },
});
