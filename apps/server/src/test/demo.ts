import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { buildApp } from '../app';
import { loadDemo } from '../demo/load';
import type { Database } from '../db/client';
import { createTestDatabase, type DatabaseTemplate } from './db';
import { testConfig, type TestApp } from './app';

/**
 * The whole demo group (`mamori demo load`), loaded once per test run and copied for each test file that wants it.
 *
 * Loading the demo takes a minute and grows with every domain; some twenty test files each loaded it (or a part of
 * it) in their own beforeAll, which was most of the suite's time. The template lives for one `vitest run` (its id
 * comes from the global setup, test/run-id.ts): the demo's dates are relative to the moment it is loaded, and the
 * code that loads it may change between runs. Templates more than a day old are removed when a run makes its own
 * (a younger one may belong to a run still going).
 */
function demoTemplate(): DatabaseTemplate & { lines(): string[] } {
  const key = `demo-${inject('testRunId')}`;
  const linesFile = join(tmpdir(), `mamori-test-${key}.lines.json`);
  return {
    key,
    family: 'demo-',
    async fill(database) {
      const { lines } = await loadDemo(database.db);
      writeFileSync(linesFile, JSON.stringify(lines));
    },
    lines() {
      if (!existsSync(linesFile)) throw new Error(`${linesFile} is missing: it is written with the demo template`);
      return JSON.parse(readFileSync(linesFile, 'utf8')) as string[];
    },
  };
}

let template: ReturnType<typeof demoTemplate> | undefined;

/** A fresh database holding the whole demo group; `lines` is what `mamori demo load` printed. */
export async function createDemoTestDatabase(): Promise<Database & { lines: string[] }> {
  template ??= demoTemplate();
  return Object.assign(await createTestDatabase(template), { lines: template.lines() });
}

/** A real app on a fresh database holding the whole demo group; `lines` is what `mamori demo load` printed. */
export async function createDemoTestApp(extra: Record<string, string> = {}): Promise<TestApp & { lines: string[] }> {
  const { lines, ...database } = await createDemoTestDatabase();
  const app = await buildApp({ config: testConfig(extra), database, logger: false });
  await app.ready();
  return {
    app,
    database,
    lines,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
