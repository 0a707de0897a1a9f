import type { Iec62443Assessment, Iec62443Summary } from '@mamori/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsDemoLoader } from '../../../demo/accounts';
import { loadDemo } from '../../../demo/load';
import { orgDemoLoader } from '../../../demo/org';
import { as, createTestApp, createUser, json, type TestApp } from '../../../test/app';
import { psirtDemoLoader } from '../../vulnerabilities/demo';
import { iec62443DemoLoader } from './demo';

let t: TestApp;
let lines: string[];
// only the loaders this one stands on (the whole demo takes minutes on a shared host)
beforeAll(async () => {
  t = await createTestApp();
  ({ lines } = await loadDemo(t.database.db, [orgDemoLoader, accountsDemoLoader, psirtDemoLoader, iec62443DemoLoader]));
}, 600_000);
afterAll(() => t.close());

describe('IEC 62443 demo', () => {
  it('gives the programmable controller a partly filled SL 2 assessment and a 4-1 self-assessment', async () => {
    expect(lines.join('\n')).toMatch(/IEC 62443: HSZ-PLC-X1 embedded device, SL-T 2/);
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const [s] = json<{ items: Iec62443Summary[] }>(await as(t.app, office).get('/api/iec62443-assessments')).items;
    expect(s).toMatchObject({ productCode: 'HSZ-PLC-X1', componentType: 'embedded_device' });
    expect(s!.counts.met).toBeGreaterThan(30);
    expect(s!.counts.partly + s!.counts.notMet + s!.counts.open).toBeGreaterThan(5);
    const a = json<Iec62443Assessment>(await as(t.app, office).get(`/api/products/${s!.productId}/iec62443`));
    expect(a.slCapability.fr4).toBe(2); // CR 4.1–4.3 met, the SL 3 enhancements open
    expect(a.slCapability.fr1).toBe(1); // CR 1.2 partly, CR 1.8 not met (both SL 2)
    expect(a.practices).toHaveLength(8);
    expect(a.requirements.filter((r) => r.status === 'not_applicable').every((r) => r.reason)).toBe(true);
  });
});
