import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../../../platform/files/xlsx';
import { as, json, type TestUser } from '../../../test/app';
import { memoryGrowth } from '../../../test/memory';
import { assetBody, assetsWorld, makeAsset, type AssetsWorld } from '../testing';
import { MAX_IMPORT_ROWS } from './import';

const ROWS = MAX_IMPORT_ROWS / 4;

let w: AssetsWorld;
beforeAll(async () => {
  w = await assetsWorld();
  await as(w.t.app, w.office).put('/api/settings/asset-fields', {
    fields: [
      { key: 'system_name', labelJa: 'システム名', labelEn: 'System', type: 'text' },
      { key: 'review_on', labelJa: '見直し日', labelEn: 'Review on', type: 'date' },
    ],
  });
  await makeAsset(
    w.t.app,
    w.office,
    assetBody(w.units.deptA, w.people.a, { name: '顧客名簿', custom: { system_name: 'CRM', review_on: '2027-03-31' } }),
  );
  await makeAsset(
    w.t.app,
    w.office,
    assetBody(w.units.deptA, w.people.a, {
      name: '=HYPERLINK("x")',
      classCode: 'public',
      personalData: true,
      personalCategories: ['顧客', '従業員'],
    }),
  );
});
afterAll(() => w.t.close());

const post = (user: TestUser, unitId: string, payload: string | Buffer, type: string) =>
  w.t.app.inject({
    method: 'POST',
    url: `/api/assets/import?unitId=${unitId}`,
    headers: { authorization: `Bearer ${user.token}`, 'content-type': type },
    payload,
  });
const exportOf = (user: TestUser, unitId: string, ext: 'csv' | 'xlsx', lang: 'ja' | 'en') =>
  w.t.app.inject({
    method: 'GET',
    url: `/api/assets/export.${ext}?unitId=${unitId}`,
    headers: { authorization: `Bearer ${user.token}`, 'accept-language': lang },
  });
const count = async () => json<{ total: number }>(await as(w.t.app, w.office).get('/api/assets?total=true&status=all')).total;

