import type { Iec62443Assessment, Iec62443Summary, TaraAnalysis } from '@mamori/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestUser } from '../../../test/app';
import { makePartner } from '../../partners/testing';
import { taraWorld, type TaraWorld } from '../tara/test-world';

let w: TaraWorld;
let partner: TestUser;
let taraA: string;
let taraB: string;
beforeAll(async () => {
  w = await taraWorld();
  const p = await makePartner(w.t.app, w.office, 'P');
  partner = await createUser(w.t.database, [{ role: 'partner_user' }], { partnerId: p.id });
  const start = async (productId: string) =>
    json<TaraAnalysis>(await as(w.t.app, w.office).post('/api/tara-analyses', { productId, title: 'TARA' })).id;
  taraA = await start(w.productA);
  taraB = await start(w.productB);
}, 300_000); // a shared host: setting up the world can take minutes
afterAll(() => w.t.close());

const sl2 = { fr1: 2, fr2: 2, fr3: 2, fr4: 2, fr5: 2, fr6: 2, fr7: 2 };
const url = (productId: string) => `/api/products/${productId}/iec62443`;
type Errors = { errors: { path: string; code: string }[] };

/** Sends a change with the ETag of the last answer; answers the response. */
function client(user: TestUser, productId: string, etag?: string) {
  const send = async (method: 'POST' | 'PATCH' | 'PUT', path: string, payload: object) => {
    const res = await w.t.app.inject({
      method,
      url: `${url(productId)}${path}`,
      headers: { authorization: `Bearer ${user.token}`, ...(etag ? { 'if-match': etag } : {}) },
      payload,
    });
    if (res.statusCode < 300) etag = res.headers.etag as string;
    return res;
  };
  return { send, etag: () => etag! };
}

