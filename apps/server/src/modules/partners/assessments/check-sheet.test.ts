import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFormulaSafety } from '../../../platform/files/xlsx-testing';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { XLSX_TYPE } from './check-sheet';
import { makePartner, type AssessmentView } from '../testing';

let t: TestApp;
let office: TestUser;
let user: TestUser;
let sheet: AssessmentView;
let other: { id: string };

const download = async (id: string, lang = 'ja') => {
  const res = await as(t.app, user).get(`/api/partner-assessments/${id}/check-sheet.xlsx?lang=${lang}`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain(XLSX_TYPE);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
};
const upload = async (id: string, wb: ExcelJS.Workbook, type = XLSX_TYPE) =>
  t.app.inject({
    method: 'PUT',
    url: `/api/partner-assessments/${id}/check-sheet.xlsx`,
    headers: { authorization: `Bearer ${user.token}`, 'content-type': type },
    payload: Buffer.from(await wb.xlsx.writeBuffer()),
  });
const answers = async () => json<AssessmentView>(await as(t.app, user).get(`/api/partner-assessments/${sheet.id}`)).items;

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const p = await makePartner(t.app, office, 'X');
  const q = await makePartner(t.app, office, 'Y');
  user = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: p.id });
  await as(t.app, office).post('/api/partner-campaigns', { name: 'FY', dueOn: '2026-12-31', partnerIds: [p.id, q.id] });
  const list = json<{ items: { id: string; partnerId: string }[] }>(await as(t.app, office).get('/api/partner-assessments'));
  sheet = json(await as(t.app, user).get(`/api/partner-assessments/${list.items.find((i) => i.partnerId === p.id)!.id}`));
  other = list.items.find((i) => i.partnerId === q.id)!;
});
afterAll(() => t.close());

