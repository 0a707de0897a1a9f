import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFormulaSafety } from '../../../platform/files/xlsx-testing';
import { as, json } from '../../../test/app';
import { inParallel } from '../../../test/concurrency';
import { assetWorld, dayFromToday, type AssetWorld } from '../../assets/take-outs/test-world';
import { partnerNdas, partners } from '../../partners/tables';
import { systemBody } from '../testing';

type Problem = { detailCode?: string; errors?: { path: string; code?: string }[] };
type SystemView = { id: string; rowVersion: number; status: string; can: { manage: boolean }; disposal: unknown };

let w: AssetWorld;
let withNda: string;
let withoutNda: string;

beforeAll(async () => {
  w = await assetWorld();
  const db = w.t.database.db;
  const [a, b] = await db
    .insert(partners)
    .values([
      { nameJa: '廃棄業者', nameEn: 'Disposal Co', country: 'JP', tier: 'low' },
      { nameJa: '未契約業者', nameEn: 'No NDA Co', country: 'JP', tier: 'low' },
    ])
    .returning();
  withNda = a!.id;
  withoutNda = b!.id;
  await db.insert(partnerNdas).values({
    partnerId: withNda,
    title: 'NDA',
    signedOn: dayFromToday(-30),
    validFrom: dayFromToday(-30),
    provisions: {},
  });
});
afterAll(() => w.t.close());

const create = async (over: Record<string, unknown> = {}) => {
  const res = await as(w.t.app, w.officeA).post('/api/systems', systemBody(w.units.deptA, over));
  expect(res.statusCode, res.body).toBe(201);
  return json<SystemView>(res);
};

