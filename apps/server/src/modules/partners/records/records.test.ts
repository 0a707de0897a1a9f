import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { makePartner } from '../testing';

let t: TestApp;
let office: TestUser;
let auditor: TestUser;
let user: TestUser;
let strangerUser: TestUser;
let p: { id: string };
let stranger: { id: string };

const provisions = (missing: string[] = []) => Object.fromEntries('abcdefghijkl'.split('').map((c) => [c, !missing.includes(c)]));

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  auditor = await createUser(t.database, [{ role: 'auditor' }]);
  p = await makePartner(t.app, office, 'P');
  stranger = await makePartner(t.app, office, 'Q');
  user = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: p.id });
  strangerUser = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: stranger.id });
});
afterAll(() => t.close());

describe('sub-contractors and prior written notice (2-8-1)', () => {
  it('blocks activation until the notice is recorded, and builds a chain', async () => {
    const res = await as(t.app, office).post(`/api/partners/${p.id}/subcontractors`, {
      name: '下請 一',
      country: 'JP',
      work: 'plating',
    });
    expect(res.statusCode).toBe(201);
    const sub = json<{ id: string; status: string }>(res);
    expect(sub.status).toBe('pending_notice');
    const detail = json<{ usesSubcontractors: boolean; subcontractorsWithoutNotice: number }>(
      await as(t.app, office).get(`/api/partners/${p.id}`),
    );
    expect(detail).toMatchObject({ usesSubcontractors: true, subcontractorsWithoutNotice: 1 });
    const early = await as(t.app, office).patch(`/api/partner-subcontractors/${sub.id}`, { status: 'active' });
    expect(early.statusCode).toBe(409);
    const exchange = {
      subcontractorId: sub.id,
      direction: 'to_partner',
      form: 'papers',
      description: 'drawings',
      method: 'hand',
      occurredOn: '2026-01-10',
      approvedBy: 'Sato',
    };
    expect((await as(t.app, office).post(`/api/partners/${p.id}/exchanges`, exchange)).statusCode).toBe(409);
    const ok = await as(t.app, office).patch(`/api/partner-subcontractors/${sub.id}`, {
      status: 'active',
      priorNoticeReceivedOn: '2026-01-05',
    });
    expect(json<{ status: string }>(ok).status).toBe('active');
    const child = await as(t.app, office).post(`/api/partners/${p.id}/subcontractors`, {
      parentId: sub.id,
      name: '孫請',
      country: 'VN',
    });
    expect(json<{ parentId: string }>(child).parentId).toBe(sub.id);
    const other = await as(t.app, office).post(`/api/partners/${stranger.id}/subcontractors`, {
      parentId: sub.id,
      name: 'x',
      country: 'JP',
    });
    expect(other.statusCode).toBe(400);
    expect((await as(t.app, office).post(`/api/partners/${p.id}/exchanges`, exchange)).statusCode).toBe(201);
  });
});

