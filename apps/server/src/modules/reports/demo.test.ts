import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestApp } from '../../test/app';
import { createDemoTestApp } from '../../test/demo';
import { generateRun } from './generate/service';
import { reportRuns, reportSchedules } from './tables';

let t: TestApp;
let lines: string[];
beforeAll(async () => {
  ({ lines, ...t } = await createDemoTestApp());
}, 1_100_000);
afterAll(() => t.close());

describe('reports demo', () => {
  it('queues the yearly report, which the job writes from the demo data', async () => {
    expect(lines.join('\n')).toMatch(/yearly report queued/);
    const [run] = await t.database.db.select().from(reportRuns);
    expect(run).toMatchObject({ templateId: 'yearly-security-report', language: 'ja', status: 'queued' });
    await generateRun(t.database.db, run!.id);
    const [done] = await t.database.db.select().from(reportRuns).where(eq(reportRuns.id, run!.id));
    expect(done!.status, JSON.stringify(done!.error)).toBe('done');
    const [schedule] = await t.database.db.select().from(reportSchedules);
    expect(schedule).toMatchObject({ templateId: 'monthly-ciso-summary', frequency: 'monthly' });
    expect(schedule!.nextRunAt.getTime()).toBeGreaterThan(Date.now() - 31 * 86_400_000);
  }, 120_000);

  it("shows the CISO the group's figures from the demo's incidents", async () => {
    const ciso = await createUser(t.database, [{ role: 'ciso' }]);
    type Fig = { source: string; value: number | null; previous: number | null; history?: unknown[] };
    const d = json<{ figures: Fig[] }>(await as(t.app, ciso).get('/api/dashboard'));
    const open = d.figures.find((f) => f.source === 'incidents.open')!;
    expect(open.value).toBeGreaterThan(0);
    // the demo's snapshots give the open figures a month-back trend and a 90-day sparkline
    expect(lines.join('\n')).toMatch(/dashboard snapshots of \d+ scopes/);
    expect(open.previous).not.toBeNull();
    expect(open.history).toHaveLength(90);
  });
});
