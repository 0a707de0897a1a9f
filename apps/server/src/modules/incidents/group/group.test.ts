import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json, testConfig, type TestUser } from '../../../test/app';
import { recipientsOf } from '../../../test/notifications';
import { announceSharedIncidents } from './announce';
import { groupWorld, type GroupWorld } from '../../certifications/test-world';

type Shared = {
  id: string;
  number: string;
  company: { id: string } | null;
  severity: string;
  status: string;
  summary: string;
  reasons: string[];
  clocks: { ruleId: string }[];
};
type Problem = { errors?: { path: string }[] };

let w: GroupWorld;
const inc = { leakA: '', minorA: '', ransomB: '' };

const report = (over: Record<string, unknown>) => ({
  typeId: 'misdelivery',
  title: 'Mail sent to the wrong customer',
  description: 'The quotation for Aozora Bank went to Midori Trading; Mr. Sato of Midori was called at 06-1111-2222.',
  discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
  personalData: false,
  language: 'en',
  ...over,
});
const board = async (u: TestUser, query = '') => json<Shared[]>(await as(w.t.app, u).get(`/api/group-incidents${query}`));
const idsOf = (list: Shared[]) => list.map((s) => s.id).sort();

beforeAll(async () => {
  w = await groupWorld();
  const post = async (body: Record<string, unknown>) => {
    const res = await as(w.t.app, w.office).post('/api/incidents', body);
    expect(res.statusCode, res.body).toBe(201);
    return json<{ id: string }>(res).id;
  };
  inc.leakA = await post(
    report({
      orgUnitId: w.units.deptA,
      typeId: 'leakage',
      title: 'Customer list exposed on a shared drive',
      personalData: true,
      personCount: 1500,
      countries: ['JP'],
      dataKinds: ['financial'],
    }),
  );
  inc.minorA = await post(report({ orgUnitId: w.units.deptA }));
  const low = await as(w.t.app, w.csirtA).patch(`/api/incidents/${inc.minorA}`, { severity: 'low' });
  expect(low.statusCode, low.body).toBe(200);
  inc.ransomB = await post(report({ orgUnitId: w.units.deptB, typeId: 'ransomware', title: 'File server encrypted' }));
  const sev = await as(w.t.app, w.csirtB).patch(`/api/incidents/${inc.ransomB}`, { severity: 'medium' });
  expect(sev.statusCode, sev.body).toBe(200);
});
afterAll(() => w.t.close());

describe("the holding CSIRT's board", () => {
  it("lists every company's incidents that meet the holding's rule, with only the shared fields", async () => {
    const list = await board(w.csirtHolding);
    expect(idsOf(list)).toEqual([inc.leakA, inc.ransomB].sort());
    const leak = list.find((s) => s.id === inc.leakA)!;
    expect(leak.company?.id).toBe(w.units.a);
    expect(leak.reasons).toContain('personal_data');
    expect(leak.reasons).toContain('regulatory_report_due');
    expect(leak.clocks.map((c) => c.ruleId)).toContain('jp-appi-preliminary');
    const ransom = list.find((s) => s.id === inc.ransomB)!;
    expect(ransom.company?.id).toBe(w.units.b);
    expect(ransom.reasons).toEqual(['ransomware']);
    for (const field of ['description', 'information', 'location', 'evidence', 'timeline', 'members', 'reporterName'])
      expect(Object.keys(leak)).not.toContain(field);
    expect(JSON.stringify(list)).not.toContain('06-1111-2222');
  });

  it("shows a company's CSIRT its own shared incidents and nothing of a sister company", async () => {
    expect(idsOf(await board(w.csirtA))).toEqual([inc.leakA]);
    expect(idsOf(await board(w.csirtB))).toEqual([inc.ransomB]);
    expect(await board(w.csirtA, `?companyId=${w.units.b}`)).toEqual([]);
    expect(idsOf(await board(w.csirtHolding, `?companyId=${w.units.b}`))).toEqual([inc.ransomB]);
  });

  it('refuses employees and partner accounts', async () => {
    expect((await as(w.t.app, w.employeeA).get('/api/group-incidents')).statusCode).toBe(403);
    expect((await as(w.t.app, w.partner).get('/api/group-incidents')).statusCode).toBe(403);
    expect((await as(w.t.app, w.partner).get('/api/settings/group-incident-sharing')).statusCode).toBe(403);
  });

  it("tells the holding's CSIRT once of each case that comes to be shared, not the company's own CSIRT", async () => {
    const db = w.t.database.db;
    expect(await announceSharedIncidents(db, testConfig())).toBe(6);
    const holding = [w.office.id, w.csirtHolding.id, w.ciso.id];
    expect(await recipientsOf(db, 'incident.shared-with-holding')).toEqual([...holding, ...holding].sort());
    expect(await announceSharedIncidents(db, testConfig())).toBe(0);
  });

  it('follows the case as it moves: status and severity changes reach the board at once', async () => {
    const moved = await as(w.t.app, w.csirtA).patch(`/api/incidents/${inc.leakA}`, { status: 'initial_response' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await board(w.csirtHolding)).find((s) => s.id === inc.leakA)?.status).toBe('initial_response');
    const raised = await as(w.t.app, w.csirtA).patch(`/api/incidents/${inc.minorA}`, { severity: 'critical' });
    expect(raised.statusCode, raised.body).toBe(200);
    const now = await board(w.csirtHolding);
    expect(now.find((s) => s.id === inc.minorA)?.reasons).toEqual(['severity']);
    await as(w.t.app, w.csirtA).patch(`/api/incidents/${inc.minorA}`, { severity: 'low' });
    expect(idsOf(await board(w.csirtHolding))).not.toContain(inc.minorA);
  });

  it("lets the group office change the holding's rule under If-Match, and no one else", async () => {
    const current = await as(w.t.app, w.csirtHolding).get('/api/settings/group-incident-sharing');
    expect(current.statusCode).toBe(200);
    const etag = current.headers.etag as string;
    const rule = { minSeverity: 'medium', personalData: false, typeIds: [], regulatoryReportDue: false };
    expect((await as(w.t.app, w.csirtHolding).put('/api/settings/group-incident-sharing', rule)).statusCode).toBe(403);
    const bad = await as(w.t.app, w.office).put('/api/settings/group-incident-sharing', { ...rule, minSeverity: 'severe' });
    expect(bad.statusCode).toBe(400);
    expect(json<Problem>(bad).errors?.map((e) => e.path)).toEqual(['body.minSeverity']);
    const ok = await as(w.t.app, w.office).put('/api/settings/group-incident-sharing', rule, { 'if-match': etag });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await as(w.t.app, w.office).put('/api/settings/group-incident-sharing', rule, { 'if-match': etag });
    expect(stale.statusCode).toBe(412);
    // medium and above now, whatever the type or personal data: the low misdelivery stays off the board
    const list = await board(w.csirtHolding);
    expect(idsOf(list)).toEqual([inc.leakA, inc.ransomB].sort());
    expect(list.find((s) => s.id === inc.ransomB)?.reasons).toEqual(['severity']);
  });
});
