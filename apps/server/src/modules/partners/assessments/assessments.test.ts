import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { makePartner, type AssessmentView } from '../testing';

let t: TestApp;
let office: TestUser;
let auditor: TestUser;
let alice: TestUser; // partner user of A
let bob: TestUser; // partner user of B
let a: { id: string };
let b: { id: string };
let sheetA: AssessmentView;
let sheetB: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  auditor = await createUser(t.database, [{ role: 'auditor' }]);
  a = await makePartner(t.app, office, 'A');
  b = await makePartner(t.app, office, 'B', {
    usesSubcontractors: true,
    shares: { papers: true, digitized: true, embodiments: false, knowHow: false, strictlyConfidential: false },
  });
  alice = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: a.id });
  bob = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: b.id });
  const c = await as(t.app, office).post('/api/partner-campaigns', {
    name: 'FY2026',
    dueOn: '2026-12-31',
    partnerIds: [a.id, b.id],
  });
  expect(c.statusCode).toBe(201);
  const list = json<{ items: { id: string; partnerId: string }[] }>(await as(t.app, office).get('/api/partner-assessments'));
  sheetA = json(await as(t.app, office).get(`/api/partner-assessments/${list.items.find((i) => i.partnerId === a.id)!.id}`));
  sheetB = list.items.find((i) => i.partnerId === b.id)!;
});
afterAll(() => t.close());

describe('campaigns and applicability', () => {
  it('gives each partner exactly the requirements that apply to it', async () => {
    const ids = sheetA.items.map((i) => i.requirementId);
    expect(ids.some((id) => /^2-[4-8]-/.test(id))).toBe(false);
    const full = json<AssessmentView>(await as(t.app, office).get(`/api/partner-assessments/${sheetB.id}`));
    expect(full.items.map((i) => i.requirementId)).toEqual(expect.arrayContaining(['2-4-1-a', '2-8-1', '2-8-2-l']));
    expect(full.catalogVersion).toBe(1);
  });

  it('lets only the security office start a campaign', async () => {
    const body = { name: 'x', dueOn: '2026-12-31' };
    expect((await as(t.app, auditor).post('/api/partner-campaigns', body)).statusCode).toBe(403);
    expect((await as(t.app, alice).post('/api/partner-campaigns', body)).statusCode).toBe(403);
  });
});

describe('a partner user', () => {
  it('sees only its own company: 404 for another partner, its sheets and requests', async () => {
    expect((await as(t.app, alice).get(`/api/partners/${a.id}`)).statusCode).toBe(200);
    expect((await as(t.app, alice).get(`/api/partners/${b.id}`)).statusCode).toBe(404);
    expect((await as(t.app, alice).get(`/api/partner-assessments/${sheetB.id}`)).statusCode).toBe(404);
    expect((await as(t.app, alice).get(`/api/partner-assessments/${sheetB.id}/check-sheet.xlsx`)).statusCode).toBe(404);
    const put = await as(t.app, alice).put(`/api/partner-assessments/${sheetB.id}/answers`, {
      answers: [{ requirementId: '1-1', value: 'implemented' }],
    });
    expect(put.statusCode).toBe(404);
    expect((await as(t.app, alice).post(`/api/partner-assessments/${sheetB.id}/submit`)).statusCode).toBe(404);
    const list = json<{ items: { id: string }[] }>(await as(t.app, alice).get('/api/partners'));
    expect(list.items.map((p) => p.id)).toEqual([a.id]);
    const sheets = json<{ items: { partnerId: string }[] }>(
      await as(t.app, alice).get(`/api/partner-assessments?partnerId=${b.id}`),
    );
    expect(sheets.items).toEqual([]);
  });

  it('sees campaign counts of its own company only, never the group-wide figures', async () => {
    type Campaigns = { items: { name: string; assessments: number; submitted: number }[] };
    const mine = json<Campaigns>(await as(t.app, alice).get('/api/partner-campaigns')).items.find((c) => c.name === 'FY2026');
    expect(mine).toMatchObject({ assessments: 1 });
    const theirs = json<Campaigns>(await as(t.app, bob).get('/api/partner-campaigns')).items.find((c) => c.name === 'FY2026');
    expect(theirs).toMatchObject({ assessments: 1 });
    const all = json<Campaigns>(await as(t.app, office).get('/api/partner-campaigns')).items.find((c) => c.name === 'FY2026');
    expect(all).toMatchObject({ assessments: 2 });
  });

  it('never reaches internal endpoints', async () => {
    for (const url of ['/api/people', '/api/org-units', '/api/accounts', '/api/audit-events', '/api/role-assignments'])
      expect((await as(t.app, alice).get(url)).statusCode, url).toBe(403);
    expect((await as(t.app, alice).patch(`/api/partners/${a.id}`, { nameEn: 'Mine' })).statusCode).toBe(403);
    expect((await as(t.app, alice).post(`/api/partner-assessments/${sheetA.id}/reopen`, { reason: 'x' })).statusCode).toBe(403);
  });
});

