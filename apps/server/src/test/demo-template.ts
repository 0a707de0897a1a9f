import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemo } from '../demo/load';
import type { DatabaseTemplate } from './db';

export type DemoTemplate = DatabaseTemplate & { lines(): string[] };

/**
 * The whole demo group (`mamori demo load`), loaded once per test run and copied for each test file that wants it.
 *
 * Loading the demo takes a minute and grows with every domain; some twenty test files each loaded it (or a part of
 * it) in their own beforeAll, which was most of the suite's time. The template lives for one `vitest run` (its id
 * comes from the global setup, test/run-id.ts): the demo's dates are relative to the moment it is loaded, and the
 * code that loads it may change between runs. Templates more than a day old are removed when a run makes its own
 * (a younger one may belong to a run still going). In CI the global setup starts making it at once, in a process of
 * its own (test/prebuild-demo.ts), while the workers run the files that do not need it.
 */
export function demoTemplate(runId: string): DemoTemplate {
  const key = `demo-${runId}`;
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
