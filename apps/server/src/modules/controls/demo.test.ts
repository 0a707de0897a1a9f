import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestApp } from '../../test/app';
import { createDemoTestApp } from '../../test/demo';

let t: TestApp;
let lines: string[];
beforeAll(async () => {
  ({ lines, ...t } = await createDemoTestApp());
}, 300_000);
afterAll(() => t.close());

describe('controls demo', () => {
  it("gives the group's SoA an approved version and a newer draft that differs in a few controls", async () => {
    expect(lines.join('\n')).toMatch(/SoA: the group's/);
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const [soa] = json<
      { id: string; approved: { number: number; applicable: number }; open: { number: number; status: string } }[]
    >(await as(t.app, office).get('/api/soa'));
    expect(soa).toMatchObject({ approved: { number: 1 }, open: { number: 2, status: 'draft' } });
    expect(soa!.approved.applicable).toBeGreaterThan(85);
    const diff = json<{ changes: unknown[] }>(await as(t.app, office).get(`/api/soa/${soa!.id}/diff?from=1&to=2`));
    expect(diff.changes.length).toBeGreaterThanOrEqual(3);
    // the approved version passes the same rules a submission does: every control decided, every exclusion justified
    const v1 = json<{ entries: { applicable: boolean | null; justification: string }[] }>(
      await as(t.app, office).get(`/api/soa/${soa!.id}/versions/1`),
    );
    expect(v1.entries.every((e) => e.applicable !== null && e.justification.length > 0)).toBe(true);
  });

  it('has one control-status request about half answered', async () => {
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const [request] = json<{ totals: { units: number; answered: number } }[]>(
      await as(t.app, office).get('/api/control-status-requests'),
    );
    expect(request!.totals.answered).toBeGreaterThan(request!.totals.units * 0.2);
    expect(request!.totals.answered).toBeLessThan(request!.totals.units * 0.8);
  });
});
