import type { TaraAnalysis } from '@mamori/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../../test/app';
import { easy, hard, medium, taraWorld, workspaceClient, type TaraWorld } from './test-world';

let w: TaraWorld;
beforeAll(async () => {
  w = await taraWorld();
});
afterAll(() => w.t.close());

type Problem = { type: string; errors?: { path: string; code?: string }[] };
const codes = (res: { json: () => unknown }) => (res.json() as Problem).errors!.map((e) => `${e.path}:${e.code}`);

describe('a TARA from asset to goal', () => {
  let id: string;
  let ws: TaraAnalysis;
  let c: ReturnType<typeof workspaceClient>;
  const threat = () => ws.threatScenarios[0]!;
  const node = (title: string) => ws.attackNodes.find((n) => n.title === title)!;

  it('starts an analysis under the seeded, approved default method v1', async () => {
    const res = await as(w.t.app, w.psirtA).post('/api/tara-analyses', {
      productId: w.productA,
      title: 'Gateway ECU',
      boundary: 'The gateway and its CAN, Ethernet and OBD ports',
      riskOwnerId: w.office.id,
    });
    expect(res.statusCode).toBe(201);
    ws = json<TaraAnalysis>(res);
    id = ws.id;
    expect(ws.methodVersion).toBe(1);
    expect(ws.method.riskMatrix.severe).toEqual([2, 3, 4, 5]);
    expect(ws.method.feasibility.bands).toEqual({ high: 0, medium: 14, low: 20, very_low: 25 });
    c = workspaceClient(w, w.psirtA, id);
    c.setEtag(res.headers.etag as string);
  });

  it('derives OR = most feasible branch and AND = least feasible, and the risk value from the matrix', async () => {
    ws = await c.ok('post', '/assets', { name: 'Firmware image', properties: ['integrity', 'authenticity'] });
    ws = await c.ok('post', '/damage-scenarios', {
      title: 'Brakes act unexpectedly',
      impacts: { safety: 'severe', financial: 'moderate' },
    });
    expect(ws.damageScenarios[0]!.impact).toBe('severe');
    ws = await c.ok('post', '/threat-scenarios', {
      title: 'Tampered firmware flashed over UDS',
      assetId: ws.assets[0]!.id,
      property: 'integrity',
      stride: 'tampering',
      damageIds: [ws.damageScenarios[0]!.id],
    });
    expect(threat().feasibility).toBeNull();
    expect(ws.risks[0]).toMatchObject({ value: null, requiresTreatment: false });

    const t = threat().id;
    ws = await c.ok('post', '/attack-nodes', { threatId: t, kind: 'or', title: 'Flash tampered firmware' });
    ws = await c.ok('post', '/attack-nodes', {
      threatId: t,
      parentId: node('Flash tampered firmware').id,
      kind: 'and',
      title: 'Via diagnostics',
    });
    const and = node('Via diagnostics').id;
    ws = await c.ok('post', '/attack-nodes', {
      threatId: t,
      parentId: and,
      kind: 'leaf',
      title: 'Unlock security access',
      ratings: medium,
    });
    ws = await c.ok('post', '/attack-nodes', {
      threatId: t,
      parentId: and,
      kind: 'leaf',
      title: 'Bypass signature check',
      ratings: hard,
    });
    expect(node('Via diagnostics')).toMatchObject({ attackPotential: 47, feasibility: 'very_low' });
    expect(threat().feasibility).toBe('very_low');
    expect(ws.risks[0]).toMatchObject({ impact: 'severe', feasibility: 'very_low', value: 2, requiresTreatment: false });

    ws = await c.ok('post', '/attack-nodes', {
      threatId: t,
      parentId: node('Flash tampered firmware').id,
      kind: 'leaf',
      title: 'Open debug port left enabled',
      ratings: easy,
    });
    expect(node('Flash tampered firmware')).toMatchObject({ attackPotential: 0, feasibility: 'high' });
    expect(ws.risks[0]).toMatchObject({ feasibility: 'high', value: 5, requiresTreatment: true });
  });

  it('refuses a typed feasibility or risk value, naming the field, and changes nothing', async () => {
    const version = ws.rowVersion;
    const typed = await c.call('post', '/attack-nodes', { threatId: threat().id, kind: 'or', title: 'x', feasibility: 'high' });
    expect(typed.statusCode).toBe(400);
    expect(codes(typed)).toEqual(['body.feasibility:tara.feasibility_derived']);
    const onThreat = await c.call('patch', `/threat-scenarios/${threat().id}`, { feasibility: 'low' });
    expect(codes(onThreat)).toEqual(['body.feasibility:tara.feasibility_derived']);
    const risk = await c.call('put', `/risks/${threat().id}/${ws.damageScenarios[0]!.id}`, {
      treatment: 'reduce',
      statement: 'g',
      value: 1,
      residualValue: 7,
    });
    expect(codes(risk)).toEqual(['body.value:tara.risk_value_derived', 'body.residualValue:tara.residual_outside_method']);
    const after = json<TaraAnalysis>(await as(w.t.app, w.psirtA).get(`/api/tara-analyses/${id}`));
    expect(after.rowVersion).toBe(version);
  });

  it('refuses a leaf missing a factor or with an unknown level, and ratings on a gate', async () => {
    const res = await c.call('post', '/attack-nodes', {
      threatId: threat().id,
      kind: 'leaf',
      title: 'x',
      ratings: { ...easy, expertise: 'wizard', equipment: undefined },
    });
    expect(codes(res).sort()).toEqual([
      'body.ratings.equipment:tara.factor_missing',
      'body.ratings.expertise:tara.level_unknown',
    ]);
    const gate = await c.call('post', '/attack-nodes', { threatId: threat().id, kind: 'and', title: 'x', ratings: easy });
    expect(codes(gate)).toEqual(['body.ratings:tara.ratings_on_gate']);
  });

  it('refuses a parent that would make a cycle', async () => {
    const root = node('Flash tampered firmware').id;
    const res = await c.call('patch', `/attack-nodes/${root}`, { parentId: node('Via diagnostics').id });
    expect(res.statusCode).toBe(400);
    expect(codes(res)).toEqual(['body.parentId:tara.attack_tree_cycle']);
    const self = await c.call('patch', `/attack-nodes/${node('Via diagnostics').id}`, { parentId: node('Via diagnostics').id });
    expect(codes(self)).toEqual(['body.parentId:tara.attack_tree_cycle']);
  });

  it('treats a risk: retain is refused above the threshold; reduce makes a goal with a CAL; the owner signs', async () => {
    const path = `/risks/${threat().id}/${ws.damageScenarios[0]!.id}`;
    const retain = await c.call('put', path, { treatment: 'retain', statement: 'Accepted', rationale: 'cheap' });
    expect(codes(retain)).toEqual(['body.treatment:tara.retain_above_threshold']);
    const calOnClaim = await c.call('put', path, { treatment: 'share', statement: 'OEM secures the port', cal: 2 });
    expect(codes(calOnClaim).sort()).toEqual(['body.cal:tara.cal_only_reduce', 'body.rationale:tara.rationale_required']);
    ws = await c.ok('put', path, {
      treatment: 'reduce',
      statement: 'Only firmware signed by the group key is accepted',
      cal: 3,
      residualValue: 2,
    });
    expect(ws.risks[0]).toMatchObject({ treatment: 'reduce', cal: 3, residualValue: 2, signedBy: null });

    const notOwner = await c.call('post', `${path}/sign`);
    expect(notOwner.statusCode).toBe(403);
    const owner = workspaceClient(w, w.office, id);
    ws = await owner.ok('post', `${path}/sign`);
    expect(ws.risks[0]!.signedBy).toBe(w.office.email);
  });

  it('re-rates under a newer approved version, showing what moved, and applies it', async () => {
    const v1 = ws.method;
    const draft = await as(w.t.app, w.office).post('/api/tara-methods', {
      basedOnVersion: 1,
      note: 'Stricter matrix',
      definition: { ...v1, riskMatrix: { ...v1.riskMatrix, severe: [3, 4, 5, 5] } },
    });
    expect(draft.statusCode).toBe(201);
    expect(json<{ version: number; status: string }>(draft)).toMatchObject({ version: 2, status: 'draft' });

    const early = await as(w.t.app, w.psirtA).get(`/api/tara-analyses/${id}/rerate?version=2`);
    expect(codes(early)).toEqual(['query.version:tara.method_not_approved']);
    expect((await as(w.t.app, w.ciso).post('/api/tara-methods/2/approve', {})).statusCode).toBe(200);
    const changed = await as(w.t.app, w.office).patch('/api/tara-methods/2', { note: 'again' });
    expect(changed.statusCode).toBe(409);

    const preview = json<{ moved: { before: { value: number }; after: { value: number } }[]; applied: boolean }>(
      await as(w.t.app, w.psirtA).get(`/api/tara-analyses/${id}/rerate?version=2`),
    );
    expect(preview.applied).toBe(false);
    // severe × high is 5 under both versions: nothing moves yet
    expect(preview.moved).toEqual([]);
    // The owner's signature changed the workspace: a change sent with the old ETag is refused, then re-read.
    const stale = await c.call('delete', `/attack-nodes/${node('Open debug port left enabled').id}`);
    expect(stale.statusCode).toBe(412);
    c.setEtag((await as(w.t.app, w.psirtA).get(`/api/tara-analyses/${id}`)).headers.etag as string);
    // without the easy branch the threat is very low: 2 under v1, 3 under v2
    ws = await c.ok('delete', `/attack-nodes/${node('Open debug port left enabled').id}`);
    const moved = json<{ moved: { before: { value: number }; after: { value: number } }[] }>(
      await as(w.t.app, w.psirtA).get(`/api/tara-analyses/${id}/rerate?version=2`),
    );
    expect(moved.moved.map((m) => [m.before.value, m.after.value])).toEqual([[2, 3]]);
    const applied = await c.call('post', '/rerate', { version: 2 });
    expect(applied.statusCode).toBe(200);
    const now = json<TaraAnalysis>(await as(w.t.app, w.psirtA).get(`/api/tara-analyses/${id}`));
    expect(now.methodVersion).toBe(2);
    expect(now.risks[0]!.value).toBe(3);
  });
});
