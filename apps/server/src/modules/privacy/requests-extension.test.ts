import type { Activity, PrivacyRequest } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/tables';
import { mailOutbox } from '../../platform/mail/tables';
import { as, json, type TestUser } from '../../test/app';
import { privacyRequests } from './requests/tables';
import { privacyWorld, type PrivacyWorld } from './test-world';

/** GDPR art. 12(3): the one-month period extended once by two months, with a reason; APPI has no extension. */
let world: PrivacyWorld;
let w: PrivacyWorld['w'];
let officer: TestUser;
let officerA: TestUser;
let gdprEntry: string;

beforeAll(async () => {
  world = await privacyWorld();
  ({ w, officer, officerA } = world);
  gdprEntry = json<Activity>(await world.create(officer, { service: 'EU owners club', subjectCountries: ['DE'] })).id;
}, 300_000);
afterAll(() => w?.t.close());

const request = async (over: Record<string, unknown> = {}, user = officerA) => {
  const res = await as(w.t.app, user).post('/api/privacy-requests', {
    type: 'disclosure',
    unitId: w.units.deptA,
    requesterName: 'Klaus Weber',
    requesterContact: 'klaus@example.de',
    requesterCountry: 'DE',
    activityIds: [gdprEntry],
    language: 'en',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<PrivacyRequest>(res);
};
const extend = (user: TestUser, id: string, reason = 'Many records in three systems', headers?: Record<string, string>) =>
  as(w.t.app, user).post(`/api/privacy-requests/${id}/extend`, { reason }, headers);
const clock = (r: PrivacyRequest, id: string) => r.clocks.find((c) => c.ruleId === id)!;

describe('the GDPR extension of a data-subject request', () => {
  it('moves the GDPR clock to three months from receipt, once, keeps the APPI clock, tells the requester and audits it', async () => {
    const r = await request();
    expect(r.canExtend).toBe(true);
    const res = await extend(officerA, r.id, 'Many records in three systems', { 'if-match': `"${r.rowVersion}"` });
    expect(res.statusCode, res.body).toBe(200);
    const after = json<PrivacyRequest>(res);
    const months = (iso: string) => new Date(iso).getUTCMonth() + new Date(iso).getUTCFullYear() * 12;
    expect(months(clock(after, 'gdpr-one-month').dueAt) - months(r.receivedAt)).toBeGreaterThanOrEqual(3);
    expect(clock(after, 'gdpr-one-month')).toMatchObject({ extended: true, status: 'pending' });
    expect(clock(after, 'appi-without-delay')).toEqual(clock(r, 'appi-without-delay'));
    expect(after.extension).toMatchObject({ reason: 'Many records in three systems', told: 'mail' });
    expect(after.canExtend).toBe(false);
    const mails = await w.t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'klaus@example.de'));
    expect(mails.map((m) => m.subject)).toEqual([expect.stringContaining('extended')]);
    const events = await w.t.database.db.select().from(auditEvents).where(eq(auditEvents.targetId, r.id));
    expect(events.map((e) => e.action)).toContain('privacy.request.extend');
    // once only: 409, nothing changed
    expect((await extend(officerA, r.id)).statusCode).toBe(409);
    // the entries changed afterwards: the clocks are recomputed and stay extended
    const patched = await as(w.t.app, officerA).patch(`/api/privacy-requests/${r.id}`, { activityIds: [gdprEntry] });
    expect(clock(json<PrivacyRequest>(patched), 'gdpr-one-month').dueAt).toBe(clock(after, 'gdpr-one-month').dueAt);
  });

  it('refuses an APPI-only request, a period already run out, a stale version and an empty reason, changing nothing', async () => {
    const appi = await request({ requesterCountry: 'JP', activityIds: [], requesterContact: '03-1234-5678' });
    expect(appi.canExtend).toBe(false);
    const refused = await extend(officerA, appi.id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ code: 'privacy.not_extendable' });
    const old = await request({ receivedAt: new Date(Date.now() - 45 * 86_400_000).toISOString() });
    const late = await extend(officerA, old.id);
    expect(late.statusCode).toBe(422);
    expect(late.json().errors[0]).toMatchObject({ code: 'privacy.extension_too_late' });
    const fresh = await request();
    expect((await extend(officerA, fresh.id, 'x', { 'if-match': `"${fresh.rowVersion + 5}"` })).statusCode).toBe(412);
    const empty = await extend(officerA, fresh.id, '');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0]).toMatchObject({ path: 'body.reason' });
    const rows = await w.t.database.db.select().from(privacyRequests).where(eq(privacyRequests.id, fresh.id));
    expect(rows[0]!.extendedAt).toBeNull();
  });

  it('is for the handlers of the request’s unit only: 403 for other roles and partners, 404 outside the scope', async () => {
    const r = await request();
    for (const u of [w.headA, w.employee, w.partner]) expect((await extend(u, r.id)).statusCode).toBe(403);
    const other = await request({ unitId: w.units.deptB }, officer);
    expect((await extend(officerA, other.id)).statusCode).toBe(404);
    expect((await extend(officer, other.id)).statusCode).toBe(200);
  });
});