describe('IEC 62443 assessment of a product', () => {
  it('starts once per product, and computes SL-C per FR from the statuses', async () => {
    const c = client(w.psirtA, w.productA);
    const created = await c.send('POST', '', { componentType: 'embedded_device', slTarget: sl2 });
    expect(created.statusCode).toBe(201);
    const a = json<Iec62443Assessment>(created);
    expect(a.slCapability).toEqual({ fr1: 0, fr2: 0, fr3: 0, fr4: 0, fr5: 0, fr6: 0, fr7: 0 });
    expect(a.byFr[3]).toMatchObject({ fr: 4, target: 2, inTarget: 3, open: 3 });
    expect((await c.send('POST', '', { componentType: 'host_device', slTarget: sl2 })).statusCode).toBe(409);

    const put = await c.send('PUT', '/requirements', {
      items: [
        {
          requirementId: 'CR 4.1',
          status: 'met',
          evidence: 'AES-256 for stored recipes',
          links: [{ kind: 'tara_analysis', targetId: taraA }],
        },
        { requirementId: 'CR 4.2', status: 'met', ownerId: w.psirtA.id },
        { requirementId: 'CR 4.3', status: 'met' },
        { requirementId: 'CR 4.2 RE(1)', status: 'not_applicable', reason: 'No memory shared between processes' },
        { requirementId: 'CR 4.2 RE(2)', status: 'partly' },
        { requirementId: 'CR 7.1', status: 'met' },
      ],
    });
    expect(put.statusCode).toBe(200);
    const after = json<Iec62443Assessment>(put);
    expect(after.slCapability.fr4).toBe(2); // RE(2) at SL 3 is only partly met
    expect(after.byFr[3]).toMatchObject({ inTarget: 3, met: 3, open: 0 });
    expect(after.requirements.find((r) => r.requirementId === 'CR 4.1')?.links).toEqual([
      { kind: 'tara_analysis', targetId: taraA, url: null, label: 'TARA' },
    ]);
    expect(after.requirements.find((r) => r.requirementId === 'CR 4.2')?.ownerName).toBeTruthy();

    const done = await c.send('PUT', '/requirements', { items: [{ requirementId: 'CR 4.2 RE(2)', status: 'met' }] });
    expect(json<Iec62443Assessment>(done).slCapability.fr4).toBe(4);
    const back = await c.send('PUT', '/requirements', { items: [{ requirementId: 'CR 4.1', status: null }] });
    expect(json<Iec62443Assessment>(back).slCapability.fr4).toBe(0);

    const practices = await c.send('PUT', '/practices', {
      items: [
        { practice: 'SM', level: 3, evidence: 'Development rule v4' },
        { practice: 'SVV', level: 2, links: [{ kind: 'url', url: 'https://lab.example/report-17' }] },
      ],
    });
    expect(practices.statusCode).toBe(200);
    expect(json<Iec62443Assessment>(practices).practices.map((p) => `${p.practice}${p.level}`)).toEqual(['SM3', 'SVV2']);

    const list = json<{ items: Iec62443Summary[] }>(await as(w.t.app, w.ciso).get('/api/iec62443-assessments'));
    expect(list.items.map((i) => i.productCode)).toEqual(['ECU-A']);
  });

  it('refuses bad input naming every field, and changes nothing', async () => {
    const c = client(w.psirtA, w.productA);
    const before = await as(w.t.app, w.psirtA).get(url(w.productA));
    const res = await c.send('PUT', '/requirements', {
      items: [
        { requirementId: 'CR 1.1', status: 'not_applicable' },
        { requirementId: 'CR 9.9', status: 'met' },
        { requirementId: 'SAR 2.4', status: 'met' },
        {
          requirementId: 'CR 1.3',
          status: 'met',
          links: [
            { kind: 'tara_analysis', targetId: taraB },
            { kind: 'url', url: 'javascript:alert(1)' },
          ],
        },
        { requirementId: 'CR 1.3', status: 'met', ownerId: '00000000-0000-4000-8000-000000000000' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(json<Errors>(res).errors.map((e) => `${e.path} ${e.code}`)).toEqual([
      'body.items.0.reason iec62443.reason_required',
      'body.items.1.requirementId iec62443.requirement_unknown',
      'body.items.2.requirementId iec62443.requirement_other_type',
      'body.items.3.links.0.targetId iec62443.link_other_product',
      'body.items.3.links.1.url iec62443.link_url_invalid',
      'body.items.4.requirementId iec62443.requirement_duplicate',
      'body.items.4.ownerId iec62443.owner_unknown',
    ]);
    const now = await as(w.t.app, w.psirtA).get(url(w.productA));
    expect(now.headers.etag).toBe(before.headers.etag);
    expect(json<Iec62443Assessment>(now).requirements).toEqual(json<Iec62443Assessment>(before).requirements);
    const bad = await as(w.t.app, w.psirtA).patch(url(w.productA), { slTarget: { ...sl2, fr3: 5 }, componentType: 'robot' });
    expect(
      json<Errors>(bad)
        .errors.map((e) => e.path)
        .sort(),
    ).toEqual(['body.componentType', 'body.slTarget.fr3']);
  });

  it('lets readers of the product read and export it, its PSIRT change it; other divisions 404, partners and employees 403', async () => {
    const u = url(w.productA);
    const item = { items: [{ requirementId: 'CR 1.3', status: 'met' }] };
    expect((await as(w.t.app, w.ciso).get(u)).statusCode).toBe(200);
    expect((await as(w.t.app, w.ciso).put(`${u}/requirements`, item)).statusCode).toBe(403);
    expect((await as(w.t.app, w.office).put(`${u}/requirements`, item)).statusCode).toBe(200);
    for (const [method, path, body] of [
      ['get', '', undefined],
      ['get', '/export', undefined],
      ['patch', '', { note: 'x' }],
      ['put', '/requirements', item],
      ['put', '/practices', { items: [{ practice: 'SM', level: 1 }] }],
      ['post', '', { componentType: 'host_device', slTarget: sl2 }],
    ] as const) {
      const call = (user: TestUser | null) =>
        method === 'get' ? as(w.t.app, user).get(`${u}${path}`) : as(w.t.app, user)[method](`${u}${path}`, body);
      expect((await call(w.psirtB)).statusCode, `${method} ${path}`).toBe(404);
      expect((await call(partner)).statusCode, `${method} ${path}`).toBe(403);
      expect((await call(w.employee)).statusCode, `${method} ${path}`).toBe(403);
      expect((await call(null)).statusCode, `${method} ${path}`).toBe(401);
    }
    expect(json<{ items: unknown[] }>(await as(w.t.app, w.psirtB).get('/api/iec62443-assessments')).items).toEqual([]);
    expect((await as(w.t.app, partner).get('/api/iec62443-assessments')).statusCode).toBe(403);
    expect((await as(w.t.app, partner).get('/api/iec62443/catalog')).statusCode).toBe(403);
    expect((await as(w.t.app, w.psirtB).get(url(w.productB))).statusCode).toBe(404); // not started
  });

  it('refuses a change sent on a stale view (412), also when two are sent at once', async () => {
    const got = await as(w.t.app, w.psirtA).get(url(w.productA));
    const etag = got.headers.etag as string;
    const one = client(w.psirtA, w.productA, etag);
    const two = client(w.office, w.productA, etag);
    const results = await Promise.all([
      one.send('PUT', '/requirements', { items: [{ requirementId: 'CR 2.8', status: 'met' }] }),
      two.send('PUT', '/requirements', { items: [{ requirementId: 'CR 2.8', status: 'not_met' }] }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const stale = await client(w.psirtA, w.productA, etag).send('PATCH', '', { note: 'late' });
    expect(stale.statusCode).toBe(412);
    const winner = results.find((r) => r.statusCode === 200)!;
    const now = json<Iec62443Assessment>(await as(w.t.app, w.psirtA).get(url(w.productA)));
    expect(now.requirements.find((r) => r.requirementId === 'CR 2.8')?.status).toBe(
      json<Iec62443Assessment>(winner).requirements.find((r) => r.requirementId === 'CR 2.8')?.status,
    );
  });

  it('exports the assessment as XLSX in Japanese and English', async () => {
    const ja = await as(w.t.app, w.ciso).get(`${url(w.productA)}/export?lang=ja`);
    expect(ja.statusCode).toBe(200);
    expect(ja.headers['content-disposition']).toContain('iec62443-ECU-A.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ja.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['概要', '4-2 コンポーネント要件', '4-1 プラクティス']);
    const en = await as(w.t.app, w.ciso).get(`${url(w.productA)}/export?lang=en`);
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    const rows = wbEn.getWorksheet('4-2 Component requirements')!.getSheetValues() as unknown[][];
    expect(rows.some((r) => r?.[2] === 'CR 1.3' && r[6] === 'met')).toBe(true);
  });
});
