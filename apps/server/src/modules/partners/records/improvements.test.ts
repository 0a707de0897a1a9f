import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { answerAndSubmit, makePartner } from '../testing';

let t: TestApp;
let office: TestUser;
let auditor: TestUser;
let owner: TestUser;
let user: TestUser;
let other: TestUser;
let irId: string;

interface Ir {
  id: string;
  ownerId: string | null;
  ownerName: string | null;
  dueOn: string;
  status: string;
}

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  auditor = await createUser(t.database, [{ role: 'auditor' }]);
  owner = await createUser(t.database, [{ role: 'site_security_office' }]);
  const p = await makePartner(t.app, office, 'P');
  const q = await makePartner(t.app, office, 'Q');
  user = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: p.id });
  other = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: q.id });
  await as(t.app, office).post('/api/partner-campaigns', { name: 'C', dueOn: '2099-01-31', partnerIds: [p.id] });
  const [sheet] = json<{ items: { id: string }[] }>(await as(t.app, user).get('/api/partner-assessments')).items;
  await answerAndSubmit(t.app, user, sheet!.id, 'partly');
  irId = json<{ items: Ir[] }>(await as(t.app, office).get('/api/improvement-requests')).items[0]!.id;
});
afterAll(() => t.close());

describe('owner and due date of an improvement request', () => {
  it('are changed by the office, with the owner’s name shown', async () => {
    const res = await as(t.app, office).patch(`/api/improvement-requests/${irId}`, { ownerId: owner.id, dueOn: '2099-03-31' });
    expect(res.statusCode).toBe(200);
    expect(json<Ir>(res)).toMatchObject({ ownerId: owner.id, ownerName: expect.stringMatching(/^User /), dueOn: '2099-03-31' });
  });

  it('refuse a partner account or an unknown account as owner, and a bad date, changing nothing', async () => {
    for (const ownerId of [user.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await as(t.app, office).patch(`/api/improvement-requests/${irId}`, { ownerId, dueOn: '2099-12-31' });
      expect(res.statusCode).toBe(400);
      expect(json<{ errors: { path: string }[] }>(res).errors.map((e) => e.path)).toEqual(['body.ownerId']);
    }
    expect((await as(t.app, office).patch(`/api/improvement-requests/${irId}`, { dueOn: '31/12/2099' })).statusCode).toBe(400);
    expect(json<Ir>(await as(t.app, office).get(`/api/improvement-requests/${irId}`))).toMatchObject({
      ownerId: owner.id,
      dueOn: '2099-03-31',
    });
  });

  it('are the office’s to change: 403 for an auditor or the partner, 404 for another company', async () => {
    expect((await as(t.app, auditor).patch(`/api/improvement-requests/${irId}`, { ownerId: null })).statusCode).toBe(403);
    expect((await as(t.app, user).patch(`/api/improvement-requests/${irId}`, { ownerId: null })).statusCode).toBe(403);
    expect((await as(t.app, other).get(`/api/improvement-requests/${irId}`)).statusCode).toBe(404);
    expect((await as(t.app, office).patch(`/api/improvement-requests/${irId}`, { ownerId: null })).statusCode).toBe(200);
  });

  it('no longer change once the request is accepted', async () => {
    await as(t.app, user).post(`/api/improvement-requests/${irId}/answer`, { plan: '手順書を改訂します' });
    await as(t.app, office).post(`/api/improvement-requests/${irId}/accept`, {});
    expect((await as(t.app, office).patch(`/api/improvement-requests/${irId}`, { dueOn: '2099-05-01' })).statusCode).toBe(409);
  });
});
