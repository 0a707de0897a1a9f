import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../../platform/files/zip';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { memoryGrowth } from '../../../test/memory';
import { craftZip } from '../../../test/zip';
import { XLSX_TYPE } from './check-sheet';
import { makePartner } from '../testing';

let t: TestApp;
let user: TestUser;
let id: string;
let workbook: Buffer;

beforeAll(async () => {
  t = await createTestApp();
  const office = await createUser(t.database, [{ role: 'security_office' }]);
  const p = await makePartner(t.app, office, 'B');
  user = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: p.id });
  await as(t.app, office).post('/api/partner-campaigns', { name: 'FY', dueOn: '2026-12-31', partnerIds: [p.id] });
  id = json<{ items: { id: string }[] }>(await as(t.app, office).get('/api/partner-assessments')).items[0]!.id;
  workbook = (await as(t.app, user).get(`/api/partner-assessments/${id}/check-sheet.xlsx?lang=en`)).rawPayload;
});
afterAll(() => t.close());

const upload = (payload: Buffer) =>
  memoryGrowth(() =>
    t.app.inject({
      method: 'PUT',
      url: `/api/partner-assessments/${id}/check-sheet.xlsx`,
      headers: { authorization: `Bearer ${user.token}`, 'content-type': XLSX_TYPE },
      payload,
    }),
  );
/** The downloaded check sheet's entries, re-packed with `extra` entries beside them. */
const withEntries = (extra: Parameters<typeof craftZip>[0]) =>
  craftZip([...readZip(workbook, { maxEntries: 100, maxInflated: 1 << 26 }), ...extra]);

describe('check-sheet upload: a workbook costs bounded memory whatever it claims', () => {
  it('refuses a zip whose headers understate what it inflates to (413), counting while inflating', async () => {
    const bomb = withEntries([{ name: 'xl/media/image1.png', data: Buffer.alloc(250 * 1024 * 1024), declaredSize: 1000 }]);
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
    const { result: res, growthMb } = await upload(bomb);
    expect(growthMb).toBeLessThan(100);
    expect(res.statusCode).toBe(413);
    expect(json<{ type: string }>(res).type).toBe('/problems/payload-too-large');
  });

  it('reads a 6 KB workbook whose data validation spans 2.6 million cells without expanding it', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(workbook as unknown as ArrayBuffer);
    // exceljs's typings omit the worksheet's dataValidations (its writer supports them)
    (wb.worksheets[0] as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations.add(
      'A1:Z100000',
      { type: 'list', allowBlank: true, formulae: ['"a,b"'] },
    );
    wb.worksheets[0]!.getRow(2).getCell(4).value = 'Implemented';
    const { result: res, growthMb } = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(growthMb).toBeLessThan(100);
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ applied: 1 });
  });

  it('refuses more cells than a check sheet can have (413), and workbooks just within the caps (many cells), or a few huge texts stay under 100 MB', async () => {
    const cells = (n: number, text: string) => {
      const rows: string[] = [];
      for (let r = 0; r < n / 4; r++)
        rows.push(
          `<row r="${r + 2}">${['A', 'B', 'C', 'E'].map((c) => `<c r="${c}${r + 2}" t="inlineStr"><is><t>${text}</t></is></c>`).join('')}</row>`,
        );
      return Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`,
      );
    };
    const entries = readZip(workbook, { maxEntries: 100, maxInflated: 1 << 26 });
    const replace = (sheet: Buffer) =>
      craftZip(entries.map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { name: e.name, data: sheet } : e)));
    const over = await upload(replace(cells(60_000, 'x')));
    expect(over.growthMb).toBeLessThan(100);
    expect(over.result.statusCode).toBe(413);
    const many = await upload(replace(cells(36_000, 'x'.repeat(300))));
    expect(many.growthMb).toBeLessThan(100);
    expect(many.result.statusCode).toBe(200); // read whole; no row has an answer, so nothing changes
    const long = await upload(replace(cells(4, 'y'.repeat(3_500_000))));
    expect(long.growthMb).toBeLessThan(100);
    expect(long.result.statusCode).toBe(413); // more than a cell can hold (32,767 characters)
  });
});
