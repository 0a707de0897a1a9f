import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearSettingCache } from '../../platform/settings/effective';
import { as, createUser, json, type TestUser } from '../../test/app';
import { incidentWorld, type IncidentWorld } from './test-world';

let w: IncidentWorld;
/** A US-listed operating company under the group, with an employee who reports there. */
let usCompany: string;
let usReporter: TestUser;
type Deadline = { id: string; ruleId: string; status: string; startAt: string; dueAt: string; hard: boolean };
type Problem = { errors?: { path: string; code?: string }[] };
const deadlines = async (id: string) =>
  json<Deadline[]>(await as(w.t.app, w.office).get(`/api/incidents/${id}/deadlines`)).filter((d) => d.ruleId.startsWith('sec-'));

beforeAll(async () => {
  w = await incidentWorld();
  const post = async (body: unknown) => json<{ id: string }>(await as(w.t.app, w.office).post('/api/org-units', body)).id;
  usCompany = await post({ parentId: w.units.group, code: 'US', nameJa: '米国子会社', nameEn: 'US subsidiary', kind: 'company' });
  const usDept = await post({
    parentId: usCompany,
    code: 'US-D1',
    nameJa: '米国部門',
    nameEn: 'US department',
    kind: 'department',
  });
  usReporter = await createUser(w.t.database, [{ role: 'employee', orgUnitId: usDept }]);
}, 300_000);
afterAll(() => w?.t.close());

async function newIncident(reporter: TestUser, hoursAgo = 30, discoveredAt = new Date(Date.now() - hoursAgo * 3_600_000)) {
  const res = await as(w.t.app, reporter).post('/api/incidents', {
    typeId: 'malware',
    title: 'Ransomware on the order system',
    description: 'Orders stopped for a day',
    discoveredAt: discoveredAt.toISOString(),
    language: 'en',
  });
  expect(res.statusCode).toBe(201);
  return json<{ id: string }>(res).id;
}

const setFilerType = async (companyId: string, filerType: string, version: number) => {
  const res = await as(w.t.app, w.office).put(
    `/api/companies/${companyId}/settings/incidents.secDisclosure`,
    { value: { filerType } },
    { 'if-match': `"${version}"` },
  );
  expect(res.statusCode).toBe(200);
  clearSettingCache();
};

describe('US SEC disclosure clock from the materiality determination', () => {
  it('starts nothing for a company that is not listed in the US (the default)', async () => {
    const id = await newIncident(w.reporter);
    const at = new Date(Date.now() - 3_600_000).toISOString();
    expect((await as(w.t.app, w.office).patch(`/api/incidents/${id}`, { facts: { secMaterialAt: at } })).statusCode).toBe(200);
    expect(await deadlines(id)).toEqual([]);
  });

  it("starts Form 8-K Item 1.05 for a domestic filer's incident, four US business days from the determination", async () => {
    await setFilerType(usCompany, 'domestic', 0);
    const id = await newIncident(usReporter, 0, new Date('2026-12-01T00:00:00Z'));
    expect(await deadlines(id)).toEqual([]);
    // A Saturday determination: the business days count from Monday (US Eastern), so the filing is due Thursday.
    const determined = '2026-12-05T15:00:00.000Z';
    const res = await as(w.t.app, w.office).patch(`/api/incidents/${id}`, { facts: { secMaterialAt: determined } });
    expect(res.statusCode).toBe(200);
    const [filing] = await deadlines(id);
    expect(filing).toMatchObject({ ruleId: 'sec-8k-item-105', status: expect.any(String), hard: true });
    expect(filing!.startAt).toBe(determined);
    // Thursday 10 December 2026, end of day in New York (EST, UTC-5).
    expect(filing!.dueAt).toBe('2026-12-11T04:59:59.999Z');
  });

  it('tracks Form 6-K as a soft target for a foreign private issuer, and moves nothing already met when the type changes', async () => {
    await setFilerType(usCompany, 'foreign_private_issuer', 1);
    const id = await newIncident(usReporter);
    await as(w.t.app, w.office).patch(`/api/incidents/${id}`, {
      facts: { secMaterialAt: new Date(Date.now() - 3_600_000).toISOString() },
    });
    const [furnish] = await deadlines(id);
    expect(furnish).toMatchObject({ ruleId: 'sec-6k-promptly', hard: false });
    const met = await as(w.t.app, w.office).post(`/api/incidents/${id}/deadlines/${furnish!.id}/met`, {
      how: 'Furnished on Form 6-K, EDGAR accession 0001234567-26-000042',
    });
    expect(met.statusCode).toBe(200);
    await setFilerType(usCompany, 'domestic', 2);
    // a later change of the facts recomputes: the met 6-K stays met, the 8-K now applies
    await as(w.t.app, w.office).patch(`/api/incidents/${id}`, { facts: { highRisk: true } });
    const after = Object.fromEntries((await deadlines(id)).map((d) => [d.ruleId, d.status]));
    expect(after['sec-6k-promptly']).toBe('met');
    expect(after['sec-8k-item-105']).toBeDefined();
  });

  it('refuses a determination in the future or before the office became aware, naming the field, and changes nothing', async () => {
    const id = await newIncident(usReporter, 2);
    const future = await as(w.t.app, w.office).patch(`/api/incidents/${id}`, {
      facts: { secMaterialAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(future.statusCode).toBe(400);
    expect(json<Problem>(future).errors).toEqual([
      expect.objectContaining({ path: 'body.facts.secMaterialAt', code: 'incidents.in_future' }),
    ]);
    const early = await as(w.t.app, w.office).patch(`/api/incidents/${id}`, {
      facts: { secMaterialAt: new Date(Date.now() - 30 * 86_400_000).toISOString() },
    });
    expect(early.statusCode).toBe(400);
    expect(json<Problem>(early).errors).toEqual([
      expect.objectContaining({ path: 'body.facts.secMaterialAt', code: 'incidents.before_awareness' }),
    ]);
    expect(await deadlines(id)).toEqual([]);
    expect((await as(w.t.app, usReporter).patch(`/api/incidents/${id}`, { facts: { secMaterialAt: null } })).statusCode).toBe(
      403,
    );
  });
});

describe('NIS2 final report after handling', () => {
  it('starts the after-handling final report, one calendar month, once the end of handling is recorded', async () => {
    const id = await newIncident(w.reporter);
    await as(w.t.app, w.office).patch(`/api/incidents/${id}`, { facts: { nis2Significant: true } });
    const nis2 = async () =>
      json<Deadline[]>(await as(w.t.app, w.office).get(`/api/incidents/${id}/deadlines`)).filter((d) =>
        d.ruleId.startsWith('nis2-'),
      );
    expect((await nis2()).map((d) => d.ruleId)).not.toContain('nis2-final-after-handling');
    const handled = new Date(Date.now() - 60_000).toISOString();
    expect((await as(w.t.app, w.office).patch(`/api/incidents/${id}`, { facts: { nis2HandledAt: handled } })).statusCode).toBe(
      200,
    );
    const after = (await nis2()).find((d) => d.ruleId === 'nis2-final-after-handling');
    expect(after?.startAt).toBe(handled);
  });
});
