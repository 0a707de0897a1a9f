import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/sql';
import { as, json, type TestUser } from '../../../test/app';
import { assetBody, assetsWorld, makeAsset, type AssetsWorld, type AssetView } from '../testing';

let w: AssetsWorld;
type Page = { items: AssetView[]; nextCursor: string | null; total?: number };

const NAMES_A = ['設計図面 A', '組立図面', '図書目録', 'CAD data', 'AutoCAD drawings', '顧客名簿', '議事録 2026'];
const NAMES_B = ['設計図面 B', 'Cadence license'];

beforeAll(async () => {
  w = await assetsWorld();
  for (const name of NAMES_A) await makeAsset(w.t.app, w.office, assetBody(w.units.deptA, w.people.a, { name }));
  for (const name of NAMES_B) await makeAsset(w.t.app, w.office, assetBody(w.units.siteB, w.people.b, { name }));
});
afterAll(() => w.t.close());

const search = async (user: TestUser, query: string) => {
  const res = await as(w.t.app, user).get(`/api/assets?${query}`);
  expect(res.statusCode).toBe(200);
  return json<Page>(res);
};
const names = async (user: TestUser, q: string, more = '') =>
  (await search(user, `q=${encodeURIComponent(q)}&limit=500${more}`)).items.map((a) => a.name);

describe('ledger text search', () => {
  it('finds a 2-kanji word anywhere in the name, in the ledger’s order, page by page with the same cursor', async () => {
    const all = await names(w.office, '図面');
    expect(all.sort()).toEqual(['組立図面', '設計図面 A', '設計図面 B'].sort());
    // keyset pages of one give the same rows in the same order as the one page of the list without text
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const p: Page = await search(
        w.office,
        `q=${encodeURIComponent('図面')}&limit=1&total=true${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(p.total).toBe(3);
      walked.push(...p.items.map((a) => a.name));
      cursor = p.nextCursor;
    } while (cursor);
    const ledger = (await search(w.office, 'limit=500')).items.map((a) => a.name).filter((n) => n.includes('図面'));
    expect(walked).toEqual(ledger);
    // a longer word is matched whole, not by its bigrams alone (図書 and 目録 are not 図面)
    expect(await names(w.office, '顧客名簿')).toEqual(['顧客名簿']);
    expect(await names(w.office, '図書目')).toEqual(['図書目録']);
  });

  it('finds a Latin word in any case, with the other filters; a word found nowhere is an empty page', async () => {
    expect((await names(w.office, 'cad')).sort()).toEqual(['AutoCAD drawings', 'CAD data', 'Cadence license']);
    expect((await names(w.office, 'CAD D')).sort()).toEqual(['AutoCAD drawings', 'CAD data']);
    expect(await names(w.office, 'cad', `&unitId=${w.units.siteB}`)).toEqual(['Cadence license']);
    expect(await names(w.office, 'cad', '&kind=paper')).toEqual([]);
    expect(await search(w.office, 'q=zzqx&total=true')).toEqual({ items: [], nextCursor: null, total: 0 });
    // a single character has no bigram: the ledger is walked as before
    expect((await names(w.office, '録')).sort()).toEqual(['図書目録', '議事録 2026']);
  });

  it('keeps to the reader’s scope: a site office sees its site’s matches only; employees and partners are refused', async () => {
    expect((await names(w.siteOfficeA, '図面')).sort()).toEqual(['組立図面', '設計図面 A']);
    expect(await names(w.siteOfficeA, 'cadence')).toEqual([]);
    expect((await as(w.t.app, w.siteOfficeA).get(`/api/assets?q=cad&unitId=${w.units.siteB}`)).statusCode).toBe(404);
    for (const user of [w.employee, w.partnerUser])
      expect((await as(w.t.app, user).get(`/api/assets?q=${encodeURIComponent('図面')}`)).statusCode).toBe(403);
  });

  it('hides a 極秘 asset found by its name from a reader without the need to know', async () => {
    await makeAsset(
      w.t.app,
      w.office,
      assetBody(w.units.deptA, w.people.a, { name: '極秘図面', classCode: 'strictly_confidential' }),
    );
    expect(await names(w.office, '極秘図')).toEqual(['極秘図面']);
    expect(await names(w.auditorA, '極秘図')).toEqual([]);
  });

  it('finds an updated asset by its new name and not by its old one', async () => {
    const a = await makeAsset(w.t.app, w.office, assetBody(w.units.deptA, w.people.a, { name: '旧称台帳' }));
    expect(await names(w.office, '旧称')).toEqual(['旧称台帳']);
    const res = await as(w.t.app, w.office).patch(`/api/assets/${a.id}`, { name: '新称台帳' });
    expect(res.statusCode).toBe(200);
    expect(await names(w.office, '旧称')).toEqual([]);
    expect(await names(w.office, '新称')).toEqual(['新称台帳']);
    // the tokens follow the asset: none left under the old name
    const stale = await queryRows<{ n: number }>(
      w.t.database.db,
      sql`SELECT count(*)::int AS n FROM asset_search_tokens WHERE asset_id = ${a.id} AND name <> '新称台帳'`,
    );
    expect(stale[0]?.n).toBe(0);
  });

  it('finds imported assets, and an asset renamed by an import by its new name only', async () => {
    const owner = json<{ employeeNo: string }>(await as(w.t.app, w.office).get(`/api/people/${w.people.a}`)).employeeNo;
    const post = (csv: string) =>
      w.t.app.inject({
        method: 'POST',
        url: `/api/assets/import?unitId=${w.units.siteA}`,
        headers: { authorization: `Bearer ${w.office.token}`, 'content-type': 'text/csv' },
        payload: csv,
      });
    const header = 'id,unit_code,name,kind,owner,class,confidentiality,integrity,availability';
    const line = (id: string, name: string) => `${id},${w.codes.deptA},${name},paper,${owner},秘,2,2,1`;
    const created = await post([header, line('', '輸入品目表'), line('', 'Import ledger')].join('\n'));
    expect(json(created)).toEqual({ created: 2, updated: 0 });
    expect(await names(w.office, '品目')).toEqual(['輸入品目表']);
    expect(await names(w.office, 'import')).toEqual(['Import ledger']);
    const [imported] = (await search(w.office, `q=${encodeURIComponent('品目')}`)).items;
    const renamed = await post([header, line(imported!.id, '輸出品目表')].join('\n'));
    expect(json(renamed)).toEqual({ created: 0, updated: 1 });
    expect(await names(w.office, '輸入')).toEqual([]);
    expect(await names(w.office, '輸出')).toEqual(['輸出品目表']);
  });
});
