import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/tables';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { orgUnits } from '../org/tables';
import { trainingAssignments } from '../training/tables';
import { quizCourse } from '../training/test-world';
import { todayTokyo } from './auditors';
import { addDays } from './findings';
import { runQualificationRenewal } from './renewal';
import { internalAuditors, internalAudits } from './tables';

/** Re-planning an audit (days and team, If-Match, at once by two) and a training qualification renewed by a pass. */

type Problem = { errors?: { path: string; code?: string }[] };
const codes = (res: { body: string }) => (json<Problem>(res as never).errors ?? []).map((e) => `${e.path}:${e.code}`);
type Audit = { rowVersion: number; plannedFrom: string; plannedTo: string; lead: { id: string }; coAuditors: { id: string }[] };

let t: TestApp;
let office: TestUser, auditorUser: TestUser, employee: TestUser;
const u: Record<string, string> = {};
const p: Record<string, string> = {};
let lead: string, other: string, ownUnit: string, audit: string, audit2: string;
const fy = Number(todayTokyo().slice(0, 4)) - (Number(todayTokyo().slice(5, 7)) < 4 ? 1 : 0);
const day = (n: number) => addDays(`${fy}-04-01`, n);

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const post = async (path: string, body: unknown) => {
    const res = await as(t.app, office).post(path, body);
    if (res.statusCode !== 201) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
    return json<{ id: string; created?: string[] }>(res);
  };
  const unit = async (parentId: string | null, code: string, kind: string) =>
    (await post('/api/org-units', { parentId, code, kind, nameJa: `組織 ${code}`, nameEn: `Unit ${code}` })).id;
  u.g = await unit(null, 'G', 'company');
  u.a = await unit(u.g, 'A', 'site');
  u.b = await unit(u.g, 'B', 'site');
  u.a1 = await unit(u.a, 'A1', 'department');
  u.b1 = await unit(u.b, 'B1', 'department');
  const person = async (no: string, unitId: string) =>
    (
      await post('/api/people', {
        employeeNo: no,
        nameJa: `監査 ${no}`,
        nameEn: `Auditor ${no}`,
        kind: 'employee',
        orgUnitId: unitId,
      })
    ).id;
  p.lead = await person('E1', u.b1);
  p.other = await person('E2', u.b1);
  p.own = await person('E3', u.a1);
  auditorUser = await createUser(t.database, [{ role: 'auditor' }], { personId: p.lead });
  employee = await createUser(t.database, [{ role: 'employee', orgUnitId: u.a1 }]);
  const reg = async (personId: string) =>
    (await post('/api/auditors', { personId, qualifiedOn: '2020-04-01', expiresOn: `${fy + 3}-03-31` })).id;
  lead = await reg(p.lead);
  other = await reg(p.other);
  ownUnit = await reg(p.own);
  const programme = (await post('/api/audit-programmes', { fiscalYear: fy, scopeUnitId: u.g, title: `FY${fy}` })).id;
  const planned = await post(`/api/audit-programmes/${programme}/audits`, {
    audits: [
      { unitId: u.a1, leadAuditorId: lead, plannedFrom: day(30), plannedTo: day(31) },
      { unitId: u.a1, leadAuditorId: lead, plannedFrom: day(200), plannedTo: day(200) },
    ],
  });
  audit = planned.created![0]!;
  audit2 = planned.created![1]!;
});
afterAll(() => t.close());

