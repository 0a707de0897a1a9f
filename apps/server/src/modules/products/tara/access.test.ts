import type { TaraAnalysis } from '@mamori/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../../test/app';
import { easy, taraWorld, type TaraWorld } from './test-world';

let w: TaraWorld;
let idA: string;
let threatId: string;
beforeAll(async () => {
  w = await taraWorld();
  const ws = json<TaraAnalysis>(await as(w.t.app, w.psirtA).post('/api/tara-analyses', { productId: w.productA, title: 'A' }));
  idA = ws.id;
  const withAsset = json<TaraAnalysis>(
    await as(w.t.app, w.psirtA).post(`/api/tara-analyses/${idA}/assets`, { name: 'Key', properties: ['confidentiality'] }),
  );
  threatId = json<TaraAnalysis>(
    await as(w.t.app, w.psirtA).post(`/api/tara-analyses/${idA}/threat-scenarios`, {
      title: 'Key read out',
      assetId: withAsset.assets[0]!.id,
      property: 'confidentiality',
      damageIds: [],
    }),
  ).threatScenarios[0]!.id;
});
afterAll(() => w.t.close());

describe('who may read and change TARAs', () => {
  it('lets readers of products read the method; others are refused', async () => {
    expect((await as(w.t.app, w.ciso).get('/api/tara-methods')).statusCode).toBe(200);
    expect((await as(w.t.app, w.psirtB).get('/api/tara-methods/1')).statusCode).toBe(200);
    expect((await as(w.t.app, w.employee).get('/api/tara-methods')).statusCode).toBe(403);
    expect((await as(w.t.app, null).get('/api/tara-methods')).statusCode).toBe(401);
  });

  it('lets only a group-wide product-security role draft a version, and only the CISO approve it', async () => {
    expect((await as(w.t.app, w.psirtA).post('/api/tara-methods', { basedOnVersion: 1 })).statusCode).toBe(403);
    expect((await as(w.t.app, w.ciso).post('/api/tara-methods', { basedOnVersion: 1 })).statusCode).toBe(403);
    const draft = await as(w.t.app, w.office).post('/api/tara-methods', { basedOnVersion: 1 });
    expect(draft.statusCode).toBe(201);
    const v = json<{ version: number }>(draft).version;
    expect((await as(w.t.app, w.office).post(`/api/tara-methods/${v}/approve`, {})).statusCode).toBe(403);
    expect((await as(w.t.app, w.psirtA).post(`/api/tara-methods/${v}/approve`, {})).statusCode).toBe(403);
    const approved = await as(w.t.app, w.ciso).post(`/api/tara-methods/${v}/approve`, {});
    expect(approved.statusCode).toBe(200);
    expect(json<{ approvedBy: string }>(approved).approvedBy).toBe(w.ciso.email);
    expect((await as(w.t.app, w.ciso).post(`/api/tara-methods/${v}/approve`, {})).statusCode).toBe(409);
  });

  it("hides another division's analysis (404) and refuses changes to readers without products:manage", async () => {
    expect((await as(w.t.app, w.psirtA).get(`/api/tara-analyses/${idA}`)).statusCode).toBe(200);
    expect((await as(w.t.app, w.ciso).get(`/api/tara-analyses/${idA}`)).statusCode).toBe(200);
    expect((await as(w.t.app, w.psirtB).get(`/api/tara-analyses/${idA}`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.psirtB).get(`/api/tara-analyses?productId=${w.productA}`)).statusCode).toBe(404);
    const list = (user: typeof w.psirtA) => as(w.t.app, user).get('/api/tara-analyses');
    expect(json<{ items: { id: string }[] }>(await list(w.psirtA)).items.map((a) => a.id)).toEqual([idA]);
    expect(json<{ items: unknown[] }>(await list(w.psirtB)).items).toEqual([]);
    expect((await as(w.t.app, w.employee).get(`/api/tara-analyses/${idA}`)).statusCode).toBe(403);
    const node = { threatId, kind: 'leaf', title: 'Probe', ratings: easy };
    expect((await as(w.t.app, w.psirtB).post(`/api/tara-analyses/${idA}/attack-nodes`, node)).statusCode).toBe(404);
    expect((await as(w.t.app, w.ciso).post(`/api/tara-analyses/${idA}/attack-nodes`, node)).statusCode).toBe(403);
    expect(
      (await as(w.t.app, w.psirtB).post('/api/tara-analyses', { productId: w.productA, title: 'Not mine' })).statusCode,
    ).toBe(404);
    expect((await as(w.t.app, w.psirtA).post(`/api/tara-analyses/${idA}/attack-nodes`, node)).statusCode).toBe(200);
  });
});