describe('asset import and export', () => {
  it('exports CSV with headers in the reader’s language, and the file re-imports unchanged', async () => {
    const csv = await exportOf(w.office, w.units.siteA, 'csv', 'ja');
    expect(csv.statusCode).toBe(200);
    const [header, ...lines] = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toContain('機密区分');
    expect(header).toContain('システム名');
    expect(lines).toHaveLength(2);
    expect(csv.body).toContain(`"'=HYPERLINK(""x"")"`);
    const again = await post(w.office, w.units.siteA, csv.body, 'text/csv');
    expect(json(again)).toEqual({ created: 0, updated: 0 });
    const en = await exportOf(w.office, w.units.siteA, 'csv', 'en');
    expect(en.body).toContain('Confidential');
    expect(json(await post(w.office, w.units.siteA, en.body, 'text/csv'))).toEqual({ created: 0, updated: 0 });
  });

  it('exports XLSX with the class as a validated drop-down list, which re-imports unchanged', async () => {
    const res = await exportOf(w.office, w.units.siteA, 'xlsx', 'ja');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(6).value).toBe('機密区分');
    expect(ws.getCell('F2').dataValidation).toMatchObject({ type: 'list', formulae: ['lists!$A$1:$A$4'] });
    expect(wb.getWorksheet('lists')!.getColumn(1).values).toEqual([undefined, '極秘', '秘', '社外秘', '公開']);
    expect(json(await post(w.office, w.units.siteA, res.rawPayload, XLSX_TYPE))).toEqual({ created: 0, updated: 0 });
  });

  it('adds and updates rows, all or none: one bad row refuses the file, naming each row and column', async () => {
    const before = await count();
    const header = 'unit_code,name,kind,owner,class,confidentiality,integrity,availability,personal_data,custom.review_on';
    const owner = (await as(w.t.app, w.office).get(`/api/people/${w.people.a}`)).json() as { employeeNo: string };
    const good = `${w.codes.deptA},生産計画,paper,${owner.employeeNo},秘,2,2,1,no,2027-01-01`;
    const bad = [
      header,
      good,
      `${w.codes.deptA},図面,紙,${owner.employeeNo},top_secret,5,2,1,maybe,31/12/2027`,
      `${w.codes.siteB},人事評価,paper,nobody,public,1,1,1,yes,`,
    ].join('\n');
    const res = await post(w.office, w.units.siteA, bad, 'text/csv');
    expect(res.statusCode).toBe(400);
    const errors = json<{ errors: { path: string; code: string }[] }>(res).errors;
    expect(errors.map((e) => e.path)).toEqual([
      'line 3.class',
      'line 3.confidentiality',
      'line 3.personal_data',
      'line 3.custom.review_on',
      'line 4.unit_code',
      'line 4.owner',
    ]);
    expect(await count()).toBe(before);
    const ok = await post(w.office, w.units.siteA, [header, good, good.replace('生産計画', '生産計画 2')].join('\n'), 'text/csv');
    expect(json(ok)).toEqual({ created: 2, updated: 0 });
    expect(await count()).toBe(before + 2);
  });

  it('refuses more than the row limit with its own code, before reading the rows', async () => {
    const header = 'unit_code,name,kind,owner,class,confidentiality,integrity,availability';
    const big = `${header}\n${'x,y,paper,z,public,1,1,1\n'.repeat(MAX_IMPORT_ROWS + 1)}`;
    const res = await post(w.office, w.units.siteA, big, 'text/csv');
    expect(res.statusCode).toBe(413);
    expect(json<{ detailCode: string }>(res).detailCode).toBe('assets.import_too_many_rows');
  });

  it('imports only into a unit the caller manages: another site 404, an auditor or a partner 403', async () => {
    const csv = 'unit_code,name,kind,owner,class,confidentiality,integrity,availability\n';
    expect((await post(w.siteOfficeA, w.units.siteB, csv, 'text/csv')).statusCode).toBe(404);
    expect((await post(w.auditorA, w.units.siteA, csv, 'text/csv')).statusCode).toBe(403);
    expect((await post(w.partnerUser, w.units.siteA, csv, 'text/csv')).statusCode).toBe(403);
    expect((await exportOf(w.siteOfficeA, w.units.siteB, 'csv', 'en')).statusCode).toBe(404);
    expect((await exportOf(w.partnerUser, w.units.siteA, 'xlsx', 'en')).statusCode).toBe(403);
  });

  // A quarter of the row limit, on PostgreSQL: the whole 100,000 rows (time and the server's resident memory) are
  // measured by bench/assets-run.ts (bench/README.md, +236 MB); here a regression that holds every row in memory
  // fails on a file big enough to show it, without 3 minutes of the suite (on PGlite the import takes minutes).
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    `imports ${ROWS.toLocaleString('en')} rows with bounded memory`,
    async () => {
      const owner = (await as(w.t.app, w.office).get(`/api/people/${w.people.a}`)).json() as { employeeNo: string };
      const header = 'unit_code,name,kind,owner,class,confidentiality,integrity,availability,location,custom.system_name';
      const rows = Array.from(
        { length: ROWS },
        (_, i) =>
          `${w.codes.deptA},資産 ${i},electronic,${owner.employeeNo},社外秘,2,2,2,ファイルサーバ/${i % 50},SYS-${i % 300}`,
      );
      const csv = [header, ...rows].join('\n');
      const before = await count();
      const { result, growthMb } = await memoryGrowth(() => post(w.office, w.units.siteA, csv, 'text/csv'));
      expect(result.statusCode).toBe(200);
      expect(json(result)).toEqual({ created: ROWS, updated: 0 });
      expect(await count()).toBe(before + ROWS);
      expect(growthMb).toBeLessThan(250);
    },
    600_000,
  );
});
