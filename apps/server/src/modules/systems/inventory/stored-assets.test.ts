import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../../test/app';
import { inParallel } from '../../../test/concurrency';
import { assetWorld, type AssetWorld } from '../../assets/take-outs/test-world';
import { systemBody } from '../testing';

type Problem = { status: number; errors?: { path: string; code?: string }[] };
type Stored = { rowVersion: number; items: { name: string; classCode: string; aboveApproval: boolean }[] };
type Finding = { kind: string; system: { id: string } | null; closedAt: string | null };

let w: AssetWorld;
let approval: string;
let saas: string;

const findings = async () =>
  json<{ items: Finding[] }>(await as(w.t.app, w.officeA).get('/api/system-findings?kind=above_class&limit=50')).items;
const put = (assetIds: string[], who = w.headA, headers?: Record<string, string>) =>
  as(w.t.app, who).put(`/api/systems/${saas}/assets`, { assetIds }, headers);

beforeAll(async () => {
  w = await assetWorld();
  // the register: CloudBoard approved for internal information only
  const review = json<{ id: string }>(
    await as(w.t.app, w.headA).post('/api/service-reviews', {
      unitId: w.units.deptA,
      serviceName: 'CloudBoard',
      providerName: 'CloudBoard Inc.',
      purpose: 'Share design reviews',
      classCode: 'confidential',
      personalData: false,
      storageCountry: 'JP',
      certifications: ['iso27001'],
      ssoMfa: true,
      encryption: true,
      logs: true,
      answers: [],
    }),
  );
  const decided = await as(w.t.app, w.office).post(`/api/service-reviews/${review.id}/decide`, {
    decision: 'approved',
    approvedClassCode: 'internal',
    reasons: 'Internal use only until the SOC 2 report arrives',
  });
  expect(decided.statusCode, decided.body).toBe(200);
  approval = json<{ items: { id: string }[] }>(await as(w.t.app, w.employee).get('/api/approved-services')).items[0]!.id;
  const created = await as(w.t.app, w.headA).post(
    '/api/systems',
    systemBody(w.units.deptA, { name: 'CloudBoard', approvedServiceId: approval }),
  );
  expect(created.statusCode, created.body).toBe(201);
  expect(json<{ approvedService: { maxClassCode: string } }>(created).approvedService.maxClassCode).toBe('internal');
  saas = json<{ id: string }>(created).id;
}, 60_000);
afterAll(() => w.t.close());

describe('assets stored in a service above its approved class', () => {
  it('opens a finding for an asset above the approval, and closes it when the asset is taken out', async () => {
    const ok = await put([w.asset.public, w.asset.internal]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json<Stored>(ok).items.every((a) => !a.aboveApproval)).toBe(true);
    expect(await findings()).toEqual([]);
    const etag = (await as(w.t.app, w.headA).get(`/api/systems/${saas}/assets`)).headers.etag as string;
    const above = await put([w.asset.internal, w.asset.confidential], w.headA, { 'if-match': etag });
    expect(above.statusCode, above.body).toBe(200);
    expect(json<Stored>(above).items.find((a) => a.classCode === 'confidential')!.aboveApproval).toBe(true);
    expect((await findings()).map((f) => f.system?.id)).toEqual([saas]);
    expect(json<{ storedAssets: number }>(await as(w.t.app, w.officeA).get(`/api/systems/${saas}`)).storedAssets).toBe(2);
    // the approval withdrawn from the system: nothing to exceed any more
    const sys = await as(w.t.app, w.headA).get(`/api/systems/${saas}`);
    await as(w.t.app, w.headA).patch(
      `/api/systems/${saas}`,
      { approvedServiceId: null },
      { 'if-match': sys.headers.etag as string },
    );
    expect(await findings()).toEqual([]);
    const back = await as(w.t.app, w.headA).get(`/api/systems/${saas}`);
    await as(w.t.app, w.headA).patch(
      `/api/systems/${saas}`,
      { approvedServiceId: approval },
      { 'if-match': back.headers.etag as string },
    );
    expect(await findings()).toHaveLength(1);
    await put([w.asset.public]);
    expect(await findings()).toEqual([]);
  });

  it('refuses assets that do not exist or are out of sight, an approval on a non-cloud system, and other units', async () => {
    const bad = await put([w.asset.public, '00000000-0000-4000-8000-000000000001', w.asset.internalB]);
    expect(bad.statusCode).toBe(400);
    expect(json<Problem>(bad).errors!.map((e) => `${e.path}:${e.code}`)).toEqual([
      'body.assetIds.1:systems.asset_unknown',
      'body.assetIds.2:systems.asset_unknown',
    ]);
    expect(json<Stored>(await as(w.t.app, w.headA).get(`/api/systems/${saas}/assets`)).items.map((a) => a.classCode)).toEqual([
      'public',
    ]);
    expect((await put([w.asset.public], w.headB)).statusCode).toBe(404);
    expect((await put([w.asset.public], w.employee)).statusCode).toBe(403);
    expect((await as(w.t.app, w.partner).get(`/api/systems/${saas}/assets`)).statusCode).toBe(403);
    const onPrem = await as(w.t.app, w.headA).post(
      '/api/systems',
      systemBody(w.units.deptA, { kind: 'it', name: 'File server', approvedServiceId: approval }),
    );
    expect(json<Problem>(onPrem).errors!.map((e) => `${e.path}:${e.code}`)).toEqual([
      'body.approvedServiceId:systems.approval_cloud_only',
    ]);
    const unknown = await as(w.t.app, w.headA).post(
      '/api/systems',
      systemBody(w.units.deptA, { approvedServiceId: '00000000-0000-4000-8000-000000000002' }),
    );
    expect(json<Problem>(unknown).errors!.map((e) => `${e.path}:${e.code}`)).toEqual([
      'body.approvedServiceId:systems.approval_unknown',
    ]);
  });

  it('takes one of two changes sent with the same If-Match; the other gets 412', async () => {
    const etag = (await as(w.t.app, w.headA).get(`/api/systems/${saas}/assets`)).headers.etag as string;
    const results = await inParallel(2, (i) =>
      put([i ? w.asset.internal : w.asset.confidential], i ? w.headA : w.headA2, { 'if-match': etag }),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const open = await findings();
    const stored = json<Stored>(await as(w.t.app, w.headA).get(`/api/systems/${saas}/assets`)).items;
    expect(open.length).toBe(stored[0]!.classCode === 'confidential' ? 1 : 0);
  });
});
