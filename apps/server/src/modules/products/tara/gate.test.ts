import type { ShipGate, TaraAnalysis } from '@mamori/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../../test/app';
import { goalRef } from './gate';
import { easy, taraWorld, workspaceClient, type TaraWorld } from './test-world';

let w: TaraWorld;
let releaseId: string;
beforeAll(async () => {
  w = await taraWorld();
  releaseId = json<{ id: string }>(
    await as(w.t.app, w.office).post(`/api/products/${w.productA}/releases`, { version: '5.0' }),
  ).id;
});
afterAll(() => w.t.close());

const gate = async () =>
  json<ShipGate>(await as(w.t.app, w.psirtA).get(`/api/products/${w.productA}/releases/${releaseId}/ship-gate`));
const rule = (g: ShipGate, r: string) => g.checks.find((c) => c.rule === r)!;

describe("the ship gate's TARA rules", () => {
  it('has nothing to check for a product without a TARA, and does not block it', async () => {
    const g = await gate();
    for (const r of ['risks_treated', 'residual_risks_signed', 'cal3_goals_validated'])
      expect(rule(g, r)).toMatchObject({ state: 'not_checked', blocking: [] });
  });

  it('blocks on an untreated risk, then an unsigned residual risk, then a CAL 3 goal without a passed test', async () => {
    const created = await as(w.t.app, w.psirtA).post('/api/tara-analyses', {
      productId: w.productA,
      title: 'Gateway ECU',
      riskOwnerId: w.psirtA.id,
    });
    const c = workspaceClient(w, w.psirtA, json<TaraAnalysis>(created).id);
    c.setEtag(created.headers.etag as string);
    await c.ok('post', '/assets', { name: 'Firmware image', properties: ['integrity'] });
    let ws = await c.ok('post', '/damage-scenarios', { title: 'Brakes act unexpectedly', impacts: { safety: 'severe' } });
    ws = await c.ok('post', '/threat-scenarios', {
      title: 'Tampered firmware flashed over UDS',
      assetId: ws.assets[0]!.id,
      property: 'integrity',
      damageIds: [ws.damageScenarios[0]!.id],
    });
    const threatId = ws.threatScenarios[0]!.id;
    const damageId = ws.damageScenarios[0]!.id;
    ws = await c.ok('post', '/attack-nodes', { threatId, kind: 'leaf', title: 'Flash over OBD', ratings: easy });
    expect(ws.risks[0]).toMatchObject({ value: 5, requiresTreatment: true });

    let g = await gate();
    expect(rule(g, 'risks_treated')).toMatchObject({
      state: 'block',
      blocking: [
        { id: goalRef(threatId, damageId), label: 'Gateway ECU: Tampered firmware flashed over UDS → Brakes act unexpectedly' },
      ],
      link: `/tara-analyses/${ws.id}`,
    });
    expect(g.passes).toBe(false);

    const path = `/risks/${threatId}/${damageId}`;
    await c.ok('put', path, { treatment: 'reduce', statement: 'Only signed firmware is accepted', cal: 3, residualValue: 2 });
    g = await gate();
    expect(rule(g, 'risks_treated').state).toBe('pass');
    expect(rule(g, 'residual_risks_signed').state).toBe('block');
    await c.ok('post', `${path}/sign`);
    g = await gate();
    expect(rule(g, 'residual_risks_signed').state).toBe('pass');
    expect(rule(g, 'cal3_goals_validated')).toMatchObject({ state: 'block', blocking: [{ id: goalRef(threatId, damageId) }] });

    // a test case naming the goal, passed in a JUnit run of the release's plan, validates it
    const plan = json<{ id: string }>(
      await as(w.t.app, w.psirtA).post('/api/test-plans', {
        releaseId,
        title: 'Pre-shipment test',
        scope: 'UDS',
        depthKind: 'cal',
        depthLevel: 3,
        methods: ['penetration'],
        interfaces: ['UDS'],
        testerIndependence: 'independent_team',
        authorisation: 'Authorised by the product owner',
      }),
    );
    const tc = await as(w.t.app, w.psirtA).post(`/api/test-plans/${plan.id}/cases`, {
      title: 'Unsigned firmware is refused',
      method: 'penetration',
      goalRef: goalRef(threatId, damageId),
    });
    expect(tc.statusCode).toBe(201);
    const run = (failed: boolean) =>
      as(w.t.app, w.psirtA).post(
        `/api/test-plans/${plan.id}/junit-runs?method=penetration&performedOn=2026-11-30`,
        `<testsuite name="uds"><testcase name="Unsigned firmware is refused">${failed ? '<failure message="accepted"/>' : ''}</testcase></testsuite>`,
        { 'content-type': 'application/xml' },
      );
    expect((await run(true)).statusCode).toBe(201);
    expect(rule(await gate(), 'cal3_goals_validated').state).toBe('block');
    expect((await run(false)).statusCode).toBe(201);
    g = await gate();
    expect(rule(g, 'cal3_goals_validated').state).toBe('pass');
    expect(g.checks.filter((x) => x.state === 'block')).toEqual([]);
  });
});
