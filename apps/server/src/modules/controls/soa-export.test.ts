import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFormulaSafety } from '../../platform/files/xlsx-testing';
import { readPdf } from '../../platform/pdf/testing';
import { as } from '../../test/app';
import { controlsWorld, createSoa, decideAll, type ControlsWorld, type VersionView } from './test-world';

let w: ControlsWorld;
let soa: VersionView;

beforeAll(async () => {
  w = await controlsWorld();
  soa = await createSoa(w, w.units.group);
  await decideAll(w, soa.id);
  await as(w.t.app, w.office).patch(`/api/soa/${soa.soaId}/versions/1/entries/7.5`, {
    applicable: false,
    justification: '=HYPERLINK("http://x") 自社で建物を保有していないため',
  });
  await as(w.t.app, w.office).post(`/api/soa/${soa.soaId}/versions/1/submit`);
  await as(w.t.app, w.ciso).post(`/api/soa/${soa.soaId}/versions/1/approve`);
});
afterAll(() => w.t.close());

describe('SoA exports', () => {
  it('gives a Japanese PDF with the scope, status, approver and the controls by their Japanese titles', async () => {
    const res = await as(w.t.app, w.auditor).get(`/api/soa/${soa.soaId}/versions/1/soa.pdf?lang=ja`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text, info } = await readPdf(res.rawPayload);
    expect(info.Title).toBe('適用宣言書');
    expect(text).toContain('組織 G');
    expect(text).toContain('承認済み');
    expect(text).toContain('セキュリティ方針と規程を定めて周知する');
    expect(text).toContain('8.34');
  });

  it('gives the English PDF in English', async () => {
    const res = await as(w.t.app, w.office).get(`/api/soa/${soa.soaId}/versions/1/soa.pdf?lang=en`);
    const { text } = await readPdf(res.rawPayload);
    expect(text).toContain('Statement of Applicability');
    expect(text).toContain('Classify information');
    expect(text).toContain('Approved');
  });

  it('gives an XLSX that opens again with one row per control and no text turned into a formula', async () => {
    const res = await as(w.t.app, w.office).get(`/api/soa/${soa.soaId}/versions/1/soa.xlsx?lang=en`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: string[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const controls = rows.filter((r) => /^[5-8]\.\d+$/.test(r[0]!));
    expect(controls).toHaveLength(93);
    expect(controls.find((r) => r[0] === '7.5')).toEqual(expect.arrayContaining(['Excluded']));
    const safety = await checkFormulaSafety(res.rawPayload);
    expect(safety.formulas).toEqual([]);
    expect(Object.keys(safety.formulaLikeTexts)).toHaveLength(1);
    expect(safety.unprotected).toEqual([]);
  });

  it('refuses partner accounts', async () => {
    expect((await as(w.t.app, w.partner).get(`/api/soa/${soa.soaId}/versions/1/soa.xlsx`)).statusCode).toBe(403);
  });
});
