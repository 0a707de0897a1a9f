import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentStats } from '@mamori/contracts';
import { checkFormulaSafety } from '../../platform/files/xlsx-testing';
import { as, json } from '../../test/app';
import { redact } from './summary';
import { incidentWorld, lostLaptop, type IncidentWorld } from './test-world';

let w: IncidentWorld;
let laptop: string;

beforeAll(async () => {
  w = await incidentWorld();
  laptop = json<{ id: string }>(await as(w.t.app, w.reporter).post('/api/incidents', lostLaptop())).id;
  await as(w.t.app, w.colleague).post('/api/incidents', {
    typeId: 'misdelivery',
    nearMiss: true,
    title: 'Almost mailed the wrong customer',
    description: 'Noticed the address before sending',
    discoveredAt: new Date().toISOString(),
  });
  await as(w.t.app, w.officeA).patch(`/api/incidents/${laptop}`, {
    containedAt: new Date(Date.now() - 1800_000).toISOString(),
    causeCategory: 'rule_violation',
    rootCause: 'Taro Yamada E1 took it home; contact taro@example.test',
  });
});
afterAll(() => w.t.close());

describe('statistics', () => {
  it('counts incidents and near misses by type, site, cause and month, with time to contain', async () => {
    const res = await as(w.t.app, w.office).get('/api/incidents/stats?lang=ja');
    expect(res.statusCode).toBe(200);
    const s = json<IncidentStats>(res);
    expect(s.totals).toEqual({ incidents: 1, nearMisses: 1, open: 2, closed: 0 });
    expect(s.byType).toEqual(
      expect.arrayContaining([
        { key: 'loss_theft', label: '紛失・盗難(書類・PC・媒体・試作品等)', incidents: 1, nearMisses: 0 },
        expect.objectContaining({ key: 'misdelivery', nearMisses: 1 }),
      ]),
    );
    expect(s.bySite).toEqual([{ key: w.units.siteA, label: '組織 SA', incidents: 1, nearMisses: 1 }]);
    expect(s.byCause.map((c) => c.key).sort()).toEqual(['none', 'rule_violation']);
    expect(s.byMonth).toHaveLength(1);
    expect(s.timeToContainHours.median).toBeCloseTo(0.5, 0);
  });

  it("is scoped: another site's office counts nothing; an auditor (analyse only) counts everything but reads no case", async () => {
    expect(json<IncidentStats>(await as(w.t.app, w.officeB).get('/api/incidents/stats')).totals.incidents).toBe(0);
    expect(json<IncidentStats>(await as(w.t.app, w.auditor).get('/api/incidents/stats')).totals.incidents).toBe(1);
    expect((await as(w.t.app, w.auditor).get(`/api/incidents/${laptop}`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.reporter).get('/api/incidents/stats')).statusCode).toBe(403);
  });
});

describe('XLSX export', () => {
  it('exports the visible list with Japanese or English headers', async () => {
    const res = await as(w.t.app, w.office).get('/api/incidents/export.xlsx?lang=ja&nearMiss=false');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('番号');
    expect(ws.rowCount).toBe(2);
    expect(String(ws.getRow(2).getCell(6).value)).toBe('Laptop lost on the train');
    const en = await as(w.t.app, w.office).get('/api/incidents/export.xlsx?lang=en');
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(wbEn.worksheets[0]!.getRow(1).getCell(1).value).toBe('Number');
    expect(wbEn.worksheets[0]!.rowCount).toBe(3);
    expect((await as(w.t.app, w.reporter).get('/api/incidents/export.xlsx')).statusCode).toBe(403);
  });
});

describe('XLSX export of hostile text', () => {
  it('keeps a title that starts like a formula as text, never a formula', async () => {
    const title = '=HYPERLINK("https://evil.example","x")';
    expect((await as(w.t.app, w.reporter).post('/api/incidents', { ...lostLaptop(), title })).statusCode).toBe(201);
    const res = await as(w.t.app, w.office).get('/api/incidents/export.xlsx?lang=en');
    const check = await checkFormulaSafety(res.rawPayload);
    expect(check).toMatchObject({ formulas: [], unprotected: [] });
    expect(Object.values(check.formulaLikeTexts)).toContain(title);
  });
});

describe('anonymised summary', () => {
  it('tells the case without names, e-mails, phone numbers or customers', async () => {
    const res = await as(w.t.app, w.office).get(`/api/incidents/${laptop}/summary?lang=en`);
    expect(res.statusCode).toBe(200);
    const text = JSON.stringify(json(res));
    for (const secret of ['Tanaka', 'Aozora', '06-1234-5678', 'Yamada', 'taro@example.test', 'INC-'])
      expect(text).not.toContain(secret);
    expect(json<{ redactions: number; cause: string }>(res)).toMatchObject({ cause: 'Rule not followed' });
    expect(json<{ redactions: number }>(res).redactions).toBeGreaterThanOrEqual(4);
    expect((await as(w.t.app, w.officeB).get(`/api/incidents/${laptop}/summary`)).statusCode).toBe(404);
  });

  it('redacts honorific name patterns in Japanese and English', () => {
    expect(redact('佐藤さんが鈴木様に送付。Dr. Smith agreed.', []).text).toBe('[氏名]が[氏名]に送付。[name] agreed.');
    expect(redact('call 090-1234-5678 or 10.0.0.1', []).text).toBe('call [number] or [ip]');
  });
});
