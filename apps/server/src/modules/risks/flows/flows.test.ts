import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../../test/app';
import { drawingLeak, riskWorld, type RiskWorld } from '../test-world';

let w: RiskWorld;
type Flow = {
  id: string;
  rowVersion: number;
  steps: { id: string; kind: string; assets: { name: string }[]; risks: { id: string; title: string }[] }[];
};
let flow: Flow;

const body = (w: RiskWorld) => ({
  unitId: w.units.deptA,
  name: 'Customer drawings',
  steps: [
    { kind: 'receive', description: 'Drawings arrive by e-mail from the customer', assetIds: [w.assets.deptA] },
    { kind: 'store', description: 'Saved on the design file server' },
    { kind: 'send', description: 'Sent to the machining partner', assetIds: [w.assets.deptA] },
  ],
});
const stepRisk = (w: RiskWorld) => {
  const { unitId: _u, ...rest } = drawingLeak(w);
  return rest;
};

beforeAll(async () => {
  w = await riskWorld();
  const res = await as(w.t.app, w.leaderA).post('/api/business-flows', body(w));
  expect(res.statusCode).toBe(201);
  flow = json<Flow>(res);
});
afterAll(() => w.t.close());

describe('business-flow analysis', () => {
  it('keeps the steps in order with the assets handled at each', () => {
    expect(flow.steps.map((s) => s.kind)).toEqual(['receive', 'store', 'send']);
    expect(flow.steps[0]!.assets.map((a) => a.name)).toEqual(['Customer drawings']);
  });

  it('refuses an asset of another unit on a step, and roles or scopes that may not manage', async () => {
    const bad = body(w);
    bad.steps[1]!.assetIds = [w.assets.siteB];
    const res = await as(w.t.app, w.leaderA).post('/api/business-flows', bad);
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(res).errors.map((e) => e.path)).toEqual(['body.steps.1.assetIds.0']);
    for (const who of [w.auditor, w.ciso, w.employee, w.partner]) {
      expect((await as(w.t.app, who).get('/api/business-flows')).statusCode).toBe(403);
      expect((await as(w.t.app, who).get(`/api/business-flows/${flow.id}`)).statusCode).toBe(403);
    }
    expect((await as(w.t.app, w.officeB).get(`/api/business-flows/${flow.id}`)).statusCode).toBe(404);
    expect(json<{ total: number }>(await as(w.t.app, w.officeB).get('/api/business-flows')).total).toBe(0);
    expect(json<{ total: number }>(await as(w.t.app, w.officeA).get('/api/business-flows')).total).toBe(1);
  });

  it('records a risk on a step: it lands in the register linked to the step', async () => {
    const step = flow.steps[2]!;
    const res = await as(w.t.app, w.leaderA).post(`/api/business-flows/${flow.id}/steps/${step.id}/risks`, stepRisk(w));
    expect(res.statusCode).toBe(201);
    const risk = json<{ id: string; flowId: string; flowStepId: string; unitId: string }>(res);
    expect(risk).toMatchObject({ flowId: flow.id, flowStepId: step.id, unitId: w.units.deptA });
    const register = json<{ items: { id: string }[] }>(await as(w.t.app, w.office).get('/api/risks'));
    expect(register.items.map((i) => i.id)).toContain(risk.id);
    const again = json<Flow>(await as(w.t.app, w.leaderA).get(`/api/business-flows/${flow.id}`));
    expect(again.steps[2]!.risks.map((r) => r.id)).toEqual([risk.id]);
    const unknownStep = await as(w.t.app, w.leaderA).post(
      `/api/business-flows/${flow.id}/steps/00000000-0000-4000-8000-000000000000/risks`,
      stepRisk(w),
    );
    expect(unknownStep.statusCode).toBe(404);
    expect(
      (await as(w.t.app, w.officeB).post(`/api/business-flows/${flow.id}/steps/${step.id}/risks`, stepRisk(w))).statusCode,
    ).toBe(404);
  });

  it('replaces the steps under If-Match, keeping the ids sent, and refuses to drop a step that has risks', async () => {
    const now = json<Flow>(await as(w.t.app, w.leaderA).get(`/api/business-flows/${flow.id}`));
    const keep = now.steps.map((s) => ({ id: s.id, kind: s.kind, description: `${s.kind} (revised)` }));
    const dropSend = await as(w.t.app, w.leaderA).patch(
      `/api/business-flows/${flow.id}`,
      { steps: keep.slice(0, 2) },
      { 'if-match': `"${now.rowVersion}"` },
    );
    expect(dropSend.statusCode).toBe(409);
    const stale = await as(w.t.app, w.leaderA).patch(
      `/api/business-flows/${flow.id}`,
      { steps: keep },
      { 'if-match': `"${now.rowVersion + 5}"` },
    );
    expect(stale.statusCode).toBe(412);
    const withDispose = [...keep.slice(0, 1), keep[2]!, { kind: 'dispose', description: 'Shredded after the order closes' }];
    const ok = await as(w.t.app, w.leaderA).patch(
      `/api/business-flows/${flow.id}`,
      { steps: withDispose },
      { 'if-match': `"${now.rowVersion}"` },
    );
    expect(ok.statusCode).toBe(200);
    const after = json<Flow>(ok);
    expect(after.steps.map((s) => s.kind)).toEqual(['receive', 'send', 'dispose']);
    expect(after.steps[1]!.id).toBe(now.steps[2]!.id);
    expect(after.steps[1]!.risks).toHaveLength(1);
    const foreignId = await as(w.t.app, w.leaderA).patch(`/api/business-flows/${flow.id}`, {
      steps: [{ id: '00000000-0000-4000-8000-000000000000', kind: 'use', description: 'x' }],
    });
    expect(foreignId.statusCode).toBe(400);
  });
});
