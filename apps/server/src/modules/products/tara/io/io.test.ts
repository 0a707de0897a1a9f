import type { TaraAnalysis, TaraExchange, TaraR155Coverage } from '@mamori/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFormulaSafety } from '../../../../platform/files/xlsx-testing';
import { readXlsx } from '../../../../platform/files/xlsx';
import { readPdf } from '../../../../platform/pdf/testing';
import { as, json } from '../../../../test/app';
import { taraWorld, workspaceClient, type TaraWorld } from '../test-world';
import { buildAnalysis } from './test-analysis';

let w: TaraWorld;
let ws: TaraAnalysis;
beforeAll(async () => {
  w = await taraWorld();
  ws = await buildAnalysis(w);
});
afterAll(() => w.t.close());

type Problem = { type: string; errors?: { path: string; code?: string }[] };
const codes = (res: { json: () => unknown }) => (res.json() as Problem).errors!.map((e) => `${e.path}:${e.code}`);
const exportOf = async (id: string, format: string, lang = 'en', user = w.psirtA) =>
  as(w.t.app, user).get(`/api/tara-analyses/${id}/export?format=${format}&lang=${lang}`);
const docOf = async (id: string) => {
  const res = await exportOf(id, 'json');
  expect(res.statusCode).toBe(200);
  const { exportedAt: _e, ...doc } = JSON.parse(res.body) as TaraExchange;
  return doc;
};

