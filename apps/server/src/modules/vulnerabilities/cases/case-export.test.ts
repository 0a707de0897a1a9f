import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { partners } from '../../partners/tables';

let t: TestApp;
let office: TestUser;
let psirt: TestUser;
let psirtA: TestUser;
let employee: TestUser;
let partner: TestUser;
const csvOf = (body: string) => parse(body, { bom: true, relax_column_count: true }) as string[][];

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  psirt = await createUser(t.database, [{ role: 'psirt_member' }]);
  const unit = (parentId: string | null, code: string, kind: string) => ({ parentId, code, kind, nameJa: code, nameEn: code });
  const g = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(null, 'G', 'company')));
  const divA = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'DA', 'site')));
  const divB = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'DB', 'site')));
  psirtA = await createUser(t.database, [{ role: 'psirt_member', orgUnitId: divA.id }]);
  employee = await createUser(t.database, [{ role: 'employee', orgUnitId: divA.id }]);
  const product = (code: string, orgUnitId: string) => ({ code, nameJa: code, nameEn: code, orgUnitId });
  const prodA = json<{ id: string }>(await as(t.app, office).post('/api/products', product('CAM', divA.id)));
  const prodB = json<{ id: string }>(await as(t.app, office).post('/api/products', product('TV', divB.id)));
  const open = async (title: string, productId: string, cvss31Vector: string) => {
    const c = json<{ id: string }>(await as(t.app, psirt).post('/api/vulnerabilities', { title, description: 'x' }));
    await as(t.app, psirt).patch(`/api/vulnerabilities/${c.id}`, {
      products: [{ productId, status: 'affected' }],
      cvss31Vector,
      status: 'investigating',
    });
  };
  await open('=cmd|calc', prodA.id, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
  await open('Weak TLS', prodA.id, 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N');
  await open('TV backdoor', prodB.id, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N');
  const [company] = await t.database.db
    .insert(partners)
    .values({ nameJa: '取引先', nameEn: 'Partner', country: 'JP', tier: 'low' })
    .returning({ id: partners.id });
  partner = await createUser(t.database, [{ role: 'partner_user' }], { kind: 'partner', partnerId: company!.id });
});
afterAll(() => t.close());

describe('GET /api/vulnerabilities/export', () => {
  it('writes the cases sorted by score as CSV with Japanese headers and statuses; formulas stay text', async () => {
    const res = await as(t.app, psirt).get('/api/vulnerabilities/export?format=csv&lang=ja&sort=-score');
    expect(res.statusCode).toBe(200);
    const rows = csvOf(res.body);
    expect(rows[0]!.slice(0, 4)).toEqual(['案件', '件名', '状態', '深刻度']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(["'=cmd|calc", 'TV backdoor', 'Weak TLS']);
    expect(rows[1]!.slice(2, 4)).toEqual(['調査中', '緊急']);
  });

  it('honours the filters in XLSX (severity, text search)', async () => {
    const res = await as(t.app, psirt).get('/api/vulnerabilities/export?format=xlsx&lang=en&severity=high');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('B1').value).toBe('Title');
    expect(ws.getColumn(2).values.slice(2)).toEqual(['TV backdoor']);
    const q = csvOf((await as(t.app, psirt).get('/api/vulnerabilities/export?format=csv&q=tls')).body);
    expect(q.slice(1).map((r) => r[1])).toEqual(['Weak TLS']);
  });

  it('keeps a divisional PSIRT member to its products, refuses an employee and a partner', async () => {
    const rows = csvOf((await as(t.app, psirtA).get('/api/vulnerabilities/export?format=csv&sort=createdAt')).body);
    expect(rows.slice(1).map((r) => r[1])).toEqual(["'=cmd|calc", 'Weak TLS']);
    expect((await as(t.app, employee).get('/api/vulnerabilities/export')).statusCode).toBe(403);
    expect((await as(t.app, partner).get('/api/vulnerabilities/export')).statusCode).toBe(403);
    expect((await as(t.app, null).get('/api/vulnerabilities/export')).statusCode).toBe(401);
    const logged = json<{ items: unknown[] }>(
      await as(t.app, office).get(`/api/audit-events?action=vulnerability.export&actorId=${psirtA.id}`),
    );
    expect(logged.items).toHaveLength(1);
  });
});
