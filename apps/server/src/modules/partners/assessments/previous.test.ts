import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { answerAndSubmit, makePartner, type AssessmentView } from '../testing';

type Sheet = AssessmentView & { answered: number; total: number; previousSheet: { id: string; campaignName: string } | null };

let t: TestApp;
let office: TestUser;
let alice: TestUser; // partner user of A
let bob: TestUser; // partner user of B
let a: { id: string };
let b: { id: string };

const sheetsOf = async (user: TestUser, campaign: string) => {
  const list = json<{ items: { id: string; campaignName: string }[] }>(await as(t.app, user).get('/api/partner-assessments'));
  return list.items.filter((i) => i.campaignName === campaign);
};
const campaign = async (name: string, partnerIds: string[]) =>
  expect((await as(t.app, office).post('/api/partner-campaigns', { name, dueOn: '2027-12-31', partnerIds })).statusCode).toBe(
    201,
  );

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  a = await makePartner(t.app, office, 'A');
  b = await makePartner(t.app, office, 'B');
  alice = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: a.id });
  bob = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: b.id });
  await campaign('FY2025', [a.id]);
  await answerAndSubmit(t.app, alice, (await sheetsOf(alice, 'FY2025'))[0]!.id, 'partly');
  await campaign('FY2026', [a.id, b.id]);
});
afterAll(() => t.close());

describe('POST /api/partner-assessments/:id/copy-previous', () => {
  it('fills the unanswered requirements from last year’s sheet and keeps what is already answered', async () => {
    const id = (await sheetsOf(alice, 'FY2026'))[0]!.id;
    const before = json<Sheet>(await as(t.app, alice).get(`/api/partner-assessments/${id}`));
    expect(before.previousSheet?.campaignName).toBe('FY2025');
    const first = before.items[0]!.requirementId;
    await as(t.app, alice).put(`/api/partner-assessments/${id}/answers`, {
      answers: [{ requirementId: first, value: 'implemented' }],
    });
    const res = await as(t.app, alice).post(`/api/partner-assessments/${id}/copy-previous`);
    expect(res.statusCode).toBe(200);
    const { copied, assessment } = json<{ copied: number; assessment: Sheet }>(res);
    expect(copied).toBe(before.total - 1);
    expect(assessment.answered).toBe(assessment.total);
    expect(assessment.status).toBe('draft'); // a starting point: the partner still reviews and submits
    expect(assessment.items.find((i) => i.requirementId === first)!.value).toBe('implemented');
    expect(assessment.items.filter((i) => i.value === 'partly')).toHaveLength(before.total - 1);
    // again: nothing left to fill
    expect(json<{ copied: number }>(await as(t.app, alice).post(`/api/partner-assessments/${id}/copy-previous`)).copied).toBe(0);
  });

  it('refuses a partner without an earlier sheet, a submitted sheet, another partner’s sheet and the office', async () => {
    const bobs = (await sheetsOf(bob, 'FY2026'))[0]!.id;
    const none = await as(t.app, bob).post(`/api/partner-assessments/${bobs}/copy-previous`);
    expect(none.statusCode).toBe(409);
    expect(json<{ detailCode: string }>(none).detailCode).toBe('partner.sheet.no_previous');
    const alices = (await sheetsOf(alice, 'FY2025'))[0]!.id;
    const done = await as(t.app, alice).post(`/api/partner-assessments/${alices}/copy-previous`);
    expect(done.statusCode).toBe(409);
    expect(json<{ detailCode: string }>(done).detailCode).toBe('partner.sheet.not_answerable');
    expect((await as(t.app, bob).post(`/api/partner-assessments/${alices}/copy-previous`)).statusCode).toBe(404);
    expect((await as(t.app, office).post(`/api/partner-assessments/${bobs}/copy-previous`)).statusCode).toBe(403);
  });
});
