import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../platform/mail/tables';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { inParallel } from '../../../test/concurrency';
import { answerAndSubmit, makePartner } from '../testing';

let t: TestApp;
let office: TestUser;
let auditor: TestUser;
let alice: TestUser; // partner user of A (submits)
let bob: TestUser; // partner user of B (does not)
let carol: TestUser; // partner user of C (another campaign only)
let campaignId: string;
let otherCampaignId: string;

const mailsTo = async (email: string) => (await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, email))).length;
type Campaign = { id: string; name: string; assessments: number; submitted: number };

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  auditor = await createUser(t.database, [{ role: 'auditor' }]);
  const [a, b, c, d] = await Promise.all(['A', 'B', 'C', 'D'].map((n) => makePartner(t.app, office, n)));
  alice = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: a!.id });
  bob = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: b!.id });
  carol = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: c!.id });
  const start = async (name: string, partnerIds: string[]) =>
    json<Campaign>(await as(t.app, office).post('/api/partner-campaigns', { name, dueOn: '2027-01-31', partnerIds })).id;
  campaignId = await start('FY2026', [a!.id, b!.id, d!.id]);
  otherCampaignId = await start('FY2026 extra', [c!.id]);
  const list = json<{ items: { id: string; campaignName: string }[] }>(await as(t.app, alice).get('/api/partner-assessments'));
  await answerAndSubmit(t.app, alice, list.items.find((i) => i.campaignName === 'FY2026')!.id);
});
afterAll(() => t.close());

describe('GET /api/partner-campaigns/:id', () => {
  it('gives the office the whole campaign and a partner only its own sheet’s count; 404 outside it', async () => {
    const all = json<Campaign>(await as(t.app, office).get(`/api/partner-campaigns/${campaignId}`));
    expect([all.assessments, all.submitted]).toEqual([3, 1]);
    const own = json<Campaign>(await as(t.app, bob).get(`/api/partner-campaigns/${campaignId}`));
    expect([own.assessments, own.submitted]).toEqual([1, 0]);
    expect((await as(t.app, carol).get(`/api/partner-campaigns/${campaignId}`)).statusCode).toBe(404);
  });
});

describe('POST /api/partner-campaigns/:id/remind', () => {
  it('mails the partners that have not submitted, once a day at most, even when two office users click at once', async () => {
    const before = { alice: await mailsTo(alice.email), bob: await mailsTo(bob.email) };
    const results = await inParallel(2, () => as(t.app, office).post(`/api/partner-campaigns/${campaignId}/remind`));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    const bodies = results.map((r) => json<{ reminded: number; skipped: number }>(r));
    expect(bodies.reduce((n, b) => n + b.reminded, 0)).toBe(2); // B and D, each claimed once
    expect(await mailsTo(bob.email)).toBe(before.bob + 1);
    expect(await mailsTo(alice.email)).toBe(before.alice); // submitted: no reminder
    expect(await mailsTo(carol.email)).toBe(0); // another campaign
    const again = json<{ reminded: number; skipped: number }>(
      await as(t.app, office).post(`/api/partner-campaigns/${campaignId}/remind`),
    );
    expect(again).toMatchObject({ reminded: 0, skipped: 2 });
  });

  it('refuses partners and read-only roles, and answers 404 for an unknown campaign', async () => {
    expect((await as(t.app, bob).post(`/api/partner-campaigns/${campaignId}/remind`)).statusCode).toBe(403);
    expect((await as(t.app, auditor).post(`/api/partner-campaigns/${otherCampaignId}/remind`)).statusCode).toBe(403);
    const unknown = await as(t.app, office).post(`/api/partner-campaigns/00000000-0000-4000-8000-000000000000/remind`);
    expect(unknown.statusCode).toBe(404);
    expect(await mailsTo(carol.email)).toBe(0);
  });
});
