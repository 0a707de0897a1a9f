import type { Activity, PrivacyRequest } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPrincipal } from '../../platform/auth/principal-loader';
import { as, json, type TestUser } from '../../test/app';
import { runPrivacyReminders } from './job';
import { privacyRequests } from './requests/tables';
import { requestsDueFor } from './requests/service';
import { privacyWorld, type PrivacyWorld } from './test-world';

let w: PrivacyWorld['w'];
let officer: TestUser;
let officerA: TestUser;
let world: PrivacyWorld;
const create = (user: TestUser, over: Record<string, unknown> = {}) => world.create(user, over);

beforeAll(async () => {
  world = await privacyWorld();
  ({ w, officer, officerA } = world);
}, 300_000);
afterAll(() => w?.t.close());

describe('data-subject requests', () => {
  it('the public form answers the same whoever asks, stores the request for the office, and is rate-limited', async () => {
    const body = (name: string) => ({
      type: 'disclosure',
      requesterName: name,
      requesterContact: `${name}@example.com`,
      details: 'What do you hold about me?',
    });
    const known = await as(w.t.app, null).post('/api/public/privacy-requests', body('Hanako Sato'));
    const unknown = await as(w.t.app, null).post('/api/public/privacy-requests', body('Nobody Atall'));
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(Object.keys(known.json()).sort()).toEqual(Object.keys(unknown.json()).sort());
    expect(known.json().received).toBe(true);
    expect(known.body.length).toBe(unknown.body.length);
    const stored = await w.t.database.db.select().from(privacyRequests).where(eq(privacyRequests.requesterName, 'Nobody Atall'));
    expect(stored[0]).toMatchObject({ channel: 'public_form', unitId: null, laws: ['appi'] });
    // only a group-wide handler sees an untriaged request
    const id = stored[0]!.id;
    expect((await as(w.t.app, officer).get(`/api/privacy-requests/${id}`)).statusCode).toBe(200);
    expect((await as(w.t.app, officerA).get(`/api/privacy-requests/${id}`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.partner).get(`/api/privacy-requests/${id}`)).statusCode).toBe(403);
    let last = 202;
    for (let i = 0; i < 6 && last !== 429; i++)
      last = (await as(w.t.app, null).post('/api/public/privacy-requests', body(`Flood ${i}`))).statusCode;
    expect(last).toBe(429);
  });

  it('tracks the APPI and GDPR clocks, needs the identity check, and answers in time with a letter', async () => {
    const gdpr = json<Activity>(await create(officer, { service: 'EU owners club', subjectCountries: ['DE'] }));
    const res = await as(w.t.app, officerA).post('/api/privacy-requests', {
      type: 'deletion',
      unitId: w.units.deptA,
      requesterName: 'Klaus Weber',
      requesterContact: 'klaus@example.de',
      requesterCountry: 'DE',
      activityIds: [gdpr.id],
      language: 'en',
    });
    expect(res.statusCode).toBe(201);
    const r = json<PrivacyRequest>(res);
    expect(r.laws).toEqual(['appi', 'gdpr']);
    expect(r.clocks.map((c) => c.ruleId).sort()).toEqual(['appi-without-delay', 'gdpr-one-month']);
    expect(r.clocks.every((c) => c.status === 'pending')).toBe(true);
    expect((await requestsDueFor(w.t.database.db, (await principalOf(officerA))!, 10)).map((i) => i.id)).toContain(r.id);
    const answer = { outcome: 'granted', answer: 'We erased your data on request.' };
    expect((await as(w.t.app, officerA).post(`/api/privacy-requests/${r.id}/answer`, answer)).statusCode).toBe(422);
    const checked = await as(w.t.app, officerA).patch(`/api/privacy-requests/${r.id}`, {
      identity: { method: 'id_document', note: 'Passport copy' },
    });
    expect(checked.json()).toMatchObject({ status: 'in_progress', identity: { method: 'id_document' } });
    const answered = await as(w.t.app, officerA).post(`/api/privacy-requests/${r.id}/answer`, answer, {
      'if-match': checked.headers.etag as string,
    });
    expect(answered.statusCode).toBe(200);
    expect(json<PrivacyRequest>(answered).clocks.map((c) => c.status)).toEqual(['met', 'met']);
    const letter = await as(w.t.app, officerA).get(`/api/privacy-requests/${r.id}/letter.pdf?lang=ja`);
    expect(letter.statusCode).toBe(200);
    expect(letter.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await as(w.t.app, officerA).post(`/api/privacy-requests/${r.id}/answer`, answer)).statusCode).toBe(409);
  });

  it('refuses an answer after the clock without a reason, and accepts it with one', async () => {
    const r = json<PrivacyRequest>(
      await as(w.t.app, officer).post('/api/privacy-requests', {
        type: 'disclosure',
        unitId: w.units.deptA,
        requesterName: 'Late Case',
        requesterContact: 'late@example.com',
        receivedAt: new Date(Date.now() - 60 * 86_400_000).toISOString(),
      }),
    );
    expect(r.clocks[0]!.status).toBe('overdue');
    await as(w.t.app, officer).patch(`/api/privacy-requests/${r.id}`, { identity: { method: 'registered_contact' } });
    const refused = await as(w.t.app, officer).post(`/api/privacy-requests/${r.id}/answer`, {
      outcome: 'no_data',
      answer: 'Nothing held.',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ path: 'body.lateReason', code: 'privacy.late_reason_required' });
    const [still] = await w.t.database.db.select().from(privacyRequests).where(eq(privacyRequests.id, r.id));
    expect(still!.answeredAt).toBeNull();
    const counts = await runPrivacyReminders(w.t.database.db, 'http://x');
    expect(counts.escalated).toBeGreaterThan(0);
    const ok = await as(w.t.app, officer).post(`/api/privacy-requests/${r.id}/answer`, {
      outcome: 'no_data',
      answer: 'Nothing held.',
      lateReason: 'The request was misfiled.',
    });
    expect(ok.statusCode).toBe(200);
    expect(json<PrivacyRequest>(ok).clocks[0]!.status).toBe('met_late');
  });

  it('refuses request handling to roles without it', async () => {
    for (const u of [w.headA, w.employee, w.partner])
      expect((await as(w.t.app, u).get('/api/privacy-requests')).statusCode).toBe(403);
    expect(
      (
        await as(w.t.app, officerA).post('/api/privacy-requests', {
          type: 'disclosure',
          unitId: w.units.deptB,
          requesterName: 'x',
          requesterContact: 'y',
        })
      ).statusCode,
    ).toBe(400);
  });
});

const principalOf = (u: TestUser) => loadPrincipal(w.t.database.db, u.id, 'token', null);
