import type { TestProject } from 'vitest/node';
import { dropRunDatabases, runTag, staleMember } from './pg-drops';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Names what one `vitest run` makes once and shares between its workers (the demo template, test/demo.ts). */
    testRunId: string;
  }
}

/**
 * Global setup (vitest.config.ts): one id per test run, the same in every worker. The teardown drops the run's
 * PostgreSQL test databases that the files' closes have not dropped yet (test/pg-drops.ts).
 */
export default function setup(project: TestProject): () => Promise<void> {
  // the creation time first (base 36, then `-`): test/db.ts removes templates of runs more than a day old by it
  const runId = `${Date.now().toString(36)}-${process.pid.toString(36)}`;
  project.provide('testRunId', runId);
  return async () => {
    const url = process.env.TEST_DATABASE_URL;
    if (url) await dropRunDatabases(url, runTag(runId), staleMember);
  };
}
