import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestApp } from '../../test/app';
import { createDemoTestApp } from '../../test/demo';

let t: TestApp;
let lines: string[];
beforeAll(async () => {
  ({ lines, ...t } = await createDemoTestApp());
}, 300_000);
afterAll(() => t.close());

describe('partner demo', () => {
  it('adds partners with five years of scores, some below threshold, sub-contractors and one expired NDA', async () => {
    expect(lines.join('\n')).toMatch(/partners: 40/);
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const d = json<{
      partners: number;
      trend: { fiscalYear: number; belowThreshold: number }[];
      partnersWithoutValidNda: number;
      subcontractorsWithoutNotice: number;
    }>(await as(t.app, office).get('/api/partner-dashboard'));
    expect(d.partners).toBe(40);
    expect(d.trend).toHaveLength(5);
    expect(d.trend.some((y) => y.belowThreshold > 0)).toBe(true);
    expect(d.partnersWithoutValidNda).toBe(1);
    expect(d.subcontractorsWithoutNotice).toBeGreaterThan(0);
    const low = json<{ items: unknown[] }>(await as(t.app, office).get('/api/partners?scoreMax=60'));
    expect(low.items.length).toBeGreaterThan(0);
  });
});
