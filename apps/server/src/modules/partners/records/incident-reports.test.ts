import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/sql';
import { as, createUser, json, type TestUser } from '../../../test/app';
import { incidentWorld, type IncidentWorld } from '../../incidents/test-world';
import { makePartner } from '../testing';

interface Report {
  id: string;
  number: string;
  partnerId: string;
  kind: string;
  status: string;
  caseStatus: string;
  withinAgreedTime: boolean;
  closedAt: string | null;
}

let w: IncidentWorld;
let p: { id: string };
let q: { id: string };
let user: TestUser;
let colleague: TestUser;
let other: TestUser;
let report: Report;

const body = (over: Record<string, unknown> = {}) => ({
  kind: 'loss_or_theft',
  description: '貸与されたUSBメモリを紛失しました。\n図面データ3件を含みます。',
  discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
  involvesOurInformation: true,
  ...over,
});
const incidentCount = async () =>
  (await queryRows<{ n: number }>(w.t.database.db, sql`SELECT count(*)::int AS n FROM incidents`))[0]!.n;

beforeAll(async () => {
  w = await incidentWorld();
  p = await makePartner(w.t.app, w.office, 'P', { orgUnitIds: [w.units.deptA] });
  q = await makePartner(w.t.app, w.office, 'Q', { orgUnitIds: [w.units.siteB] });
  user = await createUser(w.t.database, [{ role: 'partner_user' }], { partnerId: p.id });
  colleague = await createUser(w.t.database, [{ role: 'partner_user' }], { partnerId: p.id });
  other = await createUser(w.t.database, [{ role: 'partner_user' }], { partnerId: q.id });
});
afterAll(() => w.t.close());

