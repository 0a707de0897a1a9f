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

type Page = { items: { seq: string; targetId: string }[]; nextCursor: string | null };
const csvOf = (body: string) => parse(body, { bom: true, relax_column_count: true }) as string[][];

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const mk = async (parentId: string | null, code: string) =>
    json<{ id: string }>(
      await as(t.app, office).post('/api/org-units', { parentId, code, kind: 'site', nameJa: code, nameEn: code }),
    ).id;
  const g = await mk(null, 'G');
  siteA = await mk(g, 'A');
  siteB = await mk(g, 'B');
  await as(t.app, office).patch(`/api/org-units/${siteA}`, { nameEn: 'Site A' });
  await as(t.app, office).patch(`/api/org-units/${siteB}`, { nameEn: 'Site B' });
  siteOfficeA = await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteA }]);
  employee = await createUser(t.database, [{ role: 'employee', orgUnitId: siteA }]);
  const [company] = await t.database.db
    .insert(partners)
    .values({ nameJa: '取引先', nameEn: 'Partner', country: 'JP', tier: 'low' })
    .returning({ id: partners.id });
  partner = await createUser(t.database, [{ role: 'partner_user' }], { kind: 'partner', partnerId: company!.id });
});
afterAll(() => t.close());

describe('audit log order', () => {
  it('pages oldest first with sort=at, keyset on the sequence', async () => {
    const first = json<Page>(await as(t.app, office).get(`/api/audit-events?sort=at&limit=2&actorId=${office.id}`));
    const next = json<Page>(
      await as(t.app, office).get(`/api/audit-events?sort=at&limit=2&actorId=${office.id}&cursor=${first.nextCursor}`),
    );
    const seqs = [...first.items, ...next.items].map((e) => BigInt(e.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(seqs).size).toBe(4);
  });
});

describe('GET /api/audit-events/export', () => {
  it('writes the filtered log as CSV with Japanese headers, newest first', async () => {
    const res = await as(t.app, office).get(`/api/audit-events/export?format=csv&lang=ja&action=org_unit.update`);
    expect(res.statusCode).toBe(200);
    const rows = csvOf(res.body);
    expect(rows[0]!.slice(0, 5)).toEqual(['番号', '日時 (Asia/Tokyo)', '実行者', '実行者 ID', '操作']);
    expect(rows.slice(1).map((r) => r[6])).toEqual([siteB, siteA]);
    expect(rows.slice(1).every((r) => r[4] === 'org_unit.update')).toBe(true);
  });

  it('writes XLSX oldest first with sort=at, in English', async () => {
    const res = await as(t.app, office).get('/api/audit-events/export?format=xlsx&lang=en&sort=at&action=org_unit.update');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Audit log');
    expect(ws.getCell('B1').value).toBe('At (Asia/Tokyo)');
    expect([ws.getCell('G2').value, ws.getCell('G3').value]).toEqual([siteA, siteB]);
  });

  it('keeps a site office to its sites, refuses an employee and a partner, and audits the export', async () => {
    const rows = csvOf((await as(t.app, siteOfficeA).get('/api/audit-events/export?format=csv&action=org_unit.update')).body);
    expect(rows.slice(1).map((r) => r[6])).toEqual([siteA]);
    expect((await as(t.app, employee).get('/api/audit-events/export')).statusCode).toBe(403);
    expect((await as(t.app, partner).get('/api/audit-events/export')).statusCode).toBe(403);
    expect((await as(t.app, null).get('/api/audit-events/export')).statusCode).toBe(401);
    const logged = json<Page>(await as(t.app, office).get(`/api/audit-events?action=audit.export&actorId=${siteOfficeA.id}`));
    expect(logged.items).toHaveLength(1);
  });
});
