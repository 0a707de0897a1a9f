import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../platform/mail/tables';
import { as, json } from '../../../test/app';
import { inParallel } from '../../../test/concurrency';
import { ids, recipientsOf } from '../../../test/notifications';
import { takeOuts } from './tables';
import { assetWorld, takeOutBody, type AssetWorld } from './test-world';

let w: AssetWorld;
beforeAll(async () => {
  w = await assetWorld();
});
afterAll(() => w.t.close());

type View = {
  id: string;
  status: string;
  state: string;
  currentStep: number | null;
  steps: { approver: string; decision: string | null }[];
};
type Problem = { detailCode?: string; errors?: { path: string; code?: string }[] };
const count = async () => (await w.t.database.db.select({ id: takeOuts.id }).from(takeOuts)).length;

describe('the take-out asset picker', () => {
  it("offers the employee the assets of their own unit with each class's take-out rule, and nothing of another unit", async () => {
    const res = await as(w.t.app, w.employee).get('/api/take-outs/assets');
    expect(res.statusCode).toBe(200);
    const items = json<{ id: string; classCode: string; rule: { decision: string; approvers: string[] } }[]>(res);
    expect(items.map((i) => i.id).sort()).toEqual(
      [w.asset.public, w.asset.internal, w.asset.confidential, w.asset.strict].sort(),
    );
    expect(items.find((i) => i.id === w.asset.strict)!.rule.decision).toBe('forbidden');
    expect(items.find((i) => i.id === w.asset.confidential)!.rule.approvers).toEqual(['org_head', 'site_office', 'ciso']);
    const other = json<{ id: string }[]>(await as(w.t.app, w.employeeB).get('/api/take-outs/assets'));
    expect(other.map((i) => i.id)).toEqual([w.asset.internalB]);
    const q = json<{ id: string }[]>(await as(w.t.app, w.employee).get('/api/take-outs/assets?q=minutes'));
    expect(q.map((i) => i.id)).toEqual([w.asset.internal]);
  });

  it('refuses partner accounts', async () => {
    expect((await as(w.t.app, w.partner).get('/api/take-outs/assets')).statusCode).toBe(403);
    expect((await as(w.t.app, w.partner).get('/api/take-outs')).statusCode).toBe(403);
    expect((await as(w.t.app, w.partner).post('/api/take-outs', takeOutBody([w.asset.public]))).statusCode).toBe(403);
    const created = json<{ id: string }>(await as(w.t.app, w.employee).post('/api/take-outs', takeOutBody([w.asset.internal])));
    for (const [path, body] of [
      ['decide', { step: 0, decision: 'approve' }],
      ['return', { outcome: 'returned' }],
      ['cancel', {}],
    ] as const)
      expect((await as(w.t.app, w.partner).post(`/api/take-outs/${created.id}/${path}`, body)).statusCode).toBe(403);
    // nothing changed
    expect(json<{ status: string }>(await as(w.t.app, w.employee).get(`/api/take-outs/${created.id}`)).status).toBe('pending');
  });
});

describe('requesting a take-out', () => {
  it('refuses a forbidden class with a 422 naming the asset and its class, and records nothing', async () => {
    const before = await count();
    const res = await as(w.t.app, w.employee).post('/api/take-outs', takeOutBody([w.asset.public, w.asset.strict]));
    expect(res.statusCode).toBe(422);
    const p = json<Problem & { detail: string }>(res);
    expect(p.detailCode).toBe('take_out.forbidden');
    expect(p.detail).toContain('Merger plan');
    expect(p.detail).toContain('Strictly confidential');
    expect(p.errors).toEqual([expect.objectContaining({ path: 'body.items.1.assetId', code: 'take_out.forbidden' })]);
    expect(await count()).toBe(before);
  });

  it('refuses a class that requires encryption when it is not encrypted, naming the field', async () => {
    const res = await as(w.t.app, w.employee).post(
      '/api/take-outs',
      takeOutBody([w.asset.confidential], { encrypted: false, encryptionMethod: '' }),
    );
    expect(res.statusCode).toBe(400);
    expect(json<Problem>(res).errors).toEqual([
      expect.objectContaining({ path: 'body.encrypted', code: 'take_out.encryption_required' }),
    ]);
  });

  it("refuses another unit's asset, a period that ends before it starts, and an asset named twice", async () => {
    const res = await as(w.t.app, w.employee).post(
      '/api/take-outs',
      takeOutBody([w.asset.internalB, w.asset.public, w.asset.public], { periodFrom: '2026-05-02', periodTo: '2026-05-01' }),
    );
    expect(res.statusCode).toBe(400);
    expect(json<Problem>(res).errors!.map((e) => [e.path, e.code])).toEqual([
      ['body.items.0.assetId', 'take_out.asset_not_yours'],
      ['body.items.2.assetId', 'take_out.duplicate_asset'],
      ['body.periodTo', 'take_out.period_order'],
    ]);
  });

  it('approves at once, and records it, when every class allows it', async () => {
    const res = await as(w.t.app, w.employee).post('/api/take-outs', takeOutBody([w.asset.public], { encrypted: false }));
    expect(res.statusCode).toBe(201);
    expect(json<View>(res)).toMatchObject({ status: 'approved', state: 'approved', steps: [], currentStep: null });
  });
});

