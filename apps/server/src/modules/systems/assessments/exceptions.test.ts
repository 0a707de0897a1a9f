import { todayJst } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../../test/app';
import { inParallel } from '../../../test/concurrency';
import { assetWorld, type AssetWorld } from '../../assets/take-outs/test-world';
import { systemBody } from '../testing';
import { addDays } from './apply';
import { assessmentExceptions, assessmentFindings } from './tables';
import { kevCatalog, openvasReport } from './sample-files';

type Problem = { status: number; detailCode?: string; errors?: { path: string; code?: string }[] };
type Finding = {
  id: string;
  rowVersion: number;
  ruleId: string;
  state: string;
  overdue: boolean;
  dueOn: string;
  incidentId: string | null;
  exceptions: { status: string }[];
  events: { kind: string }[];
};

let w: AssetWorld;
let assessment: string;

const result = (i: number, severity = 7.5) => ({
  host: 'crm',
  port: `${8000 + i}/tcp`,
  oid: `1.3.6.1.4.1.25623.1.0.${i}`,
  name: `Finding ${i}`,
  severity,
  cves: i === 5 ? ['CVE-2021-44228'] : [],
});
const get = async (id: string, who = w.officeA) => {
  const res = await as(w.t.app, who).get(`/api/assessment-findings/${id}`);
  return { ...json<Finding>(res), etag: res.headers.etag as string };
};
const ask = (id: string, body: Record<string, unknown>, who = w.headA, headers?: Record<string, string>) =>
  as(w.t.app, who).post(`/api/assessment-findings/${id}/exception`, body, headers);
const decide = (id: string, who: typeof w.office, decision = 'approved', headers?: Record<string, string>) =>
  as(w.t.app, who).post(`/api/assessment-findings/${id}/exception/decide`, { decision, note: 'Compensating WAF rule' }, headers);
let findingIds: string[] = [];

beforeAll(async () => {
  w = await assetWorld();
  // a stricter SLA for the company: high findings are due in 10 days
  const sla = await as(w.t.app, w.office).put(`/api/companies/${w.units.group}/settings/systems.assessmentSla`, {
    value: { critical: 5, high: 10, medium: 60, low: 120 },
  });
  expect(sla.statusCode, sla.body).toBe(200);
  const crm = json<{ id: string }>(
    await as(w.t.app, w.officeA).post('/api/systems', systemBody(w.units.deptA, { name: 'crm' })),
  ).id;
  assessment = json<{ id: string }>(
    await as(w.t.app, w.officeA).post('/api/assessments', {
      name: 'Pen test',
      kind: 'pentest',
      unitId: w.units.deptA,
      targets: [{ systemId: crm }],
    }),
  ).id;
  const run = await as(w.t.app, w.officeA).post(
    `/api/assessments/${assessment}/runs?format=openvas`,
    openvasReport([1, 2, 3, 4, 5].map((i) => result(i))),
    { 'content-type': 'application/xml' },
  );
  expect(run.statusCode, run.body).toBe(201);
  const list = json<{ items: { id: string; ruleId: string }[] }>(
    await as(w.t.app, w.officeA).get(`/api/assessment-findings?assessmentId=${assessment}`),
  ).items;
  findingIds = [1, 2, 3, 4, 5].map((i) => list.find((f) => f.ruleId === `1.3.6.1.4.1.25623.1.0.${i}`)!.id);
}, 60_000);
afterAll(() => w.t.close());