describe('answering, submitting, scoring', () => {
  it('saves drafts, refusing unknown ids and N/A without a reason, changing nothing', async () => {
    const bad = await as(t.app, alice).put(`/api/partner-assessments/${sheetA.id}/answers`, {
      answers: [
        { requirementId: '1-1', value: 'implemented' },
        { requirementId: '2-4-1-a', value: 'implemented' },
        { requirementId: '1-2', value: 'not_applicable' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(bad).errors.map((e) => e.path)).toEqual([
      'body.answers.1.requirementId',
      'body.answers.2.reason',
    ]);
    const after = json<AssessmentView>(await as(t.app, alice).get(`/api/partner-assessments/${sheetA.id}`));
    expect(after.items.every((i) => i.value === null)).toBe(true);
  });

  it('refuses to submit an incomplete sheet, then scores a complete one and opens improvement requests', async () => {
    const ids = sheetA.items.map((i) => i.requirementId);
    const first = ids.slice(0, 5).map((requirementId) => ({ requirementId, value: 'implemented' }));
    expect((await as(t.app, alice).put(`/api/partner-assessments/${sheetA.id}/answers`, { answers: first })).statusCode).toBe(
      200,
    );
    const early = await as(t.app, alice).post(`/api/partner-assessments/${sheetA.id}/submit`);
    expect(early.statusCode).toBe(422);
    const rest = ids.slice(5).map((requirementId) => ({
      requirementId,
      value: requirementId.startsWith('3-') ? 'not_implemented' : requirementId.startsWith('4-') ? 'partly' : 'implemented',
    }));
    await as(t.app, alice).put(`/api/partner-assessments/${sheetA.id}/answers`, { answers: rest });
    const sub = await as(t.app, alice).post(`/api/partner-assessments/${sheetA.id}/submit`);
    expect(sub.statusCode).toBe(200);
    const s = json<AssessmentView>(sub);
    expect(s.status).toBe('submitted');
    expect(s.scores['3']).toBe(0);
    expect(s.scores['1']).toBe(100);
    expect(s.threshold).toBe(60); // tier low
    expect(s.passed).toBe(false); // 3-2-1 is critical and not implemented
    const irs = json<{ items: { requirementId: string; reason: string; status: string }[] }>(
      await as(t.app, alice).get(`/api/improvement-requests?partnerId=${a.id}`),
    );
    expect(irs.items.map((i) => i.requirementId)).toContain('3-2-1');
    const partner = json<{ latestScore: number }>(await as(t.app, office).get(`/api/partners/${a.id}`));
    expect(partner.latestScore).toBe(s.score);
    expect((await as(t.app, alice).put(`/api/partner-assessments/${sheetA.id}/answers`, { answers: first })).statusCode).toBe(
      409,
    );
  });

  it('runs an improvement request: the partner answers, the office returns, the partner answers again, the office accepts', async () => {
    const [ir] = json<{ items: { id: string }[] }>(
      await as(t.app, office).get(`/api/improvement-requests?partnerId=${a.id}&status=open`),
    ).items;
    expect((await as(t.app, bob).post(`/api/improvement-requests/${ir!.id}/answer`, { plan: 'x' })).statusCode).toBe(404);
    expect((await as(t.app, alice).post(`/api/improvement-requests/${ir!.id}/accept`, {})).statusCode).toBe(403);
    const answered = await as(t.app, alice).post(`/api/improvement-requests/${ir!.id}/answer`, {
      plan: '誓約書を全員から取得します',
    });
    expect(json<{ status: string }>(answered).status).toBe('answered');
    const returned = await as(t.app, office).post(`/api/improvement-requests/${ir!.id}/return`, { comment: 'dates please' });
    expect(json<{ status: string }>(returned).status).toBe('returned');
    await as(t.app, alice).post(`/api/improvement-requests/${ir!.id}/answer`, { plan: 'All pledges by 2026-06-30' });
    const accepted = await as(t.app, office).post(`/api/improvement-requests/${ir!.id}/accept`, {});
    expect(json<{ status: string }>(accepted).status).toBe('accepted');
    expect((await as(t.app, office).post(`/api/improvement-requests/${ir!.id}/accept`, {})).statusCode).toBe(409);
  });

  it('lets the office reopen a submitted sheet, and the partner answer again', async () => {
    expect(
      (await as(t.app, office).post(`/api/partner-assessments/${sheetA.id}/reopen`, { reason: 'please recheck 3-2' })).statusCode,
    ).toBe(200);
    const again = await as(t.app, alice).put(`/api/partner-assessments/${sheetA.id}/answers`, {
      answers: [{ requirementId: '3-2-1', value: 'implemented' }],
    });
    expect(json<AssessmentView>(again).status).toBe('reopened');
    const re = json<AssessmentView>(await as(t.app, alice).post(`/api/partner-assessments/${sheetA.id}/submit`));
    expect(re.status).toBe('submitted');
    expect(re.scores['3']).toBeGreaterThan(0);
  });
});
