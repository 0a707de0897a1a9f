import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../../test/app';
import { inParallel } from '../../../test/concurrency';
import { orgUnits } from '../../org/tables';
import { risksByControl, riskSummary } from '../service';
import { drawingLeak, riskWorld, type RiskWorld } from '../test-world';

let w: RiskWorld;
let id: string;
type R = {
  id: string;
  rowVersion: number;
  inherentLevel: { code: string };
  residualLevel: { code: string };
  acceptedAt: string | null;
  acceptedByName: string | null;
};
type Problem = { errors?: { path: string; code?: string }[]; detailCode?: string };

beforeAll(async () => {
  w = await riskWorld();
  const res = await as(w.t.app, w.leaderA).post('/api/risks', drawingLeak(w));
  expect(res.statusCode).toBe(201);
  id = json<R>(res).id;
});
afterAll(() => w.t.close());

const paths = (res: { json(): unknown }) => ((res.json() as Problem).errors ?? []).map((e) => `${e.path}:${e.code}`).sort();

describe('risk register', () => {
  it('computes the inherent and residual levels from the method matrix', async () => {
    const r = json<R>(await as(w.t.app, w.headA).get(`/api/risks/${id}`));
    expect(r.inherentLevel.code).toBe('high');
    expect(r.residualLevel.code).toBe('low');
  });

  it('lets managers record risks only in their scope and refuses roles without risks:manage', async () => {
    expect((await as(w.t.app, w.officeB).post('/api/risks', drawingLeak(w))).statusCode).toBe(400);
    expect(paths(await as(w.t.app, w.officeB).post('/api/risks', drawingLeak(w)))).toEqual(['body.unitId:risks.unit_unknown']);
    expect((await as(w.t.app, w.officeA).post('/api/risks', drawingLeak(w))).statusCode).toBe(201);
    for (const who of [w.employee, w.auditor, w.ciso, w.partner])
      expect((await as(w.t.app, who).post('/api/risks', drawingLeak(w))).statusCode).toBe(403);
  });

  it('shows the register to readers in scope only; a partner account sees nothing', async () => {
    const ids = async (who: typeof w.office) =>
      json<{ items: { id: string }[] }>(await as(w.t.app, who).get('/api/risks')).items.map((i) => i.id);
    expect(await ids(w.auditor)).toContain(id);
    expect(await ids(w.ciso)).toContain(id);
    expect(await ids(w.headA)).toContain(id);
    expect(await ids(w.officeB)).toEqual([]);
    expect((await as(w.t.app, w.officeB).get(`/api/risks/${id}`)).statusCode).toBe(404);
    for (const url of ['/api/risks', `/api/risks/${id}`, '/api/risks/heatmap', '/api/risks/export.xlsx', '/api/threats'])
      expect((await as(w.t.app, w.partner).get(url)).statusCode).toBe(403);
    expect((await as(w.t.app, w.employee).get('/api/risks')).statusCode).toBe(403);
  });

  it('filters by unit subtree, level, treatment, owner, threat and text, and counts the total', async () => {
    const list = async (q: string) =>
      json<{ items: { id: string }[]; total: number }>(await as(w.t.app, w.office).get(`/api/risks?${q}`));
    expect((await list(`unitId=${w.units.siteA}`)).total).toBeGreaterThanOrEqual(2);
    expect((await list(`unitId=${w.units.siteB}`)).total).toBe(0);
    expect((await list('level=low&treatment=reduce&threat=misdirected_mail')).items.map((i) => i.id)).toContain(id);
    expect((await list('level=very_high')).total).toBe(0);
    expect((await list(`ownerId=${w.people.leaderA}`)).total).toBe(0);
    expect((await list('q=wrong%20partner')).total).toBeGreaterThanOrEqual(1);
    const first = await list('limit=1');
    expect(first.items).toHaveLength(1);
  });

  it('names every failing field: unknown threat, unknown control, an asset of another unit', async () => {
    const res = await as(w.t.app, w.office).post(
      '/api/risks',
      drawingLeak(w, { threatId: 'dragons', controlIds: ['5.14', '9.99'], assetIds: [w.assets.siteB] }),
    );
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual([
      'body.assetIds.0:risks.asset_unknown',
      'body.controlIds.1:risks.control_unknown',
      'body.threatId:risks.threat_unknown',
    ]);
  });

  it('refuses values outside the scale, naming the field', async () => {
    const res = await as(w.t.app, w.office).post('/api/risks', drawingLeak(w, { inherentLikelihood: 6, residualImpact: 0 }));
    expect(res.statusCode).toBe(400);
    expect(paths(res).map((p) => p.split(':')[0])).toEqual(['body.inherentLikelihood', 'body.residualImpact']);
  });

  it('lets only the owner accept, within the threshold; a change of the residual values clears the acceptance', async () => {
    expect((await as(w.t.app, w.leaderA).post(`/api/risks/${id}/accept`)).statusCode).toBe(403);
    expect(json<Problem>(await as(w.t.app, w.leaderA).post(`/api/risks/${id}/accept`)).detailCode).toBe('risks.accept_not_owner');
    const accepted = await as(w.t.app, w.headA).post(`/api/risks/${id}/accept`);
    expect(accepted.statusCode).toBe(200);
    expect(json<R>(accepted).acceptedByName).toContain('Hana Sato H1');
    const moved = json<R>(await as(w.t.app, w.leaderA).patch(`/api/risks/${id}`, { residualLikelihood: 5, residualImpact: 5 }));
    expect(moved.residualLevel.code).toBe('very_high');
    expect(moved.acceptedAt).toBeNull();
    const refused = await as(w.t.app, w.headA).post(`/api/risks/${id}/accept`);
    expect(refused.statusCode).toBe(422);
    expect(json<Problem>(refused).detailCode).toBe('risks.accept_above_threshold');
    expect(json<R>(await as(w.t.app, w.headA).get(`/api/risks/${id}`)).acceptedAt).toBeNull();
    // a change that keeps the residual values keeps an acceptance
    await as(w.t.app, w.leaderA).patch(`/api/risks/${id}`, { residualLikelihood: 1, residualImpact: 2 });
    expect((await as(w.t.app, w.headA).post(`/api/risks/${id}/accept`)).statusCode).toBe(200);
    const kept = json<R>(await as(w.t.app, w.leaderA).patch(`/api/risks/${id}`, { plan: 'Portal only, checked monthly' }));
    expect(kept.acceptedAt).not.toBeNull();
  });

  it('lets one of several PATCHes made from the same version win; the others get 412 and change nothing', async () => {
    const seen = json<R>(await as(w.t.app, w.office).get(`/api/risks/${id}`));
    const answers = await inParallel(6, (i) =>
      as(w.t.app, w.office).patch(
        `/api/risks/${id}`,
        { residualLikelihood: (i % 3) + 1, plan: `Plan ${i}` },
        { 'if-match': `"${seen.rowVersion}"` },
      ),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([200, 412, 412, 412, 412, 412]);
    const winner = json<R & { plan: string }>(answers.find((a) => a.statusCode === 200)!);
    const now = json<R & { plan: string }>(await as(w.t.app, w.office).get(`/api/risks/${id}`));
    expect(now.plan).toBe(winner.plan);
    expect(now.rowVersion).toBe(seen.rowVersion + 1);
  });

  it('counts the heat map per cell of the effective method', async () => {
    const map = json<{ cells: { likelihood: number; impact: number; count: number }[]; total: number }>(
      await as(w.t.app, w.office).get(`/api/risks/heatmap?unitId=${w.units.deptA}&basis=inherent`),
    );
    expect(map.cells).toEqual([{ likelihood: 4, impact: 4, count: 2 }]);
    expect(map.total).toBe(2);
    expect(json<{ total: number }>(await as(w.t.app, w.officeB).get('/api/risks/heatmap')).total).toBe(0);
  });

  it('exports the register the reader sees as XLSX', async () => {
    const res = await as(w.t.app, w.auditor).get('/api/risks/export.xlsx?lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('answers other domains: risks per control and a summary of a subtree', async () => {
    const [unit] = await w.t.database.db.select().from(orgUnits).where(eq(orgUnits.id, w.units.siteA));
    const path = unit!.path;
    const linked = await risksByControl(w.t.database.db, ['8.12', '5.1'], path);
    expect(linked.filter((l) => l.riskId === id)).toEqual([
      expect.objectContaining({ controlId: '8.12', title: drawingLeak(w).title }),
    ]);
    const summary = await riskSummary(w.t.database.db, path);
    expect(summary.total).toBe(2);
    expect(summary.byTreatment.reduce).toBe(2);
  });
});
