import { inject } from 'vitest';
import { buildApp } from '../app';
import type { Database } from '../db/client';
import { createTestDatabase } from './db';
import { demoTemplate, type DemoTemplate } from './demo-template';
import { testConfig, type TestApp } from './app';

let template: DemoTemplate | undefined;

/** A fresh database holding the whole demo group; `lines` is what `mamori demo load` printed. */
export async function createDemoTestDatabase(): Promise<Database & { lines: string[] }> {
  template ??= demoTemplate(inject('testRunId'));
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