describe('check sheet XLSX', () => {
  it('round-trips: download in Japanese, fill some rows, upload, and the answers are there', async () => {
    await as(t.app, user).put(`/api/partner-assessments/${sheet.id}/answers`, {
      answers: [{ requirementId: '1-1', value: 'implemented', comment: '体制図あり' }],
    });
    const wb = await download(sheet.id);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(3).value).toBe('要求事項');
    expect(ws.getRow(2).getCell(1).value).toBe('1-1');
    expect(ws.getRow(2).getCell(4).value).toBe('実施している');
    ws.getRow(3).getCell(4).value = '一部実施';
    ws.getRow(4).getCell(4).value = 'Not applicable';
    ws.getRow(4).getCell(5).value = '紙の情報のみ';
    const res = await upload(sheet.id, wb);
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ applied: 3 });
    const items = await answers();
    expect(items.slice(0, 3).map((i) => i.value)).toEqual(['implemented', 'partly', 'not_applicable']);
  });

  it('reports every bad row and applies none of them', async () => {
    const wb = await download(sheet.id, 'en');
    const ws = wb.worksheets[0]!;
    ws.getRow(5).getCell(4).value = 'Not applicable'; // no reason
    ws.getRow(6).getCell(4).value = 'maybe';
    ws.getRow(7).getCell(1).value = '9-9-9';
    ws.getRow(7).getCell(4).value = 'Implemented';
    ws.getRow(8).getCell(4).value = 'Implemented'; // a good row: not applied either
    const res = await upload(sheet.id, wb);
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(res).errors.map((e) => e.path)).toEqual([
      'row 5.reason',
      'row 6.answer',
      'row 7.id',
    ]);
    expect((await answers())[6]!.value).toBeNull();
  });

  it("names a wrong answer with the choices in the reader's language, as a catalogue code", async () => {
    const wb = await download(sheet.id, 'ja');
    wb.worksheets[0]!.getRow(6).getCell(4).value = 'たぶん';
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/partner-assessments/${sheet.id}/check-sheet.xlsx`,
      headers: { authorization: `Bearer ${user.token}`, 'content-type': XLSX_TYPE, 'accept-language': 'ja' },
      payload: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    expect(res.statusCode).toBe(400);
    const p = json<{ detail: string; errors: { path: string; code: string; params: { choices: { ja: string } } }[] }>(res);
    expect(p.detail).toContain('何も変更していません');
    expect(p.errors[0]).toMatchObject({ path: 'row 6.answer', code: 'partner.sheet.answer_not_a_choice' });
    expect(p.errors[0]!.params.choices.ja).toContain('一部実施');
  });

  it('refuses formulas, another assessment’s workbook, a wrong file type and a non-workbook, changing nothing', async () => {
    const wb = await download(sheet.id);
    wb.worksheets[0]!.getRow(9).getCell(4).value = { formula: '"Implemented"' } as ExcelJS.CellFormulaValue;
    const formula = await upload(sheet.id, wb);
    expect(formula.statusCode).toBe(400);
    expect(json<{ errors: { path: string; message: string }[] }>(formula).errors[0]!.path).toBe('row 9.D9');

    const mine = await download(sheet.id);
    mine.worksheets[0]!.getRow(9).getCell(4).value = 'Implemented';
    const wrong = await upload(other.id, mine);
    expect(wrong.statusCode).toBe(404); // not even their assessment
    const theirs = await t.app.inject({
      method: 'PUT',
      url: `/api/partner-assessments/${sheet.id}/check-sheet.xlsx`,
      headers: { authorization: `Bearer ${user.token}`, 'content-type': XLSX_TYPE },
      payload: Buffer.from(await (await relabel(mine, other.id)).xlsx.writeBuffer()),
    });
    expect(theirs.statusCode).toBe(422);
    expect(json<{ detail: string }>(theirs).detail).toMatch(/another check sheet/);

    const version = await relabel(mine, sheet.id, 2);
    const v2 = await upload(sheet.id, version);
    expect(v2.statusCode).toBe(422);
    expect(json<{ detail: string }>(v2).detail).toMatch(/catalogue version 2/);

    const text = await t.app.inject({
      method: 'PUT',
      url: `/api/partner-assessments/${sheet.id}/check-sheet.xlsx`,
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'text/plain' },
      payload: 'id,answer',
    });
    expect(text.statusCode).toBe(415);
    const junk = await t.app.inject({
      method: 'PUT',
      url: `/api/partner-assessments/${sheet.id}/check-sheet.xlsx`,
      headers: { authorization: `Bearer ${user.token}`, 'content-type': XLSX_TYPE },
      payload: Buffer.from('PK\u0003\u0004 definitely not a zip'),
    });
    expect(junk.statusCode).toBe(415);
    const huge = await t.app.inject({
      method: 'PUT',
      url: `/api/partner-assessments/${sheet.id}/check-sheet.xlsx`,
      headers: { authorization: `Bearer ${user.token}`, 'content-type': XLSX_TYPE },
      payload: Buffer.alloc(6 * 1024 * 1024),
    });
    expect(huge.statusCode).toBe(413);
    expect((await answers())[8]!.value).toBeNull();
  });

  it('lets the office download but not upload', async () => {
    const res = await as(t.app, office).get(`/api/partner-assessments/${sheet.id}/check-sheet.xlsx`);
    expect(res.statusCode).toBe(200);
    const put = await as(t.app, office).put(`/api/partner-assessments/${sheet.id}/check-sheet.xlsx`, 'x', {
      'content-type': XLSX_TYPE,
    });
    expect(put.statusCode).toBe(403);
  });

  it('keeps a comment that starts like a formula as text, never a formula', async () => {
    const comment = '=HYPERLINK("https://evil.example","x")';
    const put = await as(t.app, user).put(`/api/partner-assessments/${sheet.id}/answers`, {
      answers: [{ requirementId: '1-1', value: 'implemented', comment }],
    });
    expect(put.statusCode).toBe(200);
    const res = await as(t.app, user).get(`/api/partner-assessments/${sheet.id}/check-sheet.xlsx?lang=en`);
    const check = await checkFormulaSafety(res.rawPayload);
    expect(check).toMatchObject({ formulas: [], unprotected: [] });
    expect(Object.values(check.formulaLikeTexts)).toContain(comment);
    const wb = await download(sheet.id, 'en');
    expect(wb.worksheets[0]!.getRow(2).getCell(6).value).toBe(comment);
  });
});

async function relabel(wb: ExcelJS.Workbook, assessmentId: string, version = 1) {
  const copy = new ExcelJS.Workbook();
  await copy.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const meta = copy.getWorksheet('_mamori')!;
  meta.getRow(2).getCell(2).value = assessmentId;
  meta.getRow(3).getCell(2).value = version;
  return copy;
}
