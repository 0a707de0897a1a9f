import type { TaraAnalysis } from '@mamori/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestApp } from '../../../test/app';
import { createDemoTestApp } from '../../../test/demo';

let t: TestApp;
let lines: string[];
beforeAll(async () => {
  ({ lines, ...t } = await createDemoTestApp());
}, 300_000);
afterAll(() => t.close());

describe('TARA demo', () => {
  it('gives the gateway platform a full TARA whose treated risks are consistent with their derived values', async () => {
    expect(lines.join('\n')).toMatch(/TARA: HSZ-ECU-CGW5 with 6 threat scenarios/);
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const [product] = json<{ items: { id: string }[] }>(await as(t.app, office).get('/api/products?q=HSZ-ECU-CGW5')).items;
    const [summary] = json<{ items: { id: string }[] }>(
      await as(t.app, office).get(`/api/tara-analyses?productId=${product!.id}`),
    ).items;
    const ws = json<TaraAnalysis>(await as(t.app, office).get(`/api/tara-analyses/${summary!.id}`));
    expect(ws.threatScenarios.every((th) => th.feasibility !== null)).toBe(true);
    expect(ws.risks.every((r) => r.value !== null)).toBe(true);
    // no risk at or above the threshold is merely retained, and goals carry a CAL
    for (const r of ws.risks) {
      if (r.treatment === 'retain') expect(r.value!).toBeLessThan(ws.method.treatmentThreshold);
      if (r.treatment === 'reduce') expect(r.cal).not.toBeNull();
    }
    expect(ws.risks.filter((r) => r.requiresTreatment).length).toBeGreaterThan(2);
    expect(ws.risks.some((r) => r.signedBy)).toBe(true);
    // the coverage panel has something in each column: considered, ruled out with a reason, still open
    const cov = json<{ counts: { considered: number; notApplicable: number; open: number } }>(
      await as(t.app, office).get(`/api/tara-analyses/${summary!.id}/r155-coverage`),
    ).counts;
    expect(cov.considered).toBeGreaterThan(10);
    expect(cov.notApplicable).toBeGreaterThan(10);
    expect(cov.open).toBeGreaterThan(0);
  });
});
