import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { answerAndSubmit, makePartner, partnerBody } from '../testing';

let t: TestApp;
let office: TestUser;
let ciso: TestUser;
let user: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  ciso = await createUser(t.database, [{ role: 'ciso' }]);
  const p = await makePartner(t.app, office, 'P');
  user = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: p.id });
});
afterAll(() => t.close());

describe('the partner dashboard', () => {
  const lists = [
    '/api/partner-dashboard',
    '/api/partner-assessments/export.xlsx?overdue=true',
    '/api/improvement-requests/export.xlsx',
    '/api/partner-subcontractors/export.xlsx?status=pending_notice',
  ];

  it('is read by the CISO, with the lists behind its figures, and changes nothing', async () => {
    for (const url of lists) expect([url, (await as(t.app, ciso).get(url)).statusCode]).toEqual([url, 200]);
    expect(json<{ partners: number }>(await as(t.app, ciso).get('/api/partner-dashboard')).partners).toBe(1);
    expect((await as(t.app, ciso).post('/api/partners', partnerBody('C'))).statusCode).toBe(403);
  });

  it('files the trend by fiscal year (April–March, named by its start): a sheet due in February 2027 is FY2026', async () => {
    const partnerId = json<{ items: { id: string }[] }>(await as(t.app, office).get('/api/partners')).items[0]!.id;
    for (const [name, dueOn] of [
      ['2026年度 点検', '2027-02-15'],
      ['2027年度 点検', '2027-04-01'],
    ])
      expect((await as(t.app, office).post('/api/partner-campaigns', { name, dueOn, partnerIds: [partnerId] })).statusCode).toBe(
        201,
      );
    const trend = json<{ trend: { fiscalYear: number; assessments: number }[] }>(
      await as(t.app, ciso).get('/api/partner-dashboard'),
    ).trend;
    expect(trend.map((y) => [y.fiscalYear, y.assessments])).toEqual([
      [2026, 1],
      [2027, 1],
    ]);
  });

  it("names partners in the reader's language in the lists behind its figures", async () => {
    const sheet = async (lang: string) => {
      const res = await as(t.app, ciso).get(`/api/partner-assessments/export.xlsx?lang=${lang}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return String(wb.worksheets[0]!.getRow(2).getCell(1).value);
    };
    expect(await sheet('ja')).toBe('取引先 P');
    expect(await sheet('en')).toBe('Partner P');
  });

  it('tells a failing latest score from a passing one in the partner list and on the partner', async () => {
    const [sheet] = json<{ items: { id: string }[] }>(await as(t.app, user).get('/api/partner-assessments')).items;
    const failed = await answerAndSubmit(t.app, user, sheet!.id, 'not_implemented');
    expect(failed.passed).toBe(false);
    const [row] = json<{ items: { id: string; latestPassed: boolean | null }[] }>(
      await as(t.app, ciso).get('/api/partners'),
    ).items;
    expect(row!.latestPassed).toBe(false);
    expect(json<{ latestPassed: boolean | null }>(await as(t.app, ciso).get(`/api/partners/${row!.id}`)).latestPassed).toBe(
      false,
    );
  });

  it('is refused to a partner account', async () => {
    for (const url of lists) expect([url, (await as(t.app, user).get(url)).statusCode]).toEqual([url, 403]);
  });
});
