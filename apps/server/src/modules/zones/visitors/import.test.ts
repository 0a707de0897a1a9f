import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBatches } from '../../../platform/imports/tables';
import { as, json } from '../../../test/app';
import { people } from '../../org/tables';
import { assetWorld, type AssetWorld } from '../../assets/take-outs/test-world';
import { zoneVisits } from '../tables';

/** The visitor-log CSV read as a stream: files longer than one chunk, all lines or none. */
let w: AssetWorld;
let zoneId: string;
const HEADER = 'employee_no,visitor_name,visitor_company,host_employee_no,entered_at,left_at';
const LINES = 12_000; // more than two chunks of the reader and of the staging

const file = (bad?: number) => {
  const out = [HEADER];
  for (let i = 2; i <= LINES + 1; i++)
    out.push(
      i === bad
        ? `NOPE,,,,2026-11-02 09:00,`
        : i % 3
          ? `IMP1,,,,2026-11-02 09:00,2026-11-02 18:00`
          : `,Guest ${i},ACME,IMP1,2026-11-02 10:00,`,
    );
  return out.join('\n');
};
const post = (body: string, type = 'text/csv') =>
  as(w.t.app, w.officeA).post(`/api/zones/${zoneId}/visits/import`, body, { 'content-type': type });
const visits = async () =>
  (await w.t.database.db.select({ id: zoneVisits.id }).from(zoneVisits).where(eq(zoneVisits.zoneId, zoneId))).length;

beforeAll(async () => {
  w = await assetWorld();
  const owner = (
    await w.t.database.db
      .insert(people)
      .values({ employeeNo: 'IMP1', nameJa: '佐藤', nameEn: 'Sato', kind: 'employee', orgUnitId: w.units.deptA })
      .returning()
  )[0]!.id;
  const res = await as(w.t.app, w.officeA).post('/api/zones', {
    siteId: w.units.siteA,
    kind: 'office',
    code: 'IMP',
    nameJa: 'ゾーン',
    nameEn: 'Zone',
    maxClassCode: 'internal',
    ownerPersonId: owner,
    entryAll: true,
    entryRoles: [],
    entryPersonIds: [],
    entryMethods: ['id_card'],
    cameras: true,
    retentionDays: 90,
  });
  expect(res.statusCode, res.body).toBe(201);
  zoneId = json<{ id: string }>(res).id;
});
afterAll(() => w.t.close());

describe('the streamed visitor-log import', () => {
  it('refuses a file whose bad line comes after chunks were staged, dropping them: nothing written, no batch left', async () => {
    const res = await post(file(11_001));
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { path: string; code: string }[] }>(res).errors).toEqual([
      expect.objectContaining({ path: 'line 11001', code: 'visits.import_person_unknown' }),
    ]);
    expect(await visits()).toBe(0);
    expect(await w.t.database.db.select().from(importBatches)).toEqual([]);
  });

  it('imports every line of a long file, once, and records the batch as done', async () => {
    const res = await post(file());
    expect(res.statusCode, res.body).toBe(200);
    expect(json<{ created: number }>(res).created).toBe(LINES);
    expect(await visits()).toBe(LINES);
    const [batch] = await w.t.database.db.select().from(importBatches);
    expect(batch).toMatchObject({ kind: 'zone-visits', status: 'done', rows: LINES, created: LINES });
  });

  it('answers a JSON body 415, a wrong header 400 with codes, and a NUL 400 at its line', async () => {
    expect((await post('{"a":1}', 'application/json')).statusCode).toBe(415);
    const header = await post('employee_no,badge\nIMP1,1\n');
    expect(header.statusCode).toBe(400);
    expect(
      json<{ errors: { code: string }[] }>(header)
        .errors.map((e) => e.code)
        .sort(),
    ).toEqual(['csv.column_missing', 'csv.column_unknown']);
    const nul = await post(`${HEADER}\nIMP1,,,,2026-11-02 09:00,\n,Gu\u0000est,,,2026-11-02 09:00,\n`);
    expect(nul.statusCode).toBe(400);
    expect(json<{ errors: { path: string; code: string }[] }>(nul).errors).toEqual([
      expect.objectContaining({ path: 'line 3', code: 'validation.text_ill_formed' }),
    ]);
  });
});
