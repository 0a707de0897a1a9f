import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../platform/mail/tables';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { inParallel } from '../../test/concurrency';
import { improvementRequests, partnerAssessments } from './assessment-tables';
import { runPartnerDaily } from './jobs';
import { makePartner } from './testing';

let t: TestApp;
let office: TestUser;
let user: TestUser;
let p: { id: string };
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const mailsTo = async (email: string) => (await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, email))).length;

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  p = await makePartner(t.app, office, 'J');
  user = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: p.id });
});
afterAll(() => t.close());

describe('partner reminders and escalation', () => {
  it('reminds once per step before the due date, and once more when overdue', async () => {
    await as(t.app, office).post('/api/partner-campaigns', {
      name: 'R',
      dueOn: day(10),
      partnerIds: [p.id],
      reminderDays: [14, 3],
    });
    expect((await runPartnerDaily(t.database.db)).reminded).toBe(1);
    expect((await runPartnerDaily(t.database.db)).reminded).toBe(0);
    expect(await mailsTo(user.email)).toBe(1);
    await t.database.db.update(partnerAssessments).set({ dueOn: day(2) });
    expect((await runPartnerDaily(t.database.db)).reminded).toBe(1);
    await t.database.db.update(partnerAssessments).set({ dueOn: day(-1) });
    expect((await runPartnerDaily(t.database.db)).reminded).toBe(1);
    expect((await runPartnerDaily(t.database.db)).reminded).toBe(0);
    expect(await mailsTo(user.email)).toBe(3);
    const overdue = json<{ items: { id: string; overdue: boolean }[] }>(
      await as(t.app, office).get('/api/partners?overdue=true'),
    );
    expect(overdue.items.map((x) => x.id)).toEqual([p.id]);
  });

  it('escalates an unanswered improvement request past its due date, once', async () => {
    const [a] = await t.database.db.select().from(partnerAssessments);
    await t.database.db.insert(improvementRequests).values({
      assessmentId: a!.id,
      partnerId: p.id,
      requirementId: '1-1',
      reason: 'below_threshold',
      dueOn: day(-1),
      ownerId: office.id,
    });
    expect((await runPartnerDaily(t.database.db)).escalated).toBe(1);
    expect((await runPartnerDaily(t.database.db)).escalated).toBe(0);
    expect(await mailsTo(office.email)).toBe(1);
    const [ir] = json<{ items: { escalatedAt: string | null; overdue: boolean }[] }>(
      await as(t.app, user).get('/api/improvement-requests?overdue=true'),
    ).items;
    expect(ir!.escalatedAt).not.toBeNull();
  });

  it('tells the office once about an NDA ending soon', async () => {
    const provisions = Object.fromEntries('abcdefghijkl'.split('').map((c) => [c, true]));
    await as(t.app, office).post(`/api/partners/${p.id}/ndas`, {
      title: 'NDA',
      signedOn: day(-400),
      validFrom: day(-400),
      validUntil: day(30),
      provisions,
    });
    expect((await runPartnerDaily(t.database.db)).ndas).toBe(1);
    expect((await runPartnerDaily(t.database.db)).ndas).toBe(0);
  });

  it('reminds, escalates and tells once when several processes run the daily job at the same moment', async () => {
    const q = await makePartner(t.app, office, 'K');
    await createUser(t.database, [{ role: 'partner_user' }], { partnerId: q.id });
    await as(t.app, office).post('/api/partner-campaigns', { name: 'K', dueOn: day(2), partnerIds: [q.id], reminderDays: [3] });
    const [a] = await t.database.db.select().from(partnerAssessments).where(eq(partnerAssessments.partnerId, q.id));
    await t.database.db.insert(improvementRequests).values({
      assessmentId: a!.id,
      partnerId: q.id,
      requirementId: '1-2',
      reason: 'below_threshold',
      dueOn: day(-1),
      ownerId: office.id,
    });
    const provisions = Object.fromEntries('abcdefghijkl'.split('').map((c) => [c, true]));
    await as(t.app, office).post(`/api/partners/${q.id}/ndas`, {
      title: 'NDA K',
      signedOn: day(-400),
      validFrom: day(-400),
      validUntil: day(20),
      provisions,
    });
    const runs = await inParallel(3, () => runPartnerDaily(t.database.db));
    const total = (k: 'reminded' | 'escalated' | 'ndas') => runs.reduce((n, r) => n + r[k], 0);
    expect([total('reminded'), total('escalated'), total('ndas')]).toEqual([1, 1, 1]);
  });
});
