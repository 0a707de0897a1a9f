import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { partners } from '../partners/tables';

let t: TestApp;
let office: TestUser;
let siteOfficeA: TestUser;
let employee: TestUser;
let partner: TestUser;
let siteA: string;
let siteB: string;

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const unit = async (parentId: string | null, code: string, nameJa: string) =>
    json<{ id: string }>(await as(t.app, office).post('/api/org-units', { parentId, code, kind: 'site', nameJa, nameEn: code }))
      .id;
  const g = await unit(null, 'G', 'グループ');
  siteA = await unit(g, 'A', '本社');
  siteB = await unit(g, 'B', '工場');
  const person = (employeeNo: string, nameJa: string, nameEn: string, orgUnitId: string, kind = 'employee') =>
    as(t.app, office).post('/api/people', { employeeNo, nameJa, nameEn, kind, orgUnitId });
  await person('E001', '佐藤 花子', 'Sato Hanako', siteA);
  await person('E002', '田中 太郎', 'Tanaka Taro', siteA, 'contractor');
  await person('E003', '鈴木 一郎', 'Suzuki Ichiro', siteB);
  siteOfficeA = await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteA }]);
  employee = await createUser(t.database, [{ role: 'employee', orgUnitId: siteA }]);
  const [company] = await t.database.db
    .insert(partners)
    .values({ nameJa: '取引先', nameEn: 'Partner', country: 'JP', tier: 'low' })
    .returning({ id: partners.id });
  partner = await createUser(t.database, [{ role: 'partner_user' }], { kind: 'partner', partnerId: company!.id });
});
afterAll(() => t.close());

const csvOf = (body: string) => parse(body, { bom: true, relax_column_count: true }) as string[][];

describe('GET /api/people/export', () => {
  it('writes the filtered, sorted list as CSV with Japanese headers and names', async () => {
    const res = await as(t.app, office).get(`/api/people/export?format=csv&lang=ja&sort=-employeeNo&orgUnitId=${siteA}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="people-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = csvOf(res.body);
    expect(rows[0]!.slice(0, 3)).toEqual(['社員番号', '氏名', '氏名（英字）']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['E002', 'E001']);
    expect(rows[1]![4]).toBe('本社');
    expect(rows[1]![5]).toBe('委託');
  });

  it('writes XLSX in the language of Accept-Language, honouring the kind filter', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/people/export?format=xlsx&kind=employee',
      headers: { authorization: `Bearer ${office.token}`, 'accept-language': 'ja,en;q=0.5' },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('人員');
    expect(ws.getCell('A1').value).toBe('社員番号');
    const numbers = ws.getColumn(1).values.slice(2);
    expect(numbers).toEqual(['E001', 'E003']);
    const en = await as(t.app, office).get('/api/people/export?format=csv&lang=en&q=tanaka');
    expect(csvOf(en.body).map((r) => r[0])).toEqual(['Employee no.', 'E002']);
  });

  it('keeps a site office to its scope, refuses an employee and a partner, and audits the export', async () => {
    const scoped = csvOf((await as(t.app, siteOfficeA).get('/api/people/export?format=csv')).body);
    expect(
      scoped
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['E001', 'E002']);
    expect((await as(t.app, siteOfficeA).get(`/api/people/export?orgUnitId=${siteB}`)).statusCode).toBe(404);
    expect((await as(t.app, employee).get('/api/people/export')).statusCode).toBe(403);
    expect((await as(t.app, partner).get('/api/people/export')).statusCode).toBe(403);
    expect((await as(t.app, null).get('/api/people/export')).statusCode).toBe(401);
    const events = json<{ items: { action: string; actorId: string }[] }>(
      await as(t.app, office).get(`/api/audit-events?action=person.export&actorId=${siteOfficeA.id}`),
    );
    expect(events.items.length).toBeGreaterThan(0);
  });

  it('refuses bad parameters naming each, before anything is sent', async () => {
    const res = await as(t.app, office).get('/api/people/export?format=pdf&tz=Mars/Olympus&sort=age');
    expect(res.statusCode).toBe(400);
    const paths = json<{ errors: { path: string }[] }>(res).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['querystring.format', 'querystring.tz', 'querystring.sort']));
  });
});
