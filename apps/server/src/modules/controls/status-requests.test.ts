import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../platform/mail/tables';
import { notifications } from '../../platform/notifications/tables';
import { as, createUser, json, testConfig } from '../../test/app';
import { remindStatusRequests } from './reminders';
import { controlsWorld, type ControlsWorld } from './test-world';

let w: ControlsWorld;
let requestId: string;
type Counts = { units: number; answered: number; pending: number; statuses: Record<string, number> };
type View = {
  id: string;
  totals: Counts;
  sites: (Counts & { site: { id: string } | null })[];
  units: { unit: { id: string }; status: string; rowVersion: number }[];
};
type Problem = { errors?: { path: string; code?: string }[] };
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const answer = (unitId: string) => `/api/control-status-requests/${requestId}/units/${unitId}/answer`;
const both = [
  { controlId: '5.9', status: 'implemented', comment: '台帳は年次で棚卸済み' },
  { controlId: '8.7', status: 'partial', comment: '' },
];

beforeAll(async () => {
  w = await controlsWorld();
  const res = await as(w.t.app, w.office).post('/api/control-status-requests', {
    title: 'FY2026 上期 実施状況確認',
    controlIds: ['8.7', '5.9'],
    unitIds: [w.units.group],
    dueDate: inDays(2),
  });
  expect(res.statusCode).toBe(201);
  requestId = json<View>(res).id;
});
afterAll(() => w.t.close());

describe('control-status requests', () => {
  it('asks every unit of the subtree, rolled up by site', async () => {
    const view = json<View>(await as(w.t.app, w.office).get(`/api/control-status-requests/${requestId}`));
    expect(view.totals).toMatchObject({ units: 4, answered: 0, pending: 4 });
    const siteA = view.sites.find((s) => s.site?.id === w.units.siteA)!;
    expect(siteA).toMatchObject({ units: 2, pending: 2 });
    expect(view.sites.find((s) => s.site === null)).toMatchObject({ units: 1 }); // the company itself
  });

  it('refuses unknown controls, a past due date and units outside the caller scope, naming each', async () => {
    const res = await as(w.t.app, w.officeA).post('/api/control-status-requests', {
      title: 'x',
      controlIds: ['5.1', '5.99'],
      unitIds: [w.units.siteA, w.units.siteB],
      dueDate: '2000-01-01',
    });
    expect(res.statusCode).toBe(400);
    expect(json<Problem>(res).errors!.map((e) => [e.path, e.code])).toEqual([
      ['body.controlIds.1', 'control_status.unknown_control'],
      ['body.dueDate', 'control_status.due_past'],
      ['body.unitIds.1', 'control_status.unit_out_of_scope'],
    ]);
    for (const user of [w.headA, w.partner, w.employee])
      expect(
        (
          await as(w.t.app, user).post('/api/control-status-requests', {
            title: 'x',
            controlIds: ['5.1'],
            unitIds: [w.units.deptA],
            dueDate: inDays(5),
          })
        ).statusCode,
      ).toBe(403);
  });

  it("lets the unit's promotion leader answer every control; the roll-up counts it", async () => {
    const res = await as(w.t.app, w.leaderA).post(answer(w.units.deptA), { answers: both });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ status: 'answered', answers: [{ controlId: '5.9' }, { controlId: '8.7' }] });
    const view = json<View>(await as(w.t.app, w.officeA).get(`/api/control-status-requests/${requestId}`));
    expect(view.totals).toMatchObject({
      units: 2,
      answered: 1,
      pending: 1,
      statuses: { implemented: 1, partial: 1, not_started: 0 },
    });
  });

  it('refuses an incomplete answer, a control not asked, and answers for units outside the answerer', async () => {
    const partial = await as(w.t.app, w.headA).post(answer(w.units.deptA), {
      answers: [
        { controlId: '5.9', status: 'implemented' },
        { controlId: '5.1', status: 'partial' },
      ],
    });
    expect(partial.statusCode).toBe(400);
    expect(json<Problem>(partial).errors!.map((e) => e.code)).toEqual([
      'control_status.control_not_asked',
      'control_status.missing_controls',
    ]);
    expect((await as(w.t.app, w.headA).post(answer(w.units.siteB), { answers: both })).statusCode).toBe(404);
    expect((await as(w.t.app, w.partner).post(answer(w.units.deptA), { answers: both })).statusCode).toBe(403);
    expect((await as(w.t.app, w.officeA).post(answer(w.units.deptA), { answers: both })).statusCode).toBe(403);
  });

  it('refuses with 412 an answer given from a stale read', async () => {
    const view = json<View>(await as(w.t.app, w.headA).get(`/api/control-status-requests/${requestId}`));
    const tag = `"${view.units.find((u) => u.unit.id === w.units.deptA)!.rowVersion}"`;
    const first = await as(w.t.app, w.headA).post(answer(w.units.deptA), { answers: both }, { 'if-match': tag });
    const stale = await as(w.t.app, w.leaderA).post(answer(w.units.deptA), { answers: both }, { 'if-match': tag });
    expect([first.statusCode, stale.statusCode]).toEqual([200, 412]);
  });

  it('shows a unit only its own part, and nothing to partner accounts or other sites', async () => {
    const mine = json<View>(await as(w.t.app, w.headA).get(`/api/control-status-requests/${requestId}`));
    expect(mine.units.map((u) => u.unit.id)).toEqual([w.units.deptA]);
    expect((await as(w.t.app, w.partner).get(`/api/control-status-requests/${requestId}`)).statusCode).toBe(403);
    const b = json<View>(await as(w.t.app, w.officeB).get(`/api/control-status-requests/${requestId}`));
    expect(b.units.map((u) => u.unit.id)).toEqual([w.units.siteB]);
    expect(json<unknown[]>(await as(w.t.app, w.officeB).get('/api/control-status-requests'))).toHaveLength(1);
  });

  it('reminds the nearest answerers of units still pending, once, before the due date', async () => {
    const headB = await createUser(w.t.database, [{ role: 'org_head', orgUnitId: w.units.siteB }]);
    const config = testConfig();
    const sent = await remindStatusRequests(w.t.database.db, config);
    expect(sent).toBeGreaterThan(0);
    expect(await remindStatusRequests(w.t.database.db, config)).toBe(0);
    const told = await w.t.database.db.select().from(notifications).where(eq(notifications.kind, 'control-status.reminder'));
    expect(told.map((n) => n.recipientId)).toContain(headB.id);
    expect(told.map((n) => n.recipientId)).not.toContain(w.headA.id); // dept A has answered
    const mails = await w.t.database.db.select().from(mailOutbox);
    expect(mails.some((m) => m.subject.includes('FY2026 上期'))).toBe(true);
  });
});