describe('deciding a take-out', () => {
  it('goes through org head → site office → CISO for a confidential asset, each told in turn', async () => {
    const created = json<View>(
      await as(w.t.app, w.employee).post('/api/take-outs', takeOutBody([w.asset.confidential, w.asset.internal])),
    );
    expect(created.steps.map((s) => s.approver)).toEqual(['org_head', 'site_office', 'ciso']);
    const link = `/take-outs/${created.id}`;
    // the nearest org heads of the department, not the section's head below it
    expect(await recipientsOf(w.t.database.db, 'take-out.to-approve', link)).toEqual(ids(w.headA, w.headA2));
    const toApprove = json<{ items: { id: string; waitingFor: string }[] }>(
      await as(w.t.app, w.headA).get('/api/take-outs?view=to-approve'),
    );
    expect(toApprove.items.map((i) => i.id)).toContain(created.id);

    // the site office may not decide the org head's step; the other site's office does not even see the request
    const early = await as(w.t.app, w.officeA).post(`/api/take-outs/${created.id}/decide`, { step: 0, decision: 'approve' });
    expect(early.statusCode).toBe(403);
    expect(json<Problem>(early).detailCode).toBe('take_out.not_approver');
    expect((await as(w.t.app, w.officeB).get(`/api/take-outs/${created.id}`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.employeeB).get(`/api/take-outs/${created.id}`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.partner).get(`/api/take-outs/${created.id}`)).statusCode).toBe(403);
    // an employee holds no take-outs:approve at all
    expect(
      (await as(w.t.app, w.employee).post(`/api/take-outs/${created.id}/decide`, { step: 0, decision: 'approve' })).statusCode,
    ).toBe(403);

    const s1 = await as(w.t.app, w.headA).post(`/api/take-outs/${created.id}/decide`, {
      step: 0,
      decision: 'approve',
      comment: 'OK',
    });
    expect(json<View>(s1)).toMatchObject({ status: 'pending', currentStep: 1 });
    expect(await recipientsOf(w.t.database.db, 'take-out.to-approve', link)).toEqual(ids(w.headA, w.headA2, w.officeA));
    const s2 = await as(w.t.app, w.officeA).post(`/api/take-outs/${created.id}/decide`, { step: 1, decision: 'approve' });
    expect(json<View>(s2)).toMatchObject({ status: 'pending', currentStep: 2 });
    const s3 = await as(w.t.app, w.ciso).post(`/api/take-outs/${created.id}/decide`, { step: 2, decision: 'approve' });
    expect(json<View>(s3)).toMatchObject({ status: 'approved', currentStep: null });
    expect(await recipientsOf(w.t.database.db, 'take-out.approved', link)).toEqual(ids(w.employee));

    // after the decision there is nothing left to decide
    const late = await as(w.t.app, w.ciso).post(`/api/take-outs/${created.id}/decide`, { step: 2, decision: 'approve' });
    expect(late.statusCode).toBe(409);
    // the requester confirms the return; a second confirmation is refused
    const back = await as(w.t.app, w.employee).post(`/api/take-outs/${created.id}/return`, { outcome: 'returned' });
    expect(json<View>(back)).toMatchObject({ status: 'returned', state: 'returned' });
    expect((await as(w.t.app, w.employee).post(`/api/take-outs/${created.id}/return`, { outcome: 'disposed' })).statusCode).toBe(
      409,
    );
    // the asset's history lists it, for readers of the ledger
    const history = await as(w.t.app, w.officeA).get(`/api/assets/${w.asset.confidential}/take-outs`);
    expect(json<{ id: string }[]>(history).map((h) => h.id)).toContain(created.id);
    expect((await as(w.t.app, w.officeB).get(`/api/assets/${w.asset.confidential}/take-outs`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.employee).get(`/api/assets/${w.asset.confidential}/take-outs`)).statusCode).toBe(403);
    expect((await as(w.t.app, w.partner).get(`/api/assets/${w.asset.confidential}/take-outs`)).statusCode).toBe(403);
  });

  it('lets one of two org heads deciding at once win; the other gets a 409', async () => {
    const created = json<View>(await as(w.t.app, w.employee).post('/api/take-outs', takeOutBody([w.asset.internal])));
    const answers = await inParallel(2, (i) =>
      as(w.t.app, i ? w.headA2 : w.headA).post(`/api/take-outs/${created.id}/decide`, {
        step: 0,
        decision: i ? 'reject' : 'approve',
        comment: i ? 'Not this week' : '',
      }),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const final = json<View>(await as(w.t.app, w.employee).get(`/api/take-outs/${created.id}`));
    const winner = json<View>(answers.find((a) => a.statusCode === 200)!);
    expect(final.status).toBe(winner.status);
    expect(final.steps[0]!.decision).toBe(winner.status === 'approved' ? 'approved' : 'rejected');
  });

  it('asks a reason for a rejection and tells the requester', async () => {
    const created = json<View>(await as(w.t.app, w.employee).post('/api/take-outs', takeOutBody([w.asset.internal])));
    const bare = await as(w.t.app, w.headA).post(`/api/take-outs/${created.id}/decide`, { step: 0, decision: 'reject' });
    expect(bare.statusCode).toBe(400);
    expect(json<Problem>(bare).errors).toEqual([
      expect.objectContaining({ path: 'body.comment', code: 'take_out.reject_comment' }),
    ]);
    const res = await as(w.t.app, w.headA).post(`/api/take-outs/${created.id}/decide`, {
      step: 0,
      decision: 'reject',
      comment: 'Use the VDI',
    });
    expect(json<View>(res).status).toBe('rejected');
    expect(await recipientsOf(w.t.database.db, 'take-out.rejected', `/take-outs/${created.id}`)).toEqual(ids(w.employee));
  });

  it('lets only the requester cancel a pending request', async () => {
    const created = json<View>(await as(w.t.app, w.employee).post('/api/take-outs', takeOutBody([w.asset.internal])));
    const other = await as(w.t.app, w.headA).post(`/api/take-outs/${created.id}/cancel`);
    expect(other.statusCode).toBe(403);
    expect(json<Problem>(other).detailCode).toBe('take_out.cancel_forbidden');
    expect(json<View>(await as(w.t.app, w.employee).post(`/api/take-outs/${created.id}/cancel`)).status).toBe('cancelled');
    expect((await as(w.t.app, w.employee).post(`/api/take-outs/${created.id}/cancel`)).statusCode).toBe(409);
  });

  it('lists my requests, and all requests of their scope to offices only', async () => {
    const mine = json<{ items: { id: string }[] }>(await as(w.t.app, w.employee).get('/api/take-outs?view=mine&limit=2'));
    expect(mine.items).toHaveLength(2);
    const allA = json<{ items: unknown[] }>(await as(w.t.app, w.officeA).get('/api/take-outs?view=all&limit=500'));
    const allB = json<{ items: unknown[] }>(await as(w.t.app, w.officeB).get('/api/take-outs?view=all'));
    const allE = json<{ items: unknown[] }>(await as(w.t.app, w.employee).get('/api/take-outs?view=all'));
    expect(allA.items.length).toBeGreaterThan(2);
    expect(allB.items).toEqual([]);
    expect(allE.items).toEqual([]);
  });
});

describe('overdue take-outs', () => {
  it('remind the requester once by mail and in the app, then the approvers after the grace days', async () => {
    const { runTakeOutOverdue } = await import('./job');
    const { testConfig } = await import('../../../test/app');
    const created = json<View>(await as(w.t.app, w.employee).post('/api/take-outs', takeOutBody([w.asset.internal])));
    await as(w.t.app, w.headA).post(`/api/take-outs/${created.id}/decide`, { step: 0, decision: 'approve' });
    const db = w.t.database.db;
    await db.update(takeOuts).set({ periodFrom: '2026-01-05', periodTo: '2026-01-06' }).where(eq(takeOuts.id, created.id));
    const link = `/take-outs/${created.id}`;
    expect(json<View>(await as(w.t.app, w.employee).get(`/api/take-outs/${created.id}`)).state).toBe('overdue');

    // the day after the last day: the requester only
    await runTakeOutOverdue(db, testConfig(), new Date('2026-01-07T03:00:00Z'));
    await runTakeOutOverdue(db, testConfig(), new Date('2026-01-07T04:00:00Z'));
    expect(await recipientsOf(db, 'take-out.overdue', link)).toEqual(ids(w.employee));
    expect(await recipientsOf(db, 'take-out.overdue-escalated', link)).toEqual([]);
    const mails = async (to: string, subject: string) =>
      (await db.select().from(mailOutbox).where(eq(mailOutbox.to, to))).filter(
        (m) => m.body.includes(link) && m.subject.includes(subject),
      );
    expect((await mails(w.employee.email, 'overdue')).map((m) => m.subject)).toEqual([
      '[Mamori] 持ち出しの返却期限超過 / Take-out overdue',
    ]);

    // three days later (the default grace): the org head who approved it, once
    await runTakeOutOverdue(db, testConfig(), new Date('2026-01-09T03:00:00Z'));
    await runTakeOutOverdue(db, testConfig(), new Date('2026-01-10T03:00:00Z'));
    expect(await recipientsOf(db, 'take-out.overdue-escalated', link)).toEqual(ids(w.headA));
    expect(await mails(w.headA.email, 'still not returned')).toHaveLength(1);
    expect(await mails(w.headA2.email, 'still not returned')).toHaveLength(0);
  });
});
