import type { TaraAnalysis, TaraReviews } from '@mamori/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../../test/app';
import { taraWorld, type TaraWorld } from './test-world';

let w: TaraWorld;
let idA: string;
let threatId: string;
beforeAll(async () => {
  w = await taraWorld();
  const ws = json<TaraAnalysis>(await as(w.t.app, w.psirtA).post('/api/tara-analyses', { productId: w.productA, title: 'A' }));
  idA = ws.id;
  await as(w.t.app, w.psirtA).patch(`/api/tara-analyses/${idA}`, { riskOwnerId: w.psirtA.id });
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
}, 300_000); // a shared host: setting up the world can take minutes
afterAll(() => w.t.close());

const reviews = (user = w.psirtA) => as(w.t.app, user).get(`/api/tara-analyses/${idA}/reviews`);
const needsReview = async () =>
  json<{ items: { id: string; needsReview: boolean }[] }>(
    await as(w.t.app, w.psirtA).get(`/api/tara-analyses?productId=${w.productA}`),
  ).items.find((a) => a.id === idA)!.needsReview;

describe('the loop after release', () => {
  it('flags the TARA once when a vulnerability case finds its product affected, and the risk owner closes it', async () => {
    expect(await needsReview()).toBe(false);
    const vuln = json<{ id: string; rowVersion: number }>(
      await as(w.t.app, w.office).post('/api/vulnerabilities', {
        title: 'UDS seed predictable',
        description: 'Seed from a counter',
      }),
    );
    const link = (status: string) =>
      as(w.t.app, w.office).patch(`/api/vulnerabilities/${vuln.id}`, { products: [{ productId: w.productA, status }] });
    expect((await link('under_investigation')).statusCode).toBe(200);
    expect(await needsReview()).toBe(false);
    expect((await link('affected')).statusCode).toBe(200);
    // saved again while still affected: no second event
    expect((await link('affected')).statusCode).toBe(200);
    const open = json<TaraReviews>(await reviews());
    expect(open.needsReview).toBe(true);
    expect(open.items).toHaveLength(1);
    expect(open.items[0]).toMatchObject({ source: 'vulnerability', vulnerabilityId: vuln.id, resolvedAt: null });
    expect(open.items[0]!.reference).toContain('UDS seed predictable');
    expect(await needsReview()).toBe(true);

    const url = `/api/tara-analyses/${idA}/reviews/${open.items[0]!.id}/resolve`;
    const body = {
      resolution: 'Feasibility of the seed attack raised to high; goal G3 reopened.',
      reassessedThreatIds: [threatId],
    };
    // only the risk owner records the review; another manager of the product is refused
    expect((await as(w.t.app, w.office).post(url, body)).statusCode).toBe(403);
    const unknown = await as(w.t.app, w.psirtA).post(url, { ...body, reassessedThreatIds: [w.productB] });
    expect(unknown.statusCode).toBe(400);
    expect(json<{ errors: { code: string }[] }>(unknown).errors[0]!.code).toBe('tara.threat_unknown');
    const done = await as(w.t.app, w.psirtA).post(url, body);
    expect(done.statusCode).toBe(200);
    expect(json<TaraReviews>(done)).toMatchObject({
      needsReview: false,
      items: [{ reassessedThreatIds: [threatId], resolvedBy: w.psirtA.email }],
    });
    expect((await as(w.t.app, w.psirtA).post(url, body)).statusCode).toBe(400);
    expect(await needsReview()).toBe(false);
  });

  it('lets a manager flag it by hand; readers see it, other divisions do not', async () => {
    const flagged = await as(w.t.app, w.psirtA).post(`/api/tara-analyses/${idA}/reviews`, {
      reference: 'Supplier advisory SA-2026-07 (CAN transceiver)',
    });
    expect(flagged.statusCode).toBe(201);
    expect(json<TaraReviews>(flagged).needsReview).toBe(true);
    expect((await reviews(w.ciso)).statusCode).toBe(200);
    expect((await as(w.t.app, w.ciso).post(`/api/tara-analyses/${idA}/reviews`, { reference: 'x' })).statusCode).toBe(403);
    expect((await reviews(w.psirtB)).statusCode).toBe(404);
    expect((await as(w.t.app, w.psirtB).post(`/api/tara-analyses/${idA}/reviews`, { reference: 'x' })).statusCode).toBe(404);
    expect((await reviews(w.employee)).statusCode).toBe(403);
    expect((await as(w.t.app, null).get(`/api/tara-analyses/${idA}/reviews`)).statusCode).toBe(401);
  });
});