describe('SLA from the settings', () => {
  it('dates findings by the company’s SLA and refuses an SLA where a severe finding has more days', async () => {
    expect((await get(findingIds[0]!)).dueOn).toBe(addDays(todayJst(), 10));
    const bad = await as(w.t.app, w.office).put(`/api/companies/${w.units.group}/settings/systems.assessmentSla`, {
      value: { critical: 40, high: 10, medium: 60, low: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect([...new Set(json<Problem>(bad).errors!.map((e) => e.path))].sort()).toEqual(['body.value.high', 'body.value.low']);
  });
});

describe('exceptions (risk acceptance)', () => {
  it('refuses an exception without expiry, in the past or beyond a year, and changes nothing', async () => {
    const id = findingIds[0]!;
    const none = await ask(id, { reason: 'Legacy appliance' });
    expect(none.statusCode).toBe(400);
    expect(json<Problem>(none).errors).toMatchObject([{ path: 'body.expiresOn' }]);
    expect(json<Problem>(await ask(id, { reason: 'x', expiresOn: todayJst() })).errors).toMatchObject([
      { path: 'body.expiresOn', code: 'assessments.expiry_past' },
    ]);
    expect(json<Problem>(await ask(id, { reason: 'x', expiresOn: addDays(todayJst(), 400) })).errors).toMatchObject([
      { path: 'body.expiresOn', code: 'assessments.expiry_too_far' },
    ]);
    expect((await ask(id, { reason: 'x', expiresOn: addDays(todayJst(), 30) }, w.employee)).statusCode).toBe(403);
    expect((await ask(id, { reason: 'x', expiresOn: addDays(todayJst(), 30) }, w.headB)).statusCode).toBe(404);
    expect(await w.t.database.db.select().from(assessmentExceptions).where(eq(assessmentExceptions.findingId, id))).toEqual([]);
  });

  it('lets the system’s keeper ask and an approver decide; refuses approval without the right or by the requester', async () => {
    const id = findingIds[1]!;
    expect((await ask(id, { reason: 'Replaced in Q1', expiresOn: addDays(todayJst(), 90) })).statusCode).toBe(200);
    expect((await ask(id, { reason: 'Again', expiresOn: addDays(todayJst(), 90) })).statusCode).toBe(409);
    expect((await decide(id, w.headA)).statusCode).toBe(403);
    expect((await decide(id, w.officeB)).statusCode).toBe(404);
    expect((await get(id)).state).toBe('open');
    const ok = await decide(id, w.officeA);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json<Finding>(ok)).toMatchObject({ state: 'accepted', overdue: false, exceptions: [{ status: 'approved' }] });
    expect(json<Finding>(ok).events.map((e) => e.kind)).toEqual(['opened', 'exception_requested', 'exception_approved']);
    expect((await decide(id, w.office)).statusCode).toBe(409);

    const own = findingIds[2]!;
    expect((await ask(own, { reason: 'Mine', expiresOn: addDays(todayJst(), 60) }, w.officeA)).statusCode).toBe(200);
    const self = await decide(own, w.officeA);
    expect(self.statusCode).toBe(403);
    expect(json<Problem>(self).detailCode).toBe('assessments.self_approval');
    expect((await decide(own, w.ciso)).statusCode).toBe(200);
  });

  it('makes a finding open and overdue again once its exception expires', async () => {
    const id = findingIds[1]!;
    const db = w.t.database.db;
    await db
      .update(assessmentExceptions)
      .set({ expiresOn: addDays(todayJst(), -1) })
      .where(eq(assessmentExceptions.findingId, id));
    await db
      .update(assessmentFindings)
      .set({ dueOn: addDays(todayJst(), -3) })
      .where(eq(assessmentFindings.id, id));
    const f = await get(id);
    expect(f).toMatchObject({ state: 'open', overdue: true });
    const overdue = json<{ items: { id: string }[] }>(
      await as(w.t.app, w.officeA).get('/api/assessment-findings?overdue=true'),
    ).items;
    expect(overdue.map((x) => x.id)).toEqual([id]);
    const rate = json<{ overdue: number; accepted: number }[]>(await as(w.t.app, w.officeA).get('/api/assessment-remediation'));
    expect(rate[0]).toMatchObject({ overdue: 1, accepted: 1 });
  });

  it('decides once when two approvers send the same If-Match at the same time', async () => {
    const id = findingIds[3]!;
    expect((await ask(id, { reason: 'Vendor patch pending', expiresOn: addDays(todayJst(), 45) })).statusCode).toBe(200);
    const { etag } = await get(id);
    const results = await inParallel(2, (i) => decide(id, i ? w.office : w.ciso, 'approved', { 'if-match': etag }));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const rows = await w.t.database.db.select().from(assessmentExceptions).where(eq(assessmentExceptions.findingId, id));
    expect(rows.map((r) => r.status)).toEqual(['approved']);
    expect(
      (await ask(id, { reason: 'stale', expiresOn: addDays(todayJst(), 45) }, w.headA, { 'if-match': etag })).statusCode,
    ).toBe(412);
  });

  it('opens an incident from a finding once and links it back', async () => {
    const id = findingIds[4]!;
    expect((await as(w.t.app, w.headA).post(`/api/assessment-findings/${id}/incident`, {})).statusCode).toBe(403);
    const res = await as(w.t.app, w.officeA).post(`/api/assessment-findings/${id}/incident`, { typeId: 'unauthorized_access' });
    expect(res.statusCode, res.body).toBe(200);
    const incidentId = json<Finding>(res).incidentId;
    expect(incidentId).toBeTruthy();
    expect((await as(w.t.app, w.officeA).get(`/api/incidents/${incidentId}`)).statusCode).toBe(200);
    expect((await as(w.t.app, w.officeA).post(`/api/assessment-findings/${id}/incident`, {})).statusCode).toBe(409);
  });

  it('flags on the incident board the incidents opened from a known-exploited finding, in the reader’s scope', async () => {
    const incidentId = json<Finding>(await as(w.t.app, w.officeA).get(`/api/assessment-findings/${findingIds[4]}`)).incidentId!;
    const flags = async (who = w.officeA, ids = incidentId) =>
      as(w.t.app, who).get(`/api/exploited-incidents?ids=${ids},00000000-0000-4000-8000-000000000009`);
    expect(json<{ incidentIds: string[] }>(await flags()).incidentIds).toEqual([]);
    const kev = await as(w.t.app, w.office).put('/api/kev-catalog?fileName=kev.json', kevCatalog(['CVE-2021-44228']), {
      'content-type': 'application/json',
    });
    expect(kev.statusCode, kev.body).toBe(200);
    expect(json<{ incidentIds: string[] }>(await flags()).incidentIds).toEqual([incidentId]);
    expect(json<{ incidentIds: string[] }>(await flags(w.officeB)).incidentIds).toEqual([]);
    expect((await flags(w.employee)).statusCode).toBe(403);
    const bad = await flags(w.officeA, 'not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(bad).errors.map((e) => e.path)).toEqual(['querystring.ids']);
  });

  it('shows the remediation as a dashboard tile, in the reader’s scope', async () => {
    type Fig = { source: string; value: number | null; rows: { label: { en: string }; values: number[] }[] };
    const tile = async (who: typeof w.office) =>
      json<{ figures: Fig[] }>(await as(w.t.app, who).get('/api/dashboard')).figures.find(
        (f) => f.source === 'assessments.remediation',
      )!;
    const group = await tile(w.ciso);
    // five findings, none fixed: 0 % remediated; the KEV one is named beside the unit
    expect(group.value).toBe(0);
    expect(group.rows).toHaveLength(1);
    expect(group.rows[0]!.label.en).toMatch(/\(KEV 1\)$/);
    expect(group.rows[0]!.values.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const siteB = await tile(w.officeB);
    expect(siteB.value).toBeNull();
    expect(siteB.rows).toEqual([]);
  });
});
