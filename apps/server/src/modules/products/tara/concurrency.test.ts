import type { TaraAnalysis } from '@mamori/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../../test/app';
import { inParallel } from '../../../test/concurrency';
import { taraWorld, type TaraWorld } from './test-world';

let w: TaraWorld;
let ws: TaraAnalysis;
beforeAll(async () => {
  w = await taraWorld();
  const id = json<TaraAnalysis>(await as(w.t.app, w.psirtA).post('/api/tara-analyses', { productId: w.productA, title: 'C' })).id;
  const url = `/api/tara-analyses/${id}`;
  const asset = json<TaraAnalysis>(
    await as(w.t.app, w.psirtA).post(`${url}/assets`, { name: 'CAN', properties: ['availability'] }),
  );
  const threat = json<TaraAnalysis>(
    await as(w.t.app, w.psirtA).post(`${url}/threat-scenarios`, {
      title: 'Bus flooded',
      assetId: asset.assets[0]!.id,
      property: 'availability',
      damageIds: [],
    }),
  ).threatScenarios[0]!.id;
  await as(w.t.app, w.psirtA).post(`${url}/attack-nodes`, { threatId: threat, kind: 'or', title: 'X' });
  ws = json<TaraAnalysis>(await as(w.t.app, w.psirtA).post(`${url}/attack-nodes`, { threatId: threat, kind: 'or', title: 'Y' }));
});
afterAll(() => w.t.close());

describe('concurrent changes of one analysis', () => {
  it('applies one of two changes sent with the same ETag; the other gets 412 and changes nothing', async () => {
    const url = `/api/tara-analyses/${ws.id}`;
    const etag = `"${ws.rowVersion}"`;
    const answers = await inParallel(2, (i) => as(w.t.app, w.psirtA).patch(url, { boundary: `B${i}` }, { 'if-match': etag }));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 412]);
    const won = answers.findIndex((a) => a.statusCode === 200);
    expect(json<TaraAnalysis>(await as(w.t.app, w.psirtA).get(url)).boundary).toBe(`B${won}`);
  });

  it('never lets two moves build a cycle together: each checks the tree the other committed', async () => {
    const url = `/api/tara-analyses/${ws.id}/attack-nodes`;
    const [x, y] = ['X', 'Y'].map((t) => ws.attackNodes.find((n) => n.title === t)!.id) as [string, string];
    // X under Y and Y under X, at once and without If-Match: the second to run must see the first and refuse.
    const answers = await inParallel(2, (i) => as(w.t.app, w.psirtA).patch(`${url}/${i ? x : y}`, { parentId: i ? y : x }));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400]);
    const after = json<TaraAnalysis>(await as(w.t.app, w.psirtA).get(`/api/tara-analyses/${ws.id}`));
    expect(after.attackNodes.filter((n) => n.parentId === null)).toHaveLength(1);
  });
});
