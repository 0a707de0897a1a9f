import type { AgreementDetail, TaraAnalysis } from '@mamori/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../../test/app';
import { taraWorld, type TaraWorld } from '../tara/test-world';

let w: TaraWorld;
let taraA: string;
let taraB: string;
beforeAll(async () => {
  w = await taraWorld();
  const start = async (productId: string) =>
    json<TaraAnalysis>(await as(w.t.app, w.office).post('/api/tara-analyses', { productId, title: 'TARA' })).id;
  taraA = await start(w.productA);
  taraB = await start(w.productB);
}, 300_000); // a shared host: setting up the world can take minutes
afterAll(() => w.t.close());

const base = () => ({
  productId: w.productA,
  programme: 'OEM-X EV platform 2028',
  counterpartKind: 'customer',
  counterpartName: 'Vehicle maker X',
  contacts: [{ party: 'counterpart', role: 'Cybersecurity manager', name: 'Taro Yamada', email: 'cs@oem-x.example' }],
});
const matrix = [
  { activity: 'tara', own: ['responsible'], counterpart: ['approve', 'inform'] },
  { activity: 'incident_response', own: ['support'], counterpart: ['responsible'], note: 'within 24 h' },
];

async function created(): Promise<{ a: AgreementDetail; etag: string }> {
  const res = await as(w.t.app, w.psirtA).post('/api/interface-agreements', { ...base(), taraAnalysisId: taraA });
  expect(res.statusCode).toBe(201);
  return { a: json<AgreementDetail>(res), etag: res.headers.etag as string };
}

