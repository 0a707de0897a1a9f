import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../../test/app';
import { drawingLeak, riskWorld, type RiskWorld } from '../test-world';
import { defaultRiskMethod } from './setting';

let w: RiskWorld;
beforeAll(async () => {
  w = await riskWorld();
});
afterAll(() => w.t.close());

type Problem = { errors?: { path: string; code?: string }[] };
type R = {
  id: string;
  inherentLevel: { code: string; labelEn: string };
  residualLevel: { code: string };
  method: { likelihood: unknown[] };
};

/** A 3 × 3 method with three levels, accepting only "low". */
const threeByThree = () => {
  const base = defaultRiskMethod();
  return {
    likelihood: base.likelihood.slice(0, 3),
    impact: base.impact.slice(0, 3),
    levels: [
      { code: 'low', labelJa: '低', labelEn: 'Low', colour: '#2f9e44' },
      { code: 'mid', labelJa: '中', labelEn: 'Mid', colour: '#fcc419' },
      { code: 'top', labelJa: '高', labelEn: 'Top', colour: '#c92a2a' },
    ],
    matrix: [
      ['low', 'low', 'mid'],
      ['low', 'mid', 'top'],
      ['mid', 'top', 'top'],
    ],
    acceptUpTo: 'low',
  };
};

describe('risk method setting', () => {
  it('answers the built-in 5 × 5 method at version 0 to readers, with its version as the ETag', async () => {
    const res = await as(w.t.app, w.auditor).get('/api/settings/risk-method');
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"0"');
    expect(json<{ scope: string; value: { likelihood: unknown[] } }>(res)).toMatchObject({ scope: 'default' });
    expect((await as(w.t.app, w.partner).get('/api/settings/risk-method')).statusCode).toBe(403);
  });

  it('refuses a matrix that misses a cell or names an unknown level, naming each place', async () => {
    const bad = threeByThree();
    bad.matrix = [
      ['low', 'low', 'mid'],
      ['low', 'mid'],
      ['mid', 'top', 'nope'],
    ];
    bad.acceptUpTo = 'none';
    const res = await as(w.t.app, w.office).put('/api/settings/risk-method', bad);
    expect(res.statusCode).toBe(400);
    expect(
      json<Problem>(res)
        .errors!.map((e) => `${e.path}:${e.code}`)
        .sort(),
    ).toEqual([
      'body.acceptUpTo:risks.method_level_unknown',
      'body.matrix.1:risks.method_matrix_columns',
      'body.matrix.2.2:risks.method_level_unknown',
    ]);
    const tooFew = { ...threeByThree(), impact: threeByThree().impact.slice(0, 2) };
    expect((await as(w.t.app, w.office).put('/api/settings/risk-method', tooFew)).statusCode).toBe(400);
  });

  it('lets only isms:configure save it, with If-Match on the version', async () => {
    expect((await as(w.t.app, w.officeA).put('/api/settings/risk-method', threeByThree())).statusCode).toBe(403);
    expect((await as(w.t.app, w.office).put('/api/settings/risk-method', threeByThree(), { 'if-match': '"7"' })).statusCode).toBe(
      412,
    );
  });

  it('never rescales an old assessment: it keeps its level and its snapshot; the heat map counts it beside the grid', async () => {
    const old = json<R>(await as(w.t.app, w.leaderA).post('/api/risks', drawingLeak(w)));
    expect(old.inherentLevel.code).toBe('high');
    const saved = await as(w.t.app, w.office).put('/api/settings/risk-method', threeByThree(), { 'if-match': '"0"' });
    expect(saved.statusCode).toBe(200);
    expect(saved.headers.etag).toBe('"1"');

    const again = json<R>(await as(w.t.app, w.office).get(`/api/risks/${old.id}`));
    expect(again.inherentLevel).toMatchObject({ code: 'high', labelEn: 'High' });
    expect(again.method.likelihood).toHaveLength(5);

    const outOfScale = await as(w.t.app, w.leaderA).post('/api/risks', drawingLeak(w));
    expect(outOfScale.statusCode).toBe(400);
    expect(json<Problem>(outOfScale).errors!.map((e) => `${e.path}:${e.code}`)).toEqual([
      'body.inherentLikelihood:risks.value_out_of_scale',
      'body.inherentImpact:risks.value_out_of_scale',
    ]);
    const fresh = json<R>(
      await as(w.t.app, w.leaderA).post(
        '/api/risks',
        drawingLeak(w, { inherentLikelihood: 3, inherentImpact: 3, residualLikelihood: 1, residualImpact: 3 }),
      ),
    );
    expect(fresh.inherentLevel.code).toBe('top');
    expect(fresh.residualLevel.code).toBe('mid');

    const map = json<{ cells: unknown[]; otherMethods: { code: string; count: number }[]; total: number; methodVersion: number }>(
      await as(w.t.app, w.office).get('/api/risks/heatmap?basis=inherent'),
    );
    expect(map.methodVersion).toBe(1);
    expect(map.cells).toEqual([{ likelihood: 3, impact: 3, count: 1 }]);
    expect(map.otherMethods).toEqual([expect.objectContaining({ code: 'high', count: 1 })]);
    expect(map.total).toBe(2);

    // re-assessing the old risk moves it to the method that applies now; its values must fit that method
    const reassess = await as(w.t.app, w.leaderA).patch(`/api/risks/${old.id}`, { residualLikelihood: 1 });
    expect(reassess.statusCode).toBe(400);
    const moved = json<R>(
      await as(w.t.app, w.leaderA).patch(`/api/risks/${old.id}`, {
        inherentLikelihood: 2,
        inherentImpact: 3,
        residualLikelihood: 1,
        residualImpact: 1,
      }),
    );
    expect(moved.inherentLevel.code).toBe('top');
    expect(moved.method.likelihood).toHaveLength(3);
  });

  it('keeps every saved version in the history', async () => {
    const history = json<{ version: number }[]>(await as(w.t.app, w.auditor).get('/api/settings/risk-method/history'));
    expect(history.map((h) => h.version)).toEqual([1]);
  });
});
