import type { TaraAnalysis } from '@mamori/contracts';
import { as, json } from '../../../../test/app';
import { easy, hard, medium, workspaceClient, type TaraWorld } from '../test-world';

/** Two assets, two damage scenarios, two threats with AND/OR trees, three treatments, Annex 5 refs and one exclusion. */
export async function buildAnalysis(w: TaraWorld): Promise<TaraAnalysis> {
  const res = await as(w.t.app, w.psirtA).post('/api/tara-analyses', {
    productId: w.productA,
    title: 'Gateway ECU',
    boundary: 'CAN, Ethernet and OBD',
    functions: '=SUM(A1) routes messages',
  });
  const c = workspaceClient(w, w.psirtA, json<{ id: string }>(res).id);
  c.setEtag(res.headers.etag as string);
  let x = await c.ok('post', '/assets', { name: 'Firmware', properties: ['integrity', 'authenticity'] });
  x = await c.ok('post', '/assets', { name: 'Routing table', properties: ['integrity', 'availability'] });
  x = await c.ok('post', '/damage-scenarios', { title: 'Brakes act unexpectedly', impacts: { safety: 'severe' } });
  x = await c.ok('post', '/damage-scenarios', {
    title: 'Vehicle data leaks',
    impacts: { privacy: 'major', financial: 'moderate' },
  });
  const asset = (n: string) => x.assets.find((a) => a.name === n)!.id;
  const damage = (t: string) => x.damageScenarios.find((d) => d.title === t)!.id;
  x = await c.ok('post', '/threat-scenarios', {
    title: 'Tampered firmware flashed over UDS',
    assetId: asset('Firmware'),
    property: 'integrity',
    stride: 'tampering',
    damageIds: [damage('Brakes act unexpectedly'), damage('Vehicle data leaks')],
    r155Threats: ['12.2', '18.3'],
  });
  x = await c.ok('post', '/threat-scenarios', {
    title: 'Routing table flooded',
    assetId: asset('Routing table'),
    property: 'availability',
    damageIds: [damage('Brakes act unexpectedly')],
    r155Threats: ['24.1'],
  });
  const threat = (t: string) => x.threatScenarios.find((s) => s.title === t)!.id;
  const node = (t: string) => x.attackNodes.find((n) => n.title === t)!.id;
  const t1 = threat('Tampered firmware flashed over UDS');
  x = await c.ok('post', '/attack-nodes', { threatId: t1, kind: 'or', title: 'Flash' });
  x = await c.ok('post', '/attack-nodes', { threatId: t1, parentId: node('Flash'), kind: 'and', title: 'Via UDS' });
  x = await c.ok('post', '/attack-nodes', {
    threatId: t1,
    parentId: node('Via UDS'),
    kind: 'leaf',
    title: 'Unlock',
    ratings: medium,
  });
  x = await c.ok('post', '/attack-nodes', {
    threatId: t1,
    parentId: node('Via UDS'),
    kind: 'leaf',
    title: 'Bypass',
    ratings: hard,
  });
  x = await c.ok('post', '/attack-nodes', {
    threatId: t1,
    parentId: node('Flash'),
    kind: 'leaf',
    title: 'JTAG',
    ratings: medium,
  });
  const t2 = threat('Routing table flooded');
  x = await c.ok('post', '/attack-nodes', { threatId: t2, kind: 'leaf', title: 'Flood CAN', ratings: easy });
  x = await c.ok('put', `/risks/${t1}/${damage('Brakes act unexpectedly')}`, {
    treatment: 'reduce',
    statement: 'Only signed firmware is accepted',
    cal: 4,
    residualValue: 1,
  });
  x = await c.ok('put', `/risks/${t1}/${damage('Vehicle data leaks')}`, {
    treatment: 'share',
    statement: 'The vehicle maker provisions keys',
    rationale: 'Interface agreement §4',
  });
  x = await c.ok('put', `/risks/${t2}/${damage('Brakes act unexpectedly')}`, {
    treatment: 'reduce',
    statement: 'Rate limit',
    cal: 2,
  });
  x = await c.ok('put', '/r155-exclusions/1.1', { reason: 'The ECU has no back-end connection' });
  return x;
}