describe('interface agreements', () => {
  it('keeps the agreement with its TARA, contacts and a matrix in the catalogue order', async () => {
    const { a, etag } = await created();
    expect(a).toMatchObject({ status: 'draft', taraTitle: 'TARA', productCode: 'ECU-A' });
    expect(a.contacts[0]).toEqual({ ...base().contacts[0], phone: null });
    const put = await as(w.t.app, w.psirtA).put(
      `/api/interface-agreements/${a.id}/responsibilities`,
      { activities: [...matrix].reverse() },
      { 'if-match': etag },
    );
    expect(put.statusCode).toBe(200);
    const after = json<AgreementDetail>(put);
    expect(after.activities.map((r) => r.activity)).toEqual(['tara', 'incident_response']);
    expect(put.headers.etag).not.toBe(etag);
    // a change sent on the view before the matrix is refused
    const stale = await as(w.t.app, w.psirtA).patch(
      `/api/interface-agreements/${a.id}`,
      { status: 'ended' },
      { 'if-match': etag },
    );
    expect(stale.statusCode).toBe(412);
    const inForce = await as(w.t.app, w.psirtA).patch(
      `/api/interface-agreements/${a.id}`,
      { status: 'in_force', effectiveFrom: '2027-04-01', supportUntil: '2042-03-31', incidentNotificationHours: 24 },
      { 'if-match': put.headers.etag as string },
    );
    expect(inForce.statusCode).toBe(200);
    expect(json<AgreementDetail>(inForce)).toMatchObject({ status: 'in_force', supportUntil: '2042-03-31' });
    const list = json<{ items: { id: string }[] }>(
      await as(w.t.app, w.ciso).get(`/api/interface-agreements?productId=${w.productA}`),
    );
    expect(list.items.map((i) => i.id)).toContain(a.id);
  });

  it('refuses a matrix row without exactly one responsible side, unknown and repeated activities, all at once', async () => {
    const { a } = await created();
    const res = await as(w.t.app, w.psirtA).put(`/api/interface-agreements/${a.id}/responsibilities`, {
      activities: [
        { activity: 'tara', own: ['support'], counterpart: ['inform'] },
        { activity: 'tara', own: ['responsible'], counterpart: ['responsible'] },
        { activity: 'bribery', own: ['responsible'], counterpart: [] },
      ],
    });
    expect(res.statusCode).toBe(400);
    const codes = json<{ errors: { path: string; code: string }[] }>(res).errors.map((e) => `${e.path} ${e.code}`);
    expect(codes).toEqual([
      'body.activities.0 agreements.responsible_missing',
      'body.activities.1.activity agreements.activity_duplicate',
      'body.activities.1 agreements.responsible_twice',
      'body.activities.2.activity agreements.activity_unknown',
    ]);
    expect(json<AgreementDetail>(await as(w.t.app, w.psirtA).get(`/api/interface-agreements/${a.id}`)).activities).toEqual([]);
  });

  it("refuses another product's TARA, a support end before the start and an agreement in force without its matrix", async () => {
    const res = await as(w.t.app, w.psirtA).post('/api/interface-agreements', {
      ...base(),
      taraAnalysisId: taraB,
      status: 'in_force',
      effectiveFrom: '2027-04-01',
      supportUntil: '2027-03-31',
    });
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { code: string }[] }>(res).errors.map((e) => e.code)).toEqual([
      'agreements.tara_other_product',
      'agreements.support_before_start',
      'agreements.in_force_incomplete',
    ]);
    const list = json<{ items: { taraAnalysisId: string }[] }>(await as(w.t.app, w.psirtA).get('/api/interface-agreements'));
    expect(list.items.some((i) => i.taraAnalysisId === taraB)).toBe(false);
  });

  it('lets readers of the product read and export it, writers of its division change it; others get 403 or 404', async () => {
    const { a } = await created();
    const url = `/api/interface-agreements/${a.id}`;
    expect((await as(w.t.app, w.ciso).get(url)).statusCode).toBe(200);
    expect((await as(w.t.app, w.ciso).patch(url, { programme: 'x' })).statusCode).toBe(403);
    expect((await as(w.t.app, w.psirtB).get(url)).statusCode).toBe(404);
    expect((await as(w.t.app, w.psirtB).patch(url, { programme: 'x' })).statusCode).toBe(404);
    expect((await as(w.t.app, w.psirtB).put(`${url}/responsibilities`, { activities: matrix })).statusCode).toBe(404);
    expect((await as(w.t.app, w.psirtB).get(`${url}/export?format=pdf`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.psirtB).get(`/api/interface-agreements?productId=${w.productA}`)).statusCode).toBe(404);
    expect(json<{ items: unknown[] }>(await as(w.t.app, w.psirtB).get('/api/interface-agreements')).items).toEqual([]);
    expect((await as(w.t.app, w.psirtB).post('/api/interface-agreements', base())).statusCode).toBe(404);
    expect((await as(w.t.app, w.employee).get(url)).statusCode).toBe(403);
    expect((await as(w.t.app, w.employee).get('/api/interface-agreement-activities')).statusCode).toBe(403);
    expect((await as(w.t.app, null).get(url)).statusCode).toBe(401);
    expect((await as(w.t.app, w.office).patch(url, { programme: 'OEM-X 2029' })).statusCode).toBe(200);
  });

  it('exports the agreement as XLSX and PDF in Japanese and English', async () => {
    const { a, etag } = await created();
    await as(w.t.app, w.psirtA).put(
      `/api/interface-agreements/${a.id}/responsibilities`,
      { activities: matrix },
      { 'if-match': etag },
    );
    const xlsx = await as(w.t.app, w.ciso).get(`/api/interface-agreements/${a.id}/export?format=xlsx&lang=ja`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('interface-agreement-ECU-A-OEM-X_EV_platform_2028.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['合意の概要', '責任分担表', '連絡先']);
    const rows = wb.getWorksheet('責任分担表')!.getSheetValues();
    expect((rows[2] as unknown[]).slice(1, 5)).toEqual(['脅威分析とリスクアセスメント（TARA）', '15, 9.4', 'R', 'A, I']);
    const pdf = await as(w.t.app, w.ciso).get(`/api/interface-agreements/${a.id}/export?format=pdf&lang=en`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await as(w.t.app, w.ciso).get(`/api/interface-agreements/${a.id}/export?format=docx`)).statusCode).toBe(400);
  });
});