describe('systems inventory', () => {
  it('lets the site office record a system of its site, with an ETag, and its unit head read and manage it', async () => {
    const res = await as(w.t.app, w.officeA).post('/api/systems', systemBody(w.units.deptA, { name: 'Order portal' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const id = json<SystemView>(res).id;
    const seen = json<SystemView>(await as(w.t.app, w.headA).get(`/api/systems/${id}`));
    expect(seen.can.manage).toBe(true);
    const list = json<{ items: { id: string }[] }>(await as(w.t.app, w.headA).get('/api/systems?q=order'));
    expect(list.items.map((s) => s.id)).toEqual([id]);
  });

  it('keeps systems to their scope: another site answers 404 and lists nothing; employees and partners are refused', async () => {
    const s = await create({ name: 'Plant historian', kind: 'ot', productionLine: 'Line 3', maxClassCode: 'internal' });
    expect((await as(w.t.app, w.headB).get(`/api/systems/${s.id}`)).statusCode).toBe(404);
    expect(json<{ items: unknown[] }>(await as(w.t.app, w.headB).get('/api/systems')).items).toEqual([]);
    expect((await as(w.t.app, w.officeB).patch(`/api/systems/${s.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await as(w.t.app, w.officeB).post('/api/systems', systemBody(w.units.deptA))).statusCode).toBe(404);
    expect((await as(w.t.app, w.employee).get('/api/systems')).statusCode).toBe(403);
    expect((await as(w.t.app, w.partner).get(`/api/systems/${s.id}`)).statusCode).toBe(403);
    expect((await as(w.t.app, w.employee).post('/api/systems', systemBody(w.units.deptA))).statusCode).toBe(403);
    expect((await as(w.t.app, w.ciso).get(`/api/systems/${s.id}`)).statusCode).toBe(200);
    expect((await as(w.t.app, w.ciso).patch(`/api/systems/${s.id}`, { name: 'x' })).statusCode).toBe(403);
  });

  it('refuses bad references naming every failing field, and writes nothing', async () => {
    const before = json<{ items: unknown[] }>(await as(w.t.app, w.office).get('/api/systems?limit=500')).items.length;
    const res = await as(w.t.app, w.officeA).post(
      '/api/systems',
      systemBody(w.units.deptA, {
        kind: 'ot',
        maxClassCode: 'top-secret',
        administratorPersonId: '00000000-0000-4000-8000-000000000001',
        providerPartnerId: '00000000-0000-4000-8000-000000000002',
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(
      json<Problem>(res)
        .errors!.map((e) => `${e.path}:${e.code}`)
        .sort(),
    ).toEqual([
      'body.administratorPersonId:systems.person_unknown',
      'body.maxClassCode:systems.class_unknown',
      'body.productionLine:systems.ot_needs_line',
      'body.providerPartnerId:systems.partner_unknown',
    ]);
    const cloud = await as(w.t.app, w.officeA).post(
      '/api/systems',
      systemBody(w.units.deptA, { zoneId: '00000000-0000-4000-8000-000000000003' }),
    );
    expect(json<Problem>(cloud).errors!.map((e) => e.code)).toEqual(['systems.cloud_no_zone']);
    expect(json<{ items: unknown[] }>(await as(w.t.app, w.office).get('/api/systems?limit=500')).items.length).toBe(before);
  });

  it('applies one of two concurrent changes made from the same version and refuses the other with 412', async () => {
    const s = await create({ name: 'File server' });
    const results = await inParallel(2, (i) =>
      as(w.t.app, w.officeA).patch(`/api/systems/${s.id}`, { name: `File server ${i}` }, { 'if-match': `"${s.rowVersion}"` }),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const now = json<SystemView>(await as(w.t.app, w.officeA).get(`/api/systems/${s.id}`));
    expect(now.rowVersion).toBe(s.rowVersion + 1);
  });

  it('retires a system with an erasure certificate, or a contractor only under an NDA in force', async () => {
    const s = await create({ name: 'Old NAS', kind: 'it' });
    const url = `/api/systems/${s.id}/retire`;
    const neither = await as(w.t.app, w.officeA).post(url, { retiredOn: dayFromToday(0) });
    expect(json<Problem>(neither).errors![0]!.code).toBe('systems.retire_how');
    const noNda = await as(w.t.app, w.officeA).post(url, { retiredOn: dayFromToday(0), contractorPartnerId: withoutNda });
    expect(noNda.statusCode).toBe(422);
    expect(json<Problem>(noNda).detailCode).toBe('systems.contractor_no_nda');
    const badFile = await as(w.t.app, w.officeA).post(url, {
      retiredOn: dayFromToday(0),
      erasureMethod: 'overwrite',
      certificate: { fileName: 'x.exe', mediaType: 'application/x-msdownload', contentBase64: 'AAAA' },
    });
    expect(json<Problem>(badFile).errors![0]!.code).toBe('systems.certificate_type');
    expect(json<SystemView>(await as(w.t.app, w.officeA).get(`/api/systems/${s.id}`)).status).toBe('active');
    const pdf = Buffer.from('%PDF-1.4 erasure certificate').toString('base64');
    const done = await as(w.t.app, w.officeA).post(url, {
      retiredOn: dayFromToday(0),
      erasureMethod: 'overwrite',
      certificate: { fileName: 'erasure.pdf', mediaType: 'application/pdf', contentBase64: pdf },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(json<SystemView>(done).status).toBe('retired');
    const file = await as(w.t.app, w.headA).get(`/api/systems/${s.id}/certificate`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/pdf');
    expect((await as(w.t.app, w.officeA).patch(`/api/systems/${s.id}`, { name: 'again' })).statusCode).toBe(409);

    const t = await create({ name: 'Old switch', kind: 'network' });
    const byContractor = await as(w.t.app, w.officeA).post(`/api/systems/${t.id}/retire`, {
      retiredOn: dayFromToday(0),
      contractorPartnerId: withNda,
    });
    expect(byContractor.statusCode, byContractor.body).toBe(200);
  });
});

describe('GET /api/systems/export.xlsx', () => {
  const rowsOf = async (buf: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const out: string[][] = [];
    ws.eachRow((r) => out.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return { name: ws.name, rows: out };
  };

  it('exports the systems in the reader’s scope with the list’s filters, in the reader’s language, formulas kept as text', async () => {
    await create({ name: '=HYPERLINK("http://evil.example")', kind: 'it' });
    const en = await as(w.t.app, w.officeA).get('/api/systems/export.xlsx?lang=en');
    expect(en.statusCode).toBe(200);
    expect(en.headers['content-type']).toContain('spreadsheetml');
    const book = await rowsOf(en.rawPayload);
    expect(book.name).toBe('Systems');
    expect(book.rows[0]!.slice(0, 3)).toEqual(['System', 'Kind', 'Status']);
    const list = json<{ items: unknown[] }>(await as(w.t.app, w.officeA).get('/api/systems?limit=500')).items;
    expect(book.rows).toHaveLength(list.length + 1);
    expect((await checkFormulaSafety(en.rawPayload)).formulas).toEqual([]);
    expect((await checkFormulaSafety(en.rawPayload)).unprotected).toEqual([]);
    const ja = await rowsOf((await as(w.t.app, w.officeA).get('/api/systems/export.xlsx?lang=ja&kind=ot')).rawPayload);
    expect(ja.name).toBe('システム台帳');
    expect(ja.rows[0]![0]).toBe('システム名');
    expect(ja.rows.slice(1).every((r) => r[1] === '工場システム（OT）')).toBe(true);
    // site B's office sees none of site A's systems; a partner and an unknown filter are refused
    expect((await rowsOf((await as(w.t.app, w.officeB).get('/api/systems/export.xlsx')).rawPayload)).rows).toHaveLength(1);
    expect((await as(w.t.app, w.partner).get('/api/systems/export.xlsx')).statusCode).toBe(403);
    expect((await as(w.t.app, w.officeA).get('/api/systems/export.xlsx?kind=mainframe')).statusCode).toBe(400);
    expect((await as(w.t.app, w.officeB).get(`/api/systems/export.xlsx?unitId=${w.units.deptA}`)).statusCode).toBe(404);
  });
});
