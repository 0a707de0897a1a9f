import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  const prebuild = prebuildDemo(project, runId);
  return async () => {
    if (prebuild && prebuild.exitCode === null && prebuild.signalCode === null) {
      const exited = new Promise((r) => prebuild.once('exit', r));
      prebuild.kill('SIGTERM');
      await exited;
    }
    const url = process.env.TEST_DATABASE_URL;
    if (url) await dropRunDatabases(url, runTag(runId), staleMember);
  };
}

/**
 * In CI (or with MAMORI_TEST_PREBUILD=1), the server project's run starts making its demo template at once, in a
 * process of its own (test/prebuild-demo.ts); its output goes to a log in the temp directory. Off for a developer's
 * run of a few files, which mostly need no demo. MAMORI_TEST_PREBUILD=0 turns it off in CI.
 */
function prebuildDemo(project: TestProject, runId: string): ChildProcess | undefined {
  const wanted = process.env.MAMORI_TEST_PREBUILD ?? (process.env.CI ? '1' : '0');
  if (wanted !== '1' || project.name !== 'server') return undefined;
  const script = join(dirname(fileURLToPath(import.meta.url)), 'prebuild-demo.ts');
  const log = openSync(join(tmpdir(), `mamori-test-prebuild-${runId}.log`), 'w');
  return spawn(process.execPath, ['--import', 'tsx', '--max-old-space-size=1536', script, runId], {
    env: { ...process.env, ...(project.config.env as Record<string, string>) },
    stdio: ['ignore', log, log],
  });
}
