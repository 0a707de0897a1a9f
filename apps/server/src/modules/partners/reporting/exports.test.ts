import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFormulaSafety } from '../../../platform/files/xlsx-testing';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { answerAndSubmit, makePartner } from '../testing';

let t: TestApp;
let office: TestUser;
let auditor: TestUser;
let late: { id: string };
let failing: { id: string };
let stranger: TestUser;

/** The rows of the first sheet, header first, as text. */
async function rows(url: string, user = office): Promise<string[][]> {
  const res = await as(t.app, user).get(url);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return out;
}

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  auditor = await createUser(t.database, [{ role: 'auditor' }]);
  late = await makePartner(t.app, office, 'Late');
  failing = await makePartner(t.app, office, 'Failing');
  const quiet = await makePartner(t.app, office, 'Quiet');
  stranger = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: quiet.id });
  const user = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: failing.id });
  await as(t.app, office).post('/api/partner-campaigns', { name: 'FY2020', dueOn: '2020-06-30', partnerIds: [late.id] });
  await as(t.app, office).post('/api/partner-campaigns', { name: 'FY2099', dueOn: '2099-06-30', partnerIds: [failing.id] });
  const [sheet] = json<{ items: { id: string }[] }>(await as(t.app, user).get('/api/partner-assessments')).items;
  await answerAndSubmit(t.app, user, sheet!.id, 'not_implemented');
  await as(t.app, office).post(`/api/partners/${late.id}/subcontractors`, { name: '未通知の下請', country: 'JP', work: '梱包' });
  const ok = json<{ id: string }>(
    await as(t.app, office).post(`/api/partners/${failing.id}/subcontractors`, { name: 'Noticed Sub', country: 'VN' }),
  );
  await as(t.app, office).patch(`/api/partner-subcontractors/${ok.id}`, {
    status: 'active',
    priorNoticeReceivedOn: '2026-01-05',
  });
});
afterAll(() => t.close());

describe('the dashboard lists as XLSX', () => {
  it('exports overdue check sheets with their days overdue', async () => {
    const all = await rows('/api/partner-assessments/export.xlsx?lang=en');
    expect(all).toHaveLength(3);
    const overdue = await rows('/api/partner-assessments/export.xlsx?overdue=true&lang=ja');
    expect(overdue[0]!.slice(0, 4)).toEqual(['取引先', '依頼', '期限', '超過日数']);
    expect(overdue).toHaveLength(2);
    expect(overdue[1]!.slice(0, 3)).toEqual(['取引先 Late', 'FY2020', '2020-06-30']);
    expect(Number(overdue[1]![3])).toBeGreaterThan(365);
  });

  it('exports open improvement requests with their age bucket', async () => {
    const open = await rows('/api/improvement-requests/export.xlsx?open=true&lang=en');
    expect(open[0]).toContain('Age bucket');
    expect(open.length).toBeGreaterThan(10);
    const body = open.slice(1);
    expect(new Set(body.map((r) => r[0]))).toEqual(new Set(['Partner Failing']));
    expect(new Set(body.map((r) => r[8]))).toEqual(new Set(['0-30']));
    expect(await rows('/api/improvement-requests/export.xlsx?overdue=true')).toHaveLength(1);
  });

  it('exports sub-contractors without prior notice', async () => {
    const pending = await rows('/api/partner-subcontractors/export.xlsx?status=pending_notice&lang=en');
    expect(pending.slice(1).map((r) => [r[0], r[1], r[5]])).toEqual([['Partner Late', '未通知の下請', 'pending_notice']]);
    expect(await rows('/api/partner-subcontractors/export.xlsx')).toHaveLength(3);
  });

  it('exports partners without a valid NDA through the partner export, headers in the reader’s language', async () => {
    const noNda = await rows('/api/partners/export.xlsx?noValidNda=true&lang=ja');
    expect(noNda[0]![1]).toBe('名称');
    expect(noNda).toHaveLength(4);
  });

  it('is for the reviewers only, and refuses unknown filters', async () => {
    for (const url of [
      '/api/partner-assessments/export.xlsx',
      '/api/improvement-requests/export.xlsx',
      '/api/partner-subcontractors/export.xlsx',
    ]) {
      expect((await as(t.app, auditor).get(url)).statusCode, url).toBe(403);
      expect((await as(t.app, stranger).get(url)).statusCode, url).toBe(403);
    }
    const bad = await as(t.app, office).get('/api/partner-subcontractors/export.xlsx?status=maybe&colour=red');
    expect(bad.statusCode).toBe(400);
  });

  // Last: it renames a partner. Names, requirements and sub-contractors come from outsiders' hands.
  it('writes every text that starts like a formula as text that stays text when edited, in every export', async () => {
    const evil = '=HYPERLINK("https://evil.example","x")';
    expect((await as(t.app, office).patch(`/api/partners/${late.id}`, { nameEn: evil, nameJa: '@SUM(1+1)' })).statusCode).toBe(
      200,
    );
    const sub = await as(t.app, office).post(`/api/partners/${late.id}/subcontractors`, { name: '+cmd|x', country: 'JP' });
    expect(sub.statusCode).toBe(201);
    for (const url of [
      '/api/partners/export.xlsx?lang=en',
      '/api/partner-assessments/export.xlsx?lang=en',
      '/api/improvement-requests/export.xlsx?lang=en',
      '/api/partner-subcontractors/export.xlsx?lang=en',
    ]) {
      const res = await as(t.app, office).get(url);
      expect(res.statusCode, url).toBe(200);
      const check = await checkFormulaSafety(res.rawPayload);
      expect(check.formulas, url).toEqual([]);
      expect(check.unprotected, url).toEqual([]);
      if (!url.startsWith('/api/improvement-requests')) expect(Object.values(check.formulaLikeTexts), url).toContain(evil);
    }
    const subs = await rows('/api/partner-subcontractors/export.xlsx?lang=en');
    expect(subs.flat()).toContain('+cmd|x');
  });
});
