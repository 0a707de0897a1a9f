import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/sql';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { SMALL } from './people-browse';
import { people } from './tables';

// Two sites on either side of SMALL, so that both plans of the browse statement (whole subtree sorted, and
// index order filtered by unit) answer, and must answer the same as a plain ORDER BY.
let t: TestApp;
let office: TestUser;
let siteOffice: TestUser;
const units: Record<'group' | 'big' | 'bigDept' | 'small', string> = { group: '', big: '', bigDept: '', small: '' };
const BIG = SMALL + 150;
const FAMILY = ['Sato', 'suzuki', 'Takahashi', 'Tanaka', 'Ito', 'Watanabe', 'yamamoto', 'Nakamura', 'Kobayashi', 'Kato'];
const GIVEN = ['Hiroshi', 'Yuki', 'Akira', 'Naoko', 'Kenji', 'Mika', 'Taro'];

type Page = { items: { id: string; employeeNo: string; nameEn: string; status: string }[]; nextCursor: string | null };

async function all(user: TestUser, query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = '';
  while (cursor !== null) {
    const res = await as(t.app, user).get(`/api/people?${query}&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode).toBe(200);
    const page: Page = json(res);
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
  }
  return ids;
}

/** What PostgreSQL itself says the order is (its collation decides, not JavaScript's). */
async function expected(where: string, order: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    t.database.db,
    sql.raw(`SELECT p.id FROM people p JOIN org_units u ON u.id = p.org_unit_id WHERE ${where} ORDER BY ${order}`),
  );
  return rows.map((r) => r.id);
}

const unit = (parentId: string | null, code: string, kind: string) => ({
  parentId,
  code,
  kind,
  nameJa: `部署 ${code}`,
  nameEn: `Unit ${code}`,
});

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const post = async (body: object) => json<{ id: string }>(await as(t.app, office).post('/api/org-units', body)).id;
  units.group = await post(unit(null, 'G', 'company'));
  units.big = await post(unit(units.group, 'BIG', 'site'));
  units.bigDept = await post(unit(units.big, 'BIGD', 'department'));
  units.small = await post(unit(units.group, 'SMALL', 'site'));
  siteOffice = await createUser(t.database, [{ role: 'site_security_office', orgUnitId: units.small }]);
  const rows = Array.from({ length: BIG + 40 }, (_, i) => ({
    employeeNo: `${'ECT'[i % 3]}${String((i * 7919) % 100_000).padStart(6, '0')}`,
    // Repeated names, so that the id breaks ties; mixed case, so that the collation matters.
    nameEn: `${FAMILY[i % FAMILY.length]} ${GIVEN[i % GIVEN.length]}`,
    nameJa: `社員 ${i}`,
    kind: (['employee', 'contractor', 'temporary'] as const)[i % 3]!,
    status: i % 11 === 0 ? ('left' as const) : ('active' as const),
    orgUnitId: i < BIG ? (i % 2 ? units.big : units.bigDept) : units.small,
  }));
  for (let i = 0; i < rows.length; i += 500) await t.database.db.insert(people).values(rows.slice(i, i + 500));
}, 120_000);
afterAll(() => t.close());

describe('browsing people without a name', () => {
  const sorts: [string, string][] = [
    ['nameEn', 'p.name_en, p.id'],
    ['-nameEn', 'p.name_en DESC, p.id DESC'],
    ['employeeNo', 'p.employee_no, p.id'],
    ['-employeeNo', 'p.employee_no DESC, p.id DESC'],
  ];

  it('pages a subtree larger than SMALL in the same order as a plain ORDER BY, every sort', async () => {
    for (const [sort, order] of sorts)
      expect(await all(office, `orgUnitId=${units.big}&sort=${sort}`)).toEqual(
        await expected(`u.path LIKE (SELECT path FROM org_units WHERE id = '${units.big}') || '%'`, order),
      );
  });

  it('pages a small subtree (read whole and sorted) the same way, every sort', async () => {
    for (const [sort, order] of sorts)
      expect(await all(office, `orgUnitId=${units.small}&sort=${sort}`)).toEqual(
        await expected(`p.org_unit_id = '${units.small}'`, order),
      );
  });

  it('keeps status and kind filters on both plans', async () => {
    for (const u of [units.big, units.small]) {
      const got = await all(office, `orgUnitId=${u}&status=left&kind=contractor`);
      expect(got.length).toBeGreaterThan(0);
      expect(got).toEqual(
        await expected(
          `u.path LIKE (SELECT path FROM org_units WHERE id = '${u}') || '%' AND p.status = 'left' AND p.kind = 'contractor'`,
          'p.name_en, p.id',
        ),
      );
    }
  });

  it('lists the whole group for a group-wide reader, and only its site for a site office', async () => {
    expect((await all(office, 'sort=employeeNo')).length).toBe(BIG + 40);
    expect(await all(siteOffice, 'sort=nameEn')).toEqual(await expected(`p.org_unit_id = '${units.small}'`, 'p.name_en, p.id'));
    expect(await all(siteOffice, `orgUnitId=${units.group}&sort=nameEn`)).toHaveLength(40);
  });

  it('answers 404 for a unit outside the reader’s reach or unknown, and an empty page for an empty unit', async () => {
    expect((await as(t.app, siteOffice).get(`/api/people?orgUnitId=${units.big}`)).statusCode).toBe(404);
    expect((await as(t.app, office).get('/api/people?orgUnitId=00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const empty = await as(t.app, office).post('/api/org-units', unit(units.group, 'EMPTY', 'site'));
    const page: Page = json(await as(t.app, office).get(`/api/people?orgUnitId=${json<{ id: string }>(empty).id}`));
    expect(page).toEqual({ items: [], nextCursor: null });
  });
});
