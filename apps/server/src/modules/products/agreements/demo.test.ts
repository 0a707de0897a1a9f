import type { AgreementDetail } from '@mamori/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsDemoLoader } from '../../../demo/accounts';
import { loadDemo } from '../../../demo/load';
import { orgDemoLoader } from '../../../demo/org';
import { as, createTestApp, createUser, json, type TestApp } from '../../../test/app';
import { taraDemoLoader } from '../tara/demo';
import { agreementsDemoLoader } from './demo';

let t: TestApp;
let lines: string[];
// only the loaders this one stands on (the whole demo takes minutes on a shared host)
beforeAll(async () => {
  t = await createTestApp();
  ({ lines } = await loadDemo(t.database.db, [orgDemoLoader, accountsDemoLoader, taraDemoLoader, agreementsDemoLoader]));
}, 600_000);
afterAll(() => t.close());

describe('interface agreements demo', () => {
  it("gives the gateway platform a vehicle maker's agreement in force and a supplier's draft, both tied to its TARA", async () => {
    expect(lines.join('\n')).toMatch(/interface agreements: HSZ-ECU-CGW5/);
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const list = json<{ items: { id: string; status: string; counterpartKind: string; taraAnalysisId: string | null }[] }>(
      await as(t.app, office).get('/api/interface-agreements'),
    ).items;
    expect(list.map((a) => `${a.counterpartKind} ${a.status}`).sort()).toEqual(['customer in_force', 'supplier draft']);
    expect(list.every((a) => a.taraAnalysisId)).toBe(true);
    const oem = json<AgreementDetail>(
      await as(t.app, office).get(`/api/interface-agreements/${list.find((a) => a.counterpartKind === 'customer')!.id}`),
    );
    expect(oem.activities).toHaveLength(14);
    expect(oem.activities.every((r) => [...r.own, ...r.counterpart].filter((x) => x === 'responsible').length === 1)).toBe(true);
    expect(oem.contacts.length).toBeGreaterThan(2);
  });
});
