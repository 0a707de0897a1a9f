import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Names what one `vitest run` makes once and shares between its workers (the demo template, test/demo.ts). */
    testRunId: string;
  }
}

/** Global setup (vitest.config.ts): one id per test run, the same in every worker. */
export default function setup(project: TestProject): void {
  // the creation time first (base 36, then `-`): test/db.ts removes templates of runs more than a day old by it
  project.provide('testRunId', `${Date.now().toString(36)}-${process.pid.toString(36)}`);
}
