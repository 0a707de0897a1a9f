import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { makePartner, partnerBody } from '../testing';

let t: TestApp;
let office: TestUser;
let siteOffice: TestUser;
let ciso: TestUser;
let employee: TestUser;
let siteA: { id: string };
let siteB: { id: string };

const digital = { papers: true, digitized: true, embodiments: false, knowHow: false, strictlyConfidential: false };

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  ciso = await createUser(t.database, [{ role: 'ciso' }]);
  const unit = (parentId: string | null, code: string, kind: string) => ({ parentId, code, kind, nameJa: code, nameEn: code });
  const g = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(null, 'G', 'company')));
  siteA = json(await as(t.app, office).post('/api/org-units', unit(g.id, 'SA', 'site')));
  siteB = json(await as(t.app, office).post('/api/org-units', unit(g.id, 'SB', 'site')));
  siteOffice = await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteA.id }]);
  employee = await createUser(t.database, [{ role: 'employee', orgUnitId: siteA.id }]);
});
afterAll(() => t.close());

describe('partners', () => {
  it('creates a partner with its units and contacts, deriving the tier from what is shared', async () => {
    const res = await as(t.app, office).post(
      '/api/partners',
      partnerBody('Kanagata', {
        corporateNumber: '1234567890123',
        shares: { ...digital, embodiments: true },
        orgUnitIds: [siteA.id],
        contacts: [{ name: '山田 太郎', email: 'yamada@kanagata.example', role: 'security' }],
      }),
    );
    expect(res.statusCode).toBe(201);
    const p = json<{
      id: string;
      tier: string;
      orgUnits: { id: string }[];
      contacts: unknown[];
      threshold: number;
      hasValidNda: boolean;
    }>(res);
    expect(p.tier).toBe('high');
    expect(p.threshold).toBe(80);
    expect(p.orgUnits.map((u) => u.id)).toEqual([siteA.id]);
    expect(p.contacts).toHaveLength(1);
    expect(p.hasValidNda).toBe(false);
    const patched = json<{ tier: string }>(
      await as(t.app, office).patch(`/api/partners/${p.id}`, { shares: { ...digital, digitized: false } }),
    );
    expect(patched.tier).toBe('low');
    const dup = await as(t.app, office).post('/api/partners', partnerBody('Dup', { corporateNumber: '1234567890123' }));
    expect(dup.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(dup).errors[0]!.path).toBe('body.corporateNumber');
  });

  it('names every bad field and refuses unknown ones', async () => {
    const res = await as(t.app, office).post('/api/partners', { nameJa: '', country: 'Japan', shares: {}, extra: 1 });
    expect(res.statusCode).toBe(400);
    const paths = json<{ errors: { path: string }[] }>(res).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.nameJa', 'body.nameEn', 'body.country', 'body.extra']));
  });

  it('lets a site office see and manage only partners of its site', async () => {
    const b = await makePartner(t.app, office, 'OnlyB', { orgUnitIds: [siteB.id] });
    const mine = await as(t.app, siteOffice).post('/api/partners', partnerBody('SiteA', { orgUnitIds: [siteA.id] }));
    expect(mine.statusCode).toBe(201);
    expect((await as(t.app, siteOffice).post('/api/partners', partnerBody('Nowhere'))).statusCode).toBe(400);
    expect((await as(t.app, siteOffice).get(`/api/partners/${b.id}`)).statusCode).toBe(404);
    expect((await as(t.app, siteOffice).patch(`/api/partners/${b.id}`, { nameEn: 'x' })).statusCode).toBe(404);
    const names = json<{ items: { nameEn: string }[] }>(await as(t.app, siteOffice).get('/api/partners')).items.map(
      (p) => p.nameEn,
    );
    expect(names).toContain('Partner SiteA');
    expect(names).not.toContain('Partner OnlyB');
  });

  it('lets the CISO read but not change, and refuses an employee', async () => {
    const list = await as(t.app, ciso).get('/api/partners');
    expect(list.statusCode).toBe(200);
    const id = json<{ items: { id: string }[] }>(list).items[0]!.id;
    expect((await as(t.app, ciso).patch(`/api/partners/${id}`, { nameEn: 'x' })).statusCode).toBe(403);
    expect((await as(t.app, employee).get('/api/partners')).statusCode).toBe(403);
    expect((await as(t.app, null).get('/api/partners')).statusCode).toBe(401);
  });

  it('filters by tier, country, text and score, and pages by score with unscored last', async () => {
    for (const n of ['S1', 'S2', 'S3']) await makePartner(t.app, office, n, { country: 'VN' });
    const vn = json<{ items: { nameEn: string }[] }>(await as(t.app, office).get('/api/partners?country=VN&sort=-name'));
    expect(vn.items.map((p) => p.nameEn)).toEqual(['Partner S3', 'Partner S2', 'Partner S1']);
    const q = json<{ items: unknown[] }>(await as(t.app, office).get('/api/partners?q=kanagata'));
    expect(q.items).toHaveLength(1);
    const low = json<{ items: { tier: string }[] }>(await as(t.app, office).get('/api/partners?tier=low'));
    expect(low.items.every((p) => p.tier === 'low')).toBe(true);
    const first = json<{ items: { id: string }[]; nextCursor: string }>(
      await as(t.app, office).get('/api/partners?sort=score&limit=2'),
    );
    const second = json<{ items: { id: string }[] }>(
      await as(t.app, office).get(`/api/partners?sort=score&limit=2&cursor=${first.nextCursor}`),
    );
    expect(second.items.some((p) => first.items.some((f) => f.id === p.id))).toBe(false);
    expect(json<{ items: unknown[] }>(await as(t.app, office).get('/api/partners?scoreMin=10')).items).toHaveLength(0);
    expect(json<{ items: unknown[] }>(await as(t.app, office).get('/api/partners?noValidNda=true')).items.length).toBeGreaterThan(
      4,
    );
    expect((await as(t.app, office).get('/api/partners?cursor=nonsense')).statusCode).toBe(400);
  });

  it('exports the list as a streamed XLSX with the same filters', async () => {
    const res = await as(t.app, office).get('/api/partners/export.xlsx?country=VN&lang=en');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(3).value).toBe('Name');
    expect(ws.actualRowCount).toBe(4);
    expect((await as(t.app, ciso).get('/api/partners/export.xlsx')).statusCode).toBe(403);
  });
});