describe('NDAs', () => {
  it('records the twelve provisions, validity and the signed file', async () => {
    const res = await as(t.app, office).post(`/api/partners/${p.id}/ndas`, {
      title: '秘密保持契約書',
      signedOn: '2025-03-01',
      validFrom: '2025-04-01',
      validUntil: '2030-03-31',
      provisions: provisions(['l']),
    });
    expect(res.statusCode).toBe(201);
    const nda = json<{ id: string; valid: boolean; missingProvisions: string[] }>(res);
    expect(nda).toMatchObject({ valid: true, missingProvisions: ['l'] });
    const bad = await as(t.app, office).post(`/api/partners/${p.id}/ndas`, {
      title: 'x',
      signedOn: '2025-03-01',
      validFrom: '2025-04-01',
      validUntil: '2024-01-01',
      provisions: { a: true },
    });
    expect(bad.statusCode).toBe(400);
    const file = await t.app.inject({
      method: 'POST',
      url: `/api/partners/${p.id}/files?name=nda.pdf`,
      headers: { authorization: `Bearer ${office.token}`, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4 signed'),
    });
    expect(file.statusCode).toBe(201);
    const fileId = json<{ id: string }>(file).id;
    expect(json<{ fileId: string }>(await as(t.app, office).patch(`/api/partner-ndas/${nda.id}`, { fileId })).fileId).toBe(
      fileId,
    );
    expect((await as(t.app, user).get(`/api/partner-files/${fileId}`)).body).toBe('%PDF-1.4 signed');
    expect((await as(t.app, strangerUser).get(`/api/partner-files/${fileId}`)).statusCode).toBe(404);
    expect(json<{ hasValidNda: boolean }>(await as(t.app, office).get(`/api/partners/${p.id}`)).hasValidNda).toBe(true);
    expect((await as(t.app, user).post(`/api/partners/${p.id}/ndas`, { title: 'x' })).statusCode).toBe(403);
  });
});

describe('exchange log, visits, dashboard', () => {
  it('records an exchange and its return', async () => {
    const res = await as(t.app, office).post(`/api/partners/${p.id}/exchanges`, {
      direction: 'to_partner',
      form: 'embodiment',
      description: '試作金型 1 式',
      method: '社用車で搬送',
      occurredOn: '2026-02-01',
      approvedBy: '課長 佐藤',
      returnDueOn: '2026-06-30',
    });
    expect(res.statusCode).toBe(201);
    const ex = json<{ id: string }>(res);
    const settled = await as(t.app, office).post(`/api/partner-exchanges/${ex.id}/settle`, {
      settlement: 'returned',
      settledOn: '2026-06-20',
    });
    expect(json<{ settlement: string }>(settled).settlement).toBe('returned');
    expect(
      (
        await as(t.app, office).post(`/api/partner-exchanges/${ex.id}/settle`, {
          settlement: 'disposed',
          settledOn: '2026-06-21',
        })
      ).statusCode,
    ).toBe(409);
    expect(json<unknown[]>(await as(t.app, auditor).get(`/api/partners/${p.id}/exchanges`))).toHaveLength(2);
  });

  it('records an on-site visit with findings', async () => {
    const res = await as(t.app, office).post(`/api/partners/${p.id}/visits`, {
      visitedOn: '2026-03-01',
      visitors: '事務局 田中',
      summary: '入退室管理を確認',
      findings: [{ requirementId: '2-3-4', severity: 'minor', note: 'ログの定期確認なし' }],
    });
    expect(res.statusCode).toBe(201);
    expect(
      (
        await as(t.app, auditor).post(`/api/partners/${p.id}/visits`, {
          visitedOn: '2026-03-01',
          visitors: 'x',
          summary: 'x',
          findings: [],
        })
      ).statusCode,
    ).toBe(403);
  });

  it('shows the dashboard to the office, not to a partner', async () => {
    const res = await as(t.app, office).get('/api/partner-dashboard');
    expect(res.statusCode).toBe(200);
    const d = json<{
      partners: number;
      partnersWithoutValidNda: number;
      subcontractorsWithoutNotice: number;
      scoreDistribution: unknown[];
    }>(res);
    expect(d).toMatchObject({ partners: 2, partnersWithoutValidNda: 1, subcontractorsWithoutNotice: 1 });
    expect(d.scoreDistribution).toHaveLength(10);
    expect((await as(t.app, user).get('/api/partner-dashboard')).statusCode).toBe(403);
  });
});

describe('evidence and roles', () => {
  it('attaches an uploaded evidence file to an answer; another company cannot use it', async () => {
    await as(t.app, office).post('/api/partner-campaigns', { name: 'E', dueOn: '2026-12-31', partnerIds: [p.id, stranger.id] });
    const [sheet] = json<{ items: { id: string }[] }>(await as(t.app, user).get('/api/partner-assessments')).items;
    const [theirs] = json<{ items: { id: string }[] }>(await as(t.app, strangerUser).get('/api/partner-assessments')).items;
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/partners/${p.id}/files?name=体制図.png`,
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'image/png' },
      payload: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    });
    expect(up.statusCode).toBe(201);
    const fileId = json<{ id: string }>(up).id;
    const answer = { requirementId: '1-1', value: 'implemented', evidenceFileIds: [fileId] };
    const saved = await as(t.app, user).put(`/api/partner-assessments/${sheet!.id}/answers`, { answers: [answer] });
    expect(json<{ items: { evidenceFileIds: string[] }[] }>(saved).items[0]!.evidenceFileIds).toEqual([fileId]);
    const kept = await as(t.app, user).put(`/api/partner-assessments/${sheet!.id}/answers`, {
      answers: [{ requirementId: '1-1', value: 'partly' }],
    });
    expect(json<{ items: { evidenceFileIds: string[] }[] }>(kept).items[0]!.evidenceFileIds).toEqual([fileId]);
    expect(
      (await as(t.app, strangerUser).put(`/api/partner-assessments/${theirs!.id}/answers`, { answers: [answer] })).statusCode,
    ).toBe(404);
    const upOther = await t.app.inject({
      method: 'POST',
      url: `/api/partners/${p.id}/files?name=x.png`,
      headers: { authorization: `Bearer ${strangerUser.token}`, 'content-type': 'image/png' },
      payload: Buffer.from([1]),
    });
    expect(upOther.statusCode).toBe(404);
  });

  it('refuses an internal role for a partner account and the partner role for an internal one', async () => {
    const admin = await createUser(t.database, [{ role: 'system_admin' }]);
    const toPartner = await as(t.app, admin).post('/api/role-assignments', {
      userId: user.id,
      role: 'security_office',
      orgUnitId: null,
    });
    expect(toPartner.statusCode).toBe(400);
    const toInternal = await as(t.app, admin).post('/api/role-assignments', {
      userId: auditor.id,
      role: 'partner_user',
      orgUnitId: null,
    });
    expect(toInternal.statusCode).toBe(400);
  });
});

describe('portal users', () => {
  it('invites a partner user who then sees only that company', async () => {
    const res = await as(t.app, office).post(`/api/partners/${p.id}/users`, { email: 'Suzuki@P.example', name: '鈴木' });
    expect(res.statusCode).toBe(201);
    const { activationUrl } = json<{ activationUrl: string }>(res);
    const token = new URL(activationUrl).searchParams.get('token')!;
    const act = await as(t.app, null).post('/api/activate', { token, password: 'a-long-and-unusual-passphrase-7' });
    expect(act.statusCode).toBe(200);
    const signIn = await as(t.app, null).post('/api/auth/sign-in', {
      email: 'suzuki@p.example',
      password: 'a-long-and-unusual-passphrase-7',
    });
    expect(signIn.statusCode).toBe(200);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const me = json<{ user: { kind: string }; actions: string[] }>(
      await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } }),
    );
    expect(me.user.kind).toBe('partner');
    expect(me.actions).toEqual(['partner-portal:answer', 'partner-portal:report', 'partners:read']);
    const seen = json<{ items: { id: string }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/partners', headers: { cookie } }),
    );
    expect(seen.items.map((x) => x.id)).toEqual([p.id]);
    expect(
      (await as(t.app, office).post(`/api/partners/${p.id}/users`, { email: 'suzuki@p.example', name: 'x' })).statusCode,
    ).toBe(409);
    expect((await as(t.app, user).post(`/api/partners/${p.id}/users`, { email: 'x@p.example', name: 'x' })).statusCode).toBe(403);
  });
});