describe('export', () => {
  it('writes mamori-tara/1 JSON with refs, derived values and the Annex 5 data; audited', async () => {
    const res = await exportOf(ws.id, 'json');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toContain('tara-ECU-A-Gateway_ECU.json');
    const doc = JSON.parse(res.body) as TaraExchange;
    expect(doc.format).toBe('mamori-tara/1');
    expect(doc.assets.map((a) => a.ref)).toEqual(['A1', 'A2']);
    expect(doc.threatScenarios[1]).toMatchObject({ title: 'Tampered firmware flashed over UDS', r155Threats: ['12.2', '18.3'] });
    expect(doc.attackNodes.map((n) => [n.ref, n.parent, n.title])).toEqual([
      ['N1', null, 'Flood CAN'],
      ['N2', null, 'Flash'],
      ['N3', 'N2', 'Via UDS'],
      ['N4', 'N3', 'Unlock'],
      ['N5', 'N3', 'Bypass'],
      ['N6', 'N2', 'JTAG'],
    ]);
    expect(doc.risks).toHaveLength(3);
    expect(doc.r155NotApplicable).toEqual([{ code: '1.1', reason: 'The ECU has no back-end connection' }]);
    const audit = await w.t.database.db.execute(`select action from audit_events where action = 'tara_analysis.export'`);
    expect((audit as unknown as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
  });

  it('writes an XLSX the platform reader opens, one sheet per work product, headers in the language asked', async () => {
    const en = await exportOf(ws.id, 'xlsx', 'en');
    const sheets = await readXlsx(en.rawPayload);
    expect(sheets.map((s) => s.name)).toEqual([
      'Item definition',
      'Assets',
      'Damage scenarios',
      'Threat scenarios',
      'Attack paths',
      'Risks and treatment',
      'UN R155 Annex 5',
    ]);
    const threats = sheets.find((s) => s.name === 'Threat scenarios')!;
    expect(threats.rows.get(1)![1]).toBe('Threat scenario');
    expect([...threats.rows.values()].some((r) => r[1] === 'Tampered firmware flashed over UDS')).toBe(true);
    const safety = await checkFormulaSafety(en.rawPayload);
    expect(safety.formulas).toEqual([]);
    expect(safety.unprotected).toEqual([]);
    expect(Object.values(safety.formulaLikeTexts)).toContain('=SUM(A1) routes messages');
    const ja = await readXlsx((await exportOf(ws.id, 'xlsx', 'ja')).rawPayload);
    expect(ja.map((s) => s.name)).toContain('脅威シナリオ');
  });

  it('writes a PDF report in Japanese and English with the analysis name', async () => {
    const res = await exportOf(ws.id, 'pdf', 'ja');
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const { text, info } = await readPdf(res.rawPayload);
    expect(info.Title).toBe('Gateway ECU');
    expect(text).toContain('リスクマトリクス');
    expect(text).toContain('Tampered firmware flashed over UDS');
    const en = await readPdf((await exportOf(ws.id, 'pdf', 'en')).rawPayload);
    expect(en.text).toContain('Risk matrix');
  });

  it('is refused outside the reader’s scope (404) and for people without products:read (403)', async () => {
    expect((await exportOf(ws.id, 'json', 'en', w.psirtB)).statusCode).toBe(404);
    expect((await exportOf(ws.id, 'json', 'en', w.employee)).statusCode).toBe(403);
    expect((await exportOf(ws.id, 'csv')).statusCode).toBe(400);
  });
});

describe('import', () => {
  it('round-trips: export → import → export gives the same document (signatures stay behind)', async () => {
    const doc = await docOf(ws.id);
    const res = await as(w.t.app, w.psirtA).post('/api/tara-analyses/import', { productId: w.productA, document: doc });
    expect(res.statusCode).toBe(201);
    const copy = json<TaraAnalysis>(res);
    expect(copy.id).not.toBe(ws.id);
    expect(copy.risks.find((r) => r.cal === 4)).toMatchObject({ value: 4, feasibility: 'medium', signedBy: null });
    expect(await docOf(copy.id)).toEqual(doc);
  });

  it('names every failing field by its JSON pointer and writes nothing', async () => {
    const doc = structuredClone(await docOf(ws.id));
    doc.threatScenarios[0]!.asset = 'A9';
    doc.threatScenarios[1]!.r155Threats = ['99.9'];
    doc.damageScenarios[0]!.impacts = { reputation: 'major' };
    doc.attackNodes[1]!.parent = 'N3'; // N2 ↔ N3: a cycle
    doc.attackNodes[3]!.ratings = { elapsed_time: 'forever' } as never;
    doc.assets[1]!.ref = 'A1';
    const before = json<{ items: unknown[] }>(await as(w.t.app, w.psirtA).get(`/api/tara-analyses?productId=${w.productA}`)).items
      .length;
    const res = await as(w.t.app, w.psirtA).post('/api/tara-analyses/import', { productId: w.productA, document: doc });
    expect(res.statusCode).toBe(400);
    expect(codes(res)).toEqual(
      expect.arrayContaining([
        '/document/assets/1/ref:tara.ref_duplicate',
        '/document/damageScenarios/0/impacts/reputation:tara.impact_category_unknown',
        '/document/threatScenarios/0/asset:tara.ref_unknown',
        '/document/threatScenarios/1/r155Threats/0:tara.r155_unknown',
        '/document/attackNodes/1/parent:tara.attack_tree_cycle',
        '/document/attackNodes/3/ratings/elapsed_time:tara.level_unknown',
      ]),
    );
    const after = json<{ items: unknown[] }>(await as(w.t.app, w.psirtA).get(`/api/tara-analyses?productId=${w.productA}`)).items
      .length;
    expect(after).toBe(before);
  });

  it('checks shape and treatment rules with pointers too', async () => {
    const doc = structuredClone(await docOf(ws.id)) as Record<string, unknown> & TaraExchange;
    doc.risks[0]!.treatment = 'retain';
    doc.risks[0]!.cal = 3;
    doc.risks[0]!.rationale = null;
    const res = await as(w.t.app, w.psirtA).post('/api/tara-analyses/import', { productId: w.productA, document: doc });
    expect(codes(res)).toEqual(
      expect.arrayContaining([
        '/document/risks/0/cal:tara.cal_only_reduce',
        '/document/risks/0/rationale:tara.rationale_required',
        '/document/risks/0/treatment:tara.retain_above_threshold',
      ]),
    );
    const bad = await as(w.t.app, w.psirtA).post('/api/tara-analyses/import', {
      productId: w.productA,
      document: { ...doc, format: 'other/2', extra: 1, assets: [{ ref: 'A1' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(codes(bad)).toEqual(
      expect.arrayContaining([
        '/document/format:validation.choice',
        '/document/extra:validation.unknown_field',
        '/document/assets/0/name:validation.required',
      ]),
    );
  });

  it('refuses hostile input cleanly: deep JSON (400) and a body over 8 MB (413)', async () => {
    const deep = '{"productId":"' + w.productA + '","document":' + '['.repeat(5000) + ']'.repeat(5000) + '}';
    const res = await w.t.app.inject({
      method: 'POST',
      url: '/api/tara-analyses/import',
      headers: { authorization: `Bearer ${w.psirtA.token}`, 'content-type': 'application/json' },
      payload: deep,
    });
    expect(res.statusCode).toBe(400);
    const huge = JSON.stringify({
      productId: w.productA,
      document: { format: 'mamori-tara/1', pad: 'x'.repeat(9 * 1024 * 1024) },
    });
    const big = await w.t.app.inject({
      method: 'POST',
      url: '/api/tara-analyses/import',
      headers: { authorization: `Bearer ${w.psirtA.token}`, 'content-type': 'application/json' },
      payload: huge,
    });
    expect(big.statusCode).toBe(413);
  });

  it('imports only into products the person manages: another division’s product 404, no manage 403', async () => {
    const doc = await docOf(ws.id);
    expect(
      (await as(w.t.app, w.psirtB).post('/api/tara-analyses/import', { productId: w.productA, document: doc })).statusCode,
    ).toBe(404);
    expect(
      (await as(w.t.app, w.employee).post('/api/tara-analyses/import', { productId: w.productA, document: doc })).statusCode,
    ).toBe(403);
  });
});

describe('UN R155 Annex 5 coverage', () => {
  it('counts considered (linked), not applicable (with reason) and open threats', async () => {
    const res = await as(w.t.app, w.psirtA).get(`/api/tara-analyses/${ws.id}/r155-coverage`);
    expect(res.statusCode).toBe(200);
    const cov = json<TaraR155Coverage>(res);
    expect(cov.counts).toEqual({ total: 68, considered: 3, notApplicable: 1, open: 64 });
    expect(cov.items.find((i) => i.code === '1.1')).toMatchObject({
      status: 'not_applicable',
      reason: 'The ECU has no back-end connection',
    });
    expect(cov.items.find((i) => i.code === '12.2')!.status).toBe('considered');
    expect((await as(w.t.app, w.psirtB).get(`/api/tara-analyses/${ws.id}/r155-coverage`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.employee).get(`/api/tara-analyses/${ws.id}/r155-coverage`)).statusCode).toBe(403);
  });

  it('serves the catalogue in both languages; refuses an unknown code on a threat or an exclusion', async () => {
    const cat = json<{ threats: { code: string; title: { ja: string } }[]; mitigations: unknown[] }>(
      await as(w.t.app, w.psirtA).get('/api/tara-catalogs/r155'),
    );
    expect(cat.threats).toHaveLength(68);
    expect(cat.mitigations).toHaveLength(24);
    const c = workspaceClient(w, w.psirtA, ws.id);
    c.setEtag((await as(w.t.app, w.psirtA).get(`/api/tara-analyses/${ws.id}`)).headers.etag as string);
    const bad = await c.call('put', '/r155-exclusions/99.1', { reason: 'x' });
    expect(codes(bad)).toEqual(['params.code:tara.r155_unknown']);
    const t = await c.call('patch', `/threat-scenarios/${ws.threatScenarios[0]!.id}`, { r155Threats: ['4.1', '0.0'] });
    expect(codes(t)).toEqual(['body.r155Threats.1:tara.r155_unknown']);
  });

  it('changes exclusions under If-Match: a stale ETag is refused with 412; psirtB cannot (404)', async () => {
    const c = workspaceClient(w, w.psirtA, ws.id);
    const etag = (await as(w.t.app, w.psirtA).get(`/api/tara-analyses/${ws.id}`)).headers.etag as string;
    c.setEtag(etag);
    const ok = await c.ok('put', '/r155-exclusions/2.1', { reason: 'No back end' });
    expect(ok.r155NotApplicable.map((x) => x.code)).toContain('2.1');
    c.setEtag(etag);
    expect((await c.call('delete', '/r155-exclusions/2.1')).statusCode).toBe(412);
    const b = workspaceClient(w, w.psirtB, ws.id);
    expect((await b.call('put', '/r155-exclusions/3.1', { reason: 'x' })).statusCode).toBe(404);
  });
});