describe('re-planning an audit (PATCH /api/audits/{id})', () => {
  it('lets the office change days and team with If-Match, and bumps the version', async () => {
    const seen = await as(t.app, office).get(`/api/audits/${audit}`);
    const res = await as(t.app, office).patch(
      `/api/audits/${audit}`,
      { plannedFrom: day(40), plannedTo: day(41), leadAuditorId: other, coAuditorIds: [lead, lead] },
      { 'if-match': seen.headers.etag as string },
    );
    expect(res.statusCode).toBe(200);
    const after = json<Audit>(res);
    expect(after).toMatchObject({ plannedFrom: day(40), plannedTo: day(41), lead: { id: other } });
    expect(after.coAuditors.map((c) => c.id)).toEqual([lead]);
    expect(after.rowVersion).toBe(json<Audit>(seen).rowVersion + 1);
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'internal_audit.update'), eq(auditEvents.targetId, audit)));
    expect(event).toBeDefined();
  });

  it('refuses a stale If-Match with 412 and changes nothing', async () => {
    const [before] = await t.database.db.select().from(internalAudits).where(eq(internalAudits.id, audit));
    const res = await as(t.app, office).patch(
      `/api/audits/${audit}`,
      { plannedFrom: day(50), plannedTo: day(50) },
      { 'if-match': `"${before!.rowVersion - 1}"` },
    );
    expect(res.statusCode).toBe(412);
    const [after] = await t.database.db.select().from(internalAudits).where(eq(internalAudits.id, audit));
    expect(after).toEqual(before);
  });

  it('lets one of two changes made at once from the same version through, the other gets 412', async () => {
    const [before] = await t.database.db.select().from(internalAudits).where(eq(internalAudits.id, audit));
    const tag = { 'if-match': `"${before!.rowVersion}"` };
    const res = await Promise.all([
      as(t.app, office).patch(`/api/audits/${audit}`, { plannedFrom: day(60), plannedTo: day(60) }, tag),
      as(t.app, office).patch(`/api/audits/${audit}`, { plannedFrom: day(70), plannedTo: day(70) }, tag),
    ]);
    expect(res.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const won = json<Audit>(res.find((r) => r.statusCode === 200)!);
    const [after] = await t.database.db.select().from(internalAudits).where(eq(internalAudits.id, audit));
    expect(after!.plannedFrom).toBe(won.plannedFrom);
    expect(after!.rowVersion).toBe(before!.rowVersion + 1);
  });

  it('names every failing field: own unit, lead as co, days outside the year, overlapping another audit', async () => {
    const [before] = await t.database.db.select().from(internalAudits).where(eq(internalAudits.id, audit));
    const res = await as(t.app, office).patch(`/api/audits/${audit}`, {
      leadAuditorId: ownUnit,
      coAuditorIds: [ownUnit],
      plannedFrom: day(200),
      plannedTo: `${fy + 1}-04-02`,
    });
    expect(res.statusCode).toBe(400);
    expect(codes(res)).toEqual([
      'body.plannedFrom:audits.dates_outside_year',
      'body.plannedFrom:audits.unit_planned',
      'body.coAuditorIds:audits.lead_is_co',
      'body.leadAuditorId:audits.auditor_own_unit',
      'body.coAuditorIds.0:audits.auditor_own_unit',
    ]);
    const [after] = await t.database.db.select().from(internalAudits).where(eq(internalAudits.id, audit));
    expect(after).toEqual(before);
  });

  it('keeps the team the office’s: an assigned auditor moves days but not the team; others are refused', async () => {
    const mine = await as(t.app, auditorUser).patch(`/api/audits/${audit2}`, { plannedFrom: day(201), plannedTo: day(201) });
    expect(mine.statusCode).toBe(200);
    const team = await as(t.app, auditorUser).patch(`/api/audits/${audit2}`, { leadAuditorId: other });
    expect(team.statusCode).toBe(403);
    expect((await as(t.app, employee).patch(`/api/audits/${audit2}`, { plannedFrom: day(202) })).statusCode).toBe(403);
    const started = await as(t.app, auditorUser).post(`/api/audits/${audit2}/transition`, { to: 'in_progress' });
    expect(started.statusCode).toBe(200);
    expect((await as(t.app, office).patch(`/api/audits/${audit2}`, { leadAuditorId: other })).statusCode).toBe(409);
  });
});

describe('a qualification from training renewed by a pass', () => {
  it('extends expires_on to the new pass’s expiry, once, audited; manual qualifications stay', async () => {
    const db = t.database.db;
    const course = json<{ id: string }>(await as(t.app, office).post('/api/courses', quizCourse('AUDITOR-INTERNAL'))).id;
    expect((await as(t.app, office).post(`/api/courses/${course}/publish`)).statusCode).toBe(200);
    const [unit] = await db.select().from(orgUnits).where(eq(orgUnits.id, u.b1!));
    const pass = (personId: string, passedAt: Date, expiresOn: string) =>
      db.insert(trainingAssignments).values({
        personId,
        courseId: course,
        unitId: u.b1!,
        unitPath: unit!.path,
        dueOn: '2026-03-31',
        status: 'passed',
        score: 90,
        passedAt,
        expiresOn,
      });
    // the lead's qualification came from training and expires soon; the other one's is manual
    const soon = addDays(todayTokyo(), 20);
    await pass(p.lead!, new Date(Date.now() - 1000 * 86_400_000), soon);
    await db
      .update(internalAuditors)
      .set({ qualificationSource: 'training', expiresOn: soon })
      .where(eq(internalAuditors.id, lead));
    await db.update(internalAuditors).set({ expiresOn: soon }).where(eq(internalAuditors.id, other));
    expect(await runQualificationRenewal(db)).toEqual({ renewed: 0 });
    // both pass the course again (the lead's earlier pass is superseded: expired, a new assignment passed)
    const later = addDays(todayTokyo(), 3 * 365);
    await db.update(trainingAssignments).set({ status: 'expired' }).where(eq(trainingAssignments.personId, p.lead!));
    await pass(p.lead!, new Date(), later);
    await pass(p.other!, new Date(), later);
    expect(await runQualificationRenewal(db)).toEqual({ renewed: 1 });
    expect(await runQualificationRenewal(db)).toEqual({ renewed: 0 });
    const renewed = json<{ expiresOn: string; valid: boolean }>(await as(t.app, office).get(`/api/auditors/${lead}`));
    expect(renewed).toMatchObject({ expiresOn: later, valid: true });
    const manual = json<{ expiresOn: string }>(await as(t.app, office).get(`/api/auditors/${other}`));
    expect(manual.expiresOn).toBe(soon);
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'internal_auditor.renew'), eq(auditEvents.targetId, lead)));
    expect(events).toHaveLength(1);
    expect(events[0]!.after).toMatchObject({ expiresOn: later, course: 'AUDITOR-INTERNAL' });
  });
});
