import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestApp } from '../../../test/app';
import { createDemoTestApp } from '../../../test/demo';

let t: TestApp;
let lines: string[];
beforeAll(async () => {
  ({ lines, ...t } = await createDemoTestApp());
}, 300_000);
afterAll(() => t.close());

describe('drills demo', () => {
  it('has two past drills, the later one with fewer clicks and more reports, and results per unit', async () => {
    expect(lines.filter((l) => l.startsWith('drill ')).length).toBe(2);
    const ciso = await createUser(t.database, [{ role: 'ciso' }]);
    const trend = json<{ drillId: string; fiscalYear: number; delivered: number; clicked: number; reported: number }[]>(
      await as(t.app, ciso).get('/api/drills/trend'),
    );
    expect(trend).toHaveLength(2);
    const [first, second] = trend as [(typeof trend)[0], (typeof trend)[0]];
    expect(first.fiscalYear).toBeLessThanOrEqual(second.fiscalYear);
    expect(second.clicked / second.delivered).toBeLessThan(first.clicked / first.delivered);
    expect(second.reported / second.delivered).toBeGreaterThan(first.reported / first.delivered);
    const byUnit = json<{ rows: { recipients: number; clicked: number }[]; filtered: Record<string, number> }>(
      await as(t.app, ciso).get(`/api/drills/${second.drillId}/results?by=unit`),
    );
    expect(byUnit.rows.length).toBeGreaterThanOrEqual(2);
    expect(byUnit.rows.every((r) => r.recipients >= 5)).toBe(true);
    expect(Object.values(byUnit.filtered).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});