describe('a partner reports an incident from the portal', () => {
  it('opens a case in the unit that works with the partner, reported by the partner user', async () => {
    const res = await as(w.t.app, user).post('/api/partner-incidents', body());
    expect(res.statusCode, res.body).toBe(201);
    report = json<Report>(res);
    expect(report).toMatchObject({ partnerId: p.id, kind: 'loss_or_theft', status: 'received', caseStatus: 'reported' });
    expect(report.withinAgreedTime).toBe(true);
    expect(report.number).toMatch(/^INC-\d{4}-\d{5}$/);
    const c = await as(w.t.app, w.officeA).get(`/api/incidents/${report.id}`);
    expect(c.statusCode).toBe(200);
    expect(json(c)).toMatchObject({
      typeId: 'loss_theft',
      orgUnitId: w.units.deptA,
      reporter: { id: user.id },
      title: '取引先 P: 貸与されたUSBメモリを紛失しました。',
    });
    // the case's tasks came from the type's templates; the office of another site does not see it
    expect(json<unknown[]>(await as(w.t.app, w.officeA).get(`/api/incidents/${report.id}/tasks`)).length).toBeGreaterThan(0);
    expect((await as(w.t.app, w.officeB).get(`/api/incidents/${report.id}`)).statusCode).toBe(404);
    const mails = await queryRows<{ to: string }>(w.t.database.db, sql`SELECT "to" FROM mail_outbox`);
    expect(mails.map((m) => m.to)).toEqual(expect.arrayContaining([w.officeA.email]));
  });

  it('is worked as any case: the partner sees its step, and its clocks run once the facts call for them', async () => {
    const patch = await as(w.t.app, w.officeA).patch(`/api/incidents/${report.id}`, {
      status: 'initial_response',
      facts: { personalData: true, personCount: 1200, countries: ['JP'], dataKinds: ['ordinary'] },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const seen = json<Report>(await as(w.t.app, user).get(`/api/partner-incidents/${report.id}`));
    expect(seen).toMatchObject({ status: 'acknowledged', caseStatus: 'initial_response', closedAt: null });
    const clocks = json<{ ruleId: string }[]>(await as(w.t.app, w.officeA).get(`/api/incidents/${report.id}/deadlines`));
    expect(clocks.map((c) => c.ruleId)).toEqual(expect.arrayContaining(['jp-appi-preliminary']));
  });

  it("shows a company's reports to its users only: another partner gets 404 and an empty list", async () => {
    const mine = json<{ items: Report[] }>(await as(w.t.app, colleague).get('/api/partner-incidents'));
    expect(mine.items.map((r) => r.id)).toEqual([report.id]);
    expect((await as(w.t.app, colleague).get(`/api/partner-incidents/${report.id}`)).statusCode).toBe(200);
    expect((await as(w.t.app, other).get(`/api/partner-incidents/${report.id}`)).statusCode).toBe(404);
    expect(json<{ items: Report[] }>(await as(w.t.app, other).get('/api/partner-incidents')).items).toEqual([]);
    expect(json<{ items: Report[] }>(await as(w.t.app, other).get(`/api/partner-incidents?partnerId=${p.id}`)).items).toEqual([]);
    // the case itself stays with the company's office: a partner account has no incident rights
    expect((await as(w.t.app, user).get(`/api/incidents/${report.id}`)).statusCode).toBe(403);
    expect((await as(w.t.app, user).get(`/api/incidents/${report.id}/timeline`)).statusCode).toBe(403);
  });

  it('lists reports for the offices by their partner scope, and refuses other roles', async () => {
    expect(json<{ items: Report[] }>(await as(w.t.app, w.office).get('/api/partner-incidents')).items).toHaveLength(1);
    expect((await as(w.t.app, w.office).get(`/api/partner-incidents/${report.id}`)).statusCode).toBe(200);
    expect((await as(w.t.app, w.officeB).get(`/api/partner-incidents/${report.id}`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.reporter).get('/api/partner-incidents')).statusCode).toBe(403);
    expect((await as(w.t.app, w.reporter).get(`/api/partner-incidents/${report.id}`)).statusCode).toBe(403);
    expect((await as(w.t.app, w.office).post('/api/partner-incidents', body())).statusCode).toBe(403);
    expect((await as(w.t.app, w.reporter).post('/api/partner-incidents', body())).statusCode).toBe(403);
  });

  it('puts a report for a partner of several sites above them all, and one with no unit at the top', async () => {
    const r = await makePartner(w.t.app, w.office, 'R', { orgUnitIds: [w.units.deptA, w.units.siteB] });
    const s = await makePartner(w.t.app, w.office, 'S');
    for (const partner of [r, s]) {
      const u = await createUser(w.t.database, [{ role: 'partner_user' }], { partnerId: partner.id });
      const res = await as(w.t.app, u).post('/api/partner-incidents', body({ kind: 'malware', language: 'en' }));
      expect(res.statusCode, res.body).toBe(201);
      const c = json<{ orgUnitId: string; typeId: string; title: string }>(
        await as(w.t.app, w.office).get(`/api/incidents/${json<Report>(res).id}`),
      );
      expect(c).toMatchObject({ orgUnitId: w.units.group, typeId: 'malware' });
      expect(c.title.startsWith(partner === r ? 'Partner R: ' : 'Partner S: ')).toBe(true);
    }
  });

  it('refuses bad input with every failing field, opening nothing', async () => {
    const before = await incidentCount();
    const future = await as(w.t.app, user).post(
      '/api/partner-incidents',
      body({ discoveredAt: new Date(Date.now() + 86_400_000).toISOString() }),
    );
    expect(future.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(future).errors.map((e) => e.path)).toEqual(['body.discoveredAt']);
    const bad = await as(w.t.app, user).post('/api/partner-incidents', body({ kind: 'fire', description: '' }));
    expect(bad.statusCode).toBe(400);
    expect(
      json<{ errors: { path: string }[] }>(bad)
        .errors.map((e) => e.path)
        .sort(),
    ).toEqual(['body.description', 'body.kind']);
    expect((await as(w.t.app, user).get('/api/partner-incidents/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect(await incidentCount()).toBe(before);
  });
});
