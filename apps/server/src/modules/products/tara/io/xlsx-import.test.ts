import type { TaraAnalysis, TaraExchange } from '@mamori/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../../../../platform/files/xlsx';
import { as, json } from '../../../../test/app';
import { taraWorld, type TaraWorld } from '../test-world';
import { buildAnalysis } from './test-analysis';

let w: TaraWorld;
let ws: TaraAnalysis;
beforeAll(async () => {
  w = await taraWorld();
  ws = await buildAnalysis(w);
});
afterAll(() => w.t.close());

const codes = (res: { json: () => unknown }) =>
  (res.json() as { errors: { path: string; code?: string }[] }).errors.map((e) => `${e.path}:${e.code}`);
const docOf = async (id: string) => {
  const { exportedAt: _e, ...doc } = JSON.parse(
    (await as(w.t.app, w.psirtA).get(`/api/tara-analyses/${id}/export?format=json`)).body,
  ) as TaraExchange;
  return doc;
};
const xlsxOf = async (id: string, lang: string) =>
  (await as(w.t.app, w.psirtA).get(`/api/tara-analyses/${id}/export?format=xlsx&lang=${lang}`)).rawPayload;
const importXlsx = (buf: Buffer, user = w.psirtA) =>
  as(w.t.app, user).post('/api/tara-analyses/import-xlsx', {
    productId: w.productA,
    file: { mediaType: XLSX_TYPE, contentBase64: buf.toString('base64') },
  });

describe('import of the XLSX export', () => {
  it.each(['en', 'ja'])('reads back the workbook exported in %s: the same analysis as the JSON export', async (lang) => {
    const res = await importXlsx(await xlsxOf(ws.id, lang));
    expect(res.statusCode).toBe(201);
    const copy = json<TaraAnalysis>(res);
    const [a, b] = [await docOf(ws.id), await docOf(copy.id)];
    // the workbook does not carry the method's definition or the product: the rest must match
    expect({ ...b, analysis: { ...b.analysis, product: null } }).toEqual({ ...a, analysis: { ...a.analysis, product: null } });
  });

  it('names the sheet and cell of each failing field, and writes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsxOf(ws.id, 'en')) as unknown as ArrayBuffer);
    wb.getWorksheet('Threat scenarios')!.getCell('C2').value = 'A9';
    wb.getWorksheet('Attack paths')!.getCell('D3').value = 'Maybe';
    wb.getWorksheet('Risks and treatment')!.getCell('H2').value = 'high';
    const before = json<{ items: unknown[] }>(await as(w.t.app, w.psirtA).get(`/api/tara-analyses?productId=${w.productA}`)).items
      .length;
    const res = await importXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(400);
    expect(codes(res)).toEqual(
      expect.arrayContaining(['Attack paths!D3:validation.choice', 'Risks and treatment!H2:validation.invalid_type']),
    );
    const after = json<{ items: unknown[] }>(await as(w.t.app, w.psirtA).get(`/api/tara-analyses?productId=${w.productA}`)).items
      .length;
    expect(after).toBe(before);
  });

  it('refuses a workbook that is not an export, a non-XLSX file and people who may not manage the product', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['hello']);
    const other = await importXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(codes(other)).toEqual(['body.file:tara.xlsx_not_export']);
    const notZip = await importXlsx(Buffer.from('not a workbook'));
    expect(notZip.statusCode).toBeGreaterThanOrEqual(400);
    expect(notZip.statusCode).toBeLessThan(500);
    const buf = await xlsxOf(ws.id, 'en');
    expect((await importXlsx(buf, w.psirtB)).statusCode).toBe(404);
    expect((await importXlsx(buf, w.employee)).statusCode).toBe(403);
  });
});
