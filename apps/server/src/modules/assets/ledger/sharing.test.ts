import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestUser } from '../../../test/app';
import { auditOf } from '../../../test/concurrency';
import { answerAndSubmit, makePartner } from '../../partners/testing';
import { assetBody, assetsWorld, makeAsset, type AssetsWorld, type AssetView } from '../testing';

let w: AssetsWorld;
let withNda: string;
let withoutNda: string;
let withRequests: string;
beforeAll(async () => {
  w = await assetsWorld();
  const nda = async (partnerId: string) => {
    const provisions = Object.fromEntries('abcdefghijkl'.split('').map((p) => [p, true]));
    const res = await as(w.t.app, w.office).post(`/api/partners/${partnerId}/ndas`, {
      title: 'NDA',
      signedOn: '2025-04-01',
      validFrom: '2025-04-01',
      validUntil: null,
      provisions,
    });
    if (res.statusCode !== 201) throw new Error(res.body);
  };
  withNda = (await makePartner(w.t.app, w.office, 'NdaOk')).id;
  await nda(withNda);
  withoutNda = (await makePartner(w.t.app, w.office, 'NoNda')).id;
  withRequests = (await makePartner(w.t.app, w.office, 'Requests')).id;
  await nda(withRequests);
  // a check sheet answered "partly": open improvement requests (not for a critical requirement)
  const user: TestUser = await createUser(w.t.database, [{ role: 'partner_user' }], { partnerId: withRequests });
  await as(w.t.app, w.office).post('/api/partner-campaigns', { name: 'C', dueOn: '2099-01-31', partnerIds: [withRequests] });
  const [sheet] = json<{ items: { id: string }[] }>(await as(w.t.app, user).get('/api/partner-assessments')).items;
  await answerAndSubmit(w.t.app, user, sheet!.id, 'partly');
});
afterAll(() => w.t.close());

type Refusal = { detailCode: string; errors: { path: string; code: string }[] };
const codes = (res: { json(): unknown }) => (res.json() as Refusal).errors.map((e) => e.code).sort();

describe('sharing an asset with a business partner', () => {
  it('shares an internal asset with a partner that has an NDA in force, and lists the asset by partner', async () => {
    const a = await makeAsset(
      w.t.app,
      w.leaderA,
      assetBody(w.units.deptA, w.people.a, { classCode: 'internal', name: '作業手順書' }),
    );
    const res = await as(w.t.app, w.leaderA).post(`/api/assets/${a.id}/partners`, { partnerId: withNda });
    expect(res.statusCode).toBe(200);
    expect(json<AssetView>(res).partners.map((p) => p.partnerId)).toEqual([withNda]);
    const listed = json<{ items: AssetView[] }>(await as(w.t.app, w.office).get(`/api/assets?partnerId=${withNda}`)).items;
    expect(listed.map((x) => x.id)).toEqual([a.id]);
    expect((await auditOf(w.t.database, 'asset', a.id)).map((e) => e.action)).toContain('asset.share');
    const un = await as(w.t.app, w.leaderA).delete(`/api/assets/${a.id}/partners/${withNda}`);
    expect(json<AssetView>(un).partners).toEqual([]);
    expect((await as(w.t.app, w.leaderA).delete(`/api/assets/${a.id}/partners/${withNda}`)).statusCode).toBe(404);
  });

  it('refuses without an NDA in force, naming the reason, and writes nothing', async () => {
    const a = await makeAsset(w.t.app, w.office, assetBody(w.units.deptA, w.people.a, { classCode: 'internal' }));
    const res = await as(w.t.app, w.office).post(`/api/assets/${a.id}/partners`, { partnerId: withoutNda });
    expect(res.statusCode).toBe(422);
    expect(json<Refusal>(res).detailCode).toBe('assets.share_refused');
    expect(codes(res)).toEqual(['assets.share_no_nda']);
    expect(json<AssetView>(await as(w.t.app, w.office).get(`/api/assets/${a.id}`)).partners).toEqual([]);
  });

  it('asks for encryption and an approval where the class rule says so', async () => {
    const a = await makeAsset(w.t.app, w.office, assetBody(w.units.deptA, w.people.a, { classCode: 'strictly_confidential' }));
    const bare = await as(w.t.app, w.office).post(`/api/assets/${a.id}/partners`, { partnerId: withNda });
    expect(codes(bare)).toEqual(['assets.share_needs_approval', 'assets.share_needs_approval', 'assets.share_needs_encryption']);
    const ok = await as(w.t.app, w.office).post(`/api/assets/${a.id}/partners`, {
      partnerId: withNda,
      encrypted: true,
      approvedBy: '山田 部長, CISO',
      approvedOn: '2026-12-01',
    });
    expect(ok.statusCode).toBe(200);
  });

  it('refuses a 極秘 asset to a partner with open improvement requests, but not a 秘 one (critical ones only)', async () => {
    const top = await makeAsset(w.t.app, w.office, assetBody(w.units.deptA, w.people.a, { classCode: 'strictly_confidential' }));
    const res = await as(w.t.app, w.office).post(`/api/assets/${top.id}/partners`, {
      partnerId: withRequests,
      encrypted: true,
      approvedBy: 'CISO',
      approvedOn: '2026-12-01',
    });
    expect(res.statusCode).toBe(422);
    expect(codes(res)).toEqual(['assets.share_open_requests']);
    const conf = await makeAsset(w.t.app, w.office, assetBody(w.units.deptA, w.people.a, { classCode: 'confidential' }));
    const ok = await as(w.t.app, w.office).post(`/api/assets/${conf.id}/partners`, {
      partnerId: withRequests,
      approvedBy: '部長',
      approvedOn: '2026-12-01',
    });
    expect(ok.statusCode).toBe(200);
  });

  it('refuses any share of a class whose rule forbids it', async () => {
    const scheme = json<{ value: { classes: { code: string; rules: Record<string, { decision: string }> }[] }; version: number }>(
      await as(w.t.app, w.office).get('/api/settings/classification'),
    );
    const value = structuredClone(scheme.value);
    value.classes.find((c) => c.code === 'internal')!.rules.share_partner!.decision = 'forbidden';
    const put = await as(w.t.app, w.office).put('/api/settings/classification', value, { 'if-match': `"${scheme.version}"` });
    expect(put.statusCode).toBe(200);
    const a = await makeAsset(w.t.app, w.office, assetBody(w.units.deptA, w.people.a, { classCode: 'internal' }));
    const res = await as(w.t.app, w.office).post(`/api/assets/${a.id}/partners`, { partnerId: withNda });
    expect(codes(res)).toEqual(['assets.share_forbidden']);
  });

  it('is for managers in scope only: an auditor is 403, another site 404, a partner account 403', async () => {
    const b = await makeAsset(w.t.app, w.office, assetBody(w.units.siteB, w.people.b, { classCode: 'public' }));
    expect((await as(w.t.app, w.auditorA).post(`/api/assets/${b.id}/partners`, { partnerId: withNda })).statusCode).toBe(403);
    expect((await as(w.t.app, w.siteOfficeA).post(`/api/assets/${b.id}/partners`, { partnerId: withNda })).statusCode).toBe(404);
    expect((await as(w.t.app, w.partnerUser).post(`/api/assets/${b.id}/partners`, { partnerId: withNda })).statusCode).toBe(403);
    expect((await as(w.t.app, w.partnerUser).delete(`/api/assets/${b.id}/partners/${withNda}`)).statusCode).toBe(403);
  });
});
