import type { Dashboard, GroupOverview } from '@mamori/contracts';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partners } from '../../partners/tables';
import { orgUnits } from '../../org/tables';
import { as, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { createDemoTestApp } from '../../../test/demo';
import { queryRows } from '../../../db/sql';
import { getSource } from '../sources/registry';
import { clearGroupOverviewCache, GROUP_OVERVIEW_SOURCES } from './service';

let t: TestApp;
const unit: Record<string, string> = {};
let holdingOffice: TestUser;
let autoCiso: TestUser;

beforeAll(async () => {
  t = await createDemoTestApp();
  const rows = await t.database.db
    .select({ id: orgUnits.id, code: orgUnits.code })
    .from(orgUnits)
    .where(inArray(orgUnits.code, ['DEMO', 'DEMO-AUTO', 'DEMO-SOL', 'DEMO-APAC', 'DEMO-OSK']));
  for (const r of rows) unit[r.code] = r.id;
  holdingOffice = await createUser(t.database, [{ role: 'security_office' }]);
  autoCiso = await createUser(t.database, [{ role: 'ciso', orgUnitId: unit['DEMO-AUTO'] }]);
}, 600_000); // the demo template is built in the first file of a run that needs it: minutes on a busy host
afterAll(() => t.close());

const valuesOf = (o: GroupOverview, unitId: string) =>
  Object.fromEntries(o.figures.map((f) => [f.source, f.companies.find((c) => c.unitId === unitId)?.value]));

describe('GET /api/group-overview', () => {
  it('puts every company side by side for the holding, each figure as its own dashboard computes it', async () => {
    const o = json<GroupOverview>(await as(t.app, holdingOffice).get('/api/group-overview'));
    expect(o.companies.map((c) => c.code)).toEqual(['DEMO', 'DEMO-APAC', 'DEMO-AUTO', 'DEMO-SOL']);
    expect(o.figures.map((f) => f.source)).toEqual([...GROUP_OVERVIEW_SOURCES]);
    for (const f of o.figures) expect(f.companies.map((c) => c.unitId)).toEqual(o.companies.map((c) => c.unitId));
    // the holding's column is the holding's subtree: the same numbers its dashboard shows for that unit
    const dash = json<Dashboard>(await as(t.app, holdingOffice).get(`/api/dashboard?unitId=${unit.DEMO}`));
    const holding = valuesOf(o, unit.DEMO!);
    for (const f of dash.figures.filter((x) => x.source in holding))
      expect([f.source, holding[f.source]]).toEqual([f.source, f.value]);
    // the demo's incidents are the holding's own: a company's count is never above the holding's
    for (const code of ['DEMO-AUTO', 'DEMO-SOL', 'DEMO-APAC'])
      expect(valuesOf(o, unit[code]!)['incidents.open']!).toBeLessThanOrEqual(holding['incidents.open']!);
    expect(holding['incidents.open']).toBeGreaterThan(0);
  });

  it("shows a company's CISO its own company only, with the numbers of its own dashboard", async () => {
    const o = json<GroupOverview>(await as(t.app, autoCiso).get('/api/group-overview'));
    expect(o.companies.map((c) => c.code)).toEqual(['DEMO-AUTO']);
    const dash = json<Dashboard>(await as(t.app, autoCiso).get('/api/dashboard'));
    const mine = valuesOf(o, unit['DEMO-AUTO']!);
    for (const f of dash.figures.filter((x) => x.source in mine)) expect([f.source, mine[f.source]]).toEqual([f.source, f.value]);
  });

  it('gives a reader narrower than a company no company, and refuses roles without dashboard:read', async () => {
    const site = await createUser(t.database, [{ role: 'site_security_office', orgUnitId: unit['DEMO-OSK'] }]);
    expect(json<GroupOverview>(await as(t.app, site).get('/api/group-overview')).companies).toEqual([]);
    const employee = await createUser(t.database, [{ role: 'employee' }]);
    const auditor = await createUser(t.database, [{ role: 'auditor' }]);
    const [partner] = await t.database.db
      .select({ id: partners.id })
      .from(partners)
      .where(eq(partners.status, 'active'))
      .limit(1);
    const partnerUser = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: partner!.id });
    for (const u of [employee, auditor, partnerUser])
      expect((await as(t.app, u).get('/api/group-overview')).statusCode).toBe(403);
    expect((await as(t.app, null).get('/api/group-overview')).statusCode).toBe(401);
  });

  it('names a fiscal year out of range as a bad field', async () => {
    const res = await as(t.app, holdingOffice).get('/api/group-overview?fiscalYear=2001');
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { path: string; code: string }[] }>(res).errors[0]).toMatchObject({
      path: 'querystring.fiscalYear',
      code: 'reports.fiscal_year_range',
    });
  });

  it('gives each company the figures of the per-company computation, assets by class as a count of the ledger', async () => {
    clearGroupOverviewCache();
    const o = json<GroupOverview>(await as(t.app, holdingOffice).get('/api/group-overview'));
    const now = new Date(o.asOf);
    const paths = await pathsOf(o.companies.map((c) => c.unitId));
    // the sources computed for every company at once have data in the demo, so the comparison below means something
    const batched = o.figures.filter((f) => getSource(f.source)?.loadEach).map((f) => f.source);
    expect(batched).toEqual(['incidents.open', 'incidents.clocks', 'assets.byClass', 'controls.soa', 'training.completion']);
    for (const f of o.figures.filter((x) => batched.includes(x.source) && x.source !== 'incidents.clocks'))
      expect([f.source, f.companies.some((c) => c.rows.some((r) => r.values.some((v) => v > 0)))]).toEqual([f.source, true]);
    for (const f of o.figures) {
      const def = getSource(f.source)!;
      for (const c of f.companies) {
        // the computation before one statement per figure: the source run on the company's subtree alone
        const one = await def.load({
          db: t.database.db,
          scope: { kind: 'paths', paths: [paths[c.unitId]!] },
          fiscalYear: o.fiscalYear,
          now,
        });
        expect([f.source, c.unitId, c.value, c.rows]).toEqual([f.source, c.unitId, one.value, one.rows]);
      }
    }
    // and assets by class, now read from the roll-up, as the count over the ledger that it replaced
    const byClass = o.figures.find((f) => f.source === 'assets.byClass')!;
    for (const c of byClass.companies) {
      const rows = await ledgerByClass(paths[c.unitId]!);
      expect(c.rows.map((r) => [r.key, r.values[0]])).toEqual(rows.map((r) => [r.class_code, r.n]));
      expect(c.value).toBe(rows.reduce((s, r) => s + r.n, 0));
    }
    expect(byClass.companies.find((c) => c.unitId === unit.DEMO)!.value).toBeGreaterThan(0);
  });

  it('serves readers of one scope one computation, and shows when it was made', async () => {
    clearGroupOverviewCache();
    const [a, b] = await Promise.all([
      as(t.app, holdingOffice).get('/api/group-overview'),
      as(t.app, holdingOffice).get('/api/group-overview'),
    ]);
    expect(json<GroupOverview>(a).asOf).toBe(json<GroupOverview>(b).asOf);
    expect(json<GroupOverview>(a)).toEqual(json<GroupOverview>(b));
    // another scope is computed for itself: a company CISO never receives the holding's answer
    const mine = json<GroupOverview>(await as(t.app, autoCiso).get('/api/group-overview'));
    expect(mine.companies.map((c) => c.code)).toEqual(['DEMO-AUTO']);
  });

  it('keeps the assets-by-class roll-up equal to the ledger through inserts, updates, disposals and deletes', async () => {
    const db = t.database.db;
    const check = async () => {
      const [r] = await queryRows<{ wrong: number }>(
        db,
        sql`SELECT count(*)::int AS wrong FROM (
              (SELECT unit_path, class_code, count(*)::int AS n FROM assets WHERE status = 'active' GROUP BY 1, 2
               EXCEPT SELECT unit_path, class_code, assets FROM asset_class_counts WHERE assets <> 0)
              UNION ALL
              (SELECT unit_path, class_code, assets FROM asset_class_counts WHERE assets <> 0
               EXCEPT SELECT unit_path, class_code, count(*)::int FROM assets WHERE status = 'active' GROUP BY 1, 2)) x`,
      );
      expect(r!.wrong).toBe(0);
    };
    await check(); // the demo's assets, inserted through the triggers
    const ids = (
      await queryRows<{ id: string }>(db, sql`SELECT id::text FROM assets WHERE status = 'active' ORDER BY id LIMIT 6`)
    ).map((r) => r.id);
    const [other] = await queryRows<{ path: string; id: string }>(
      db,
      sql`SELECT path, id::text FROM org_units WHERE id = ${unit['DEMO-APAC']}::uuid`,
    );
    await db.execute(sql`UPDATE assets SET class_code = 'public' WHERE id IN (${ids[0]}::uuid, ${ids[1]}::uuid)`);
    await db.execute(sql`UPDATE assets SET status = 'disposed' WHERE id = ${ids[2]}::uuid`);
    await db.execute(sql`UPDATE assets SET unit_id = ${other!.id}::uuid, unit_path = ${other!.path} WHERE id = ${ids[3]}::uuid`);
    await db.execute(sql`UPDATE assets SET location = location || ' ' WHERE id = ${ids[4]}::uuid`);
    await check();
    const copies = await queryRows<{ id: string }>(
      db,
      sql`INSERT INTO assets (unit_id, unit_path, name, kind, owner_id, class_code, confidentiality, integrity, availability, search_text)
          SELECT unit_id, unit_path, name || ' (copy)', kind, owner_id, class_code, confidentiality, integrity, availability, search_text
            FROM assets WHERE id IN (${ids[4]}::uuid, ${ids[5]}::uuid) RETURNING id::text`,
    );
    await check();
    await db.execute(sql`DELETE FROM assets WHERE id IN (${copies[0]!.id}::uuid, ${copies[1]!.id}::uuid)`);
    await check();
    // the overview, computed afresh, follows
    clearGroupOverviewCache();
    const o = json<GroupOverview>(await as(t.app, holdingOffice).get('/api/group-overview'));
    const apac = o.figures.find((f) => f.source === 'assets.byClass')!.companies.find((c) => c.unitId === unit['DEMO-APAC'])!;
    const rows = await ledgerByClass(other!.path);
    expect(apac.rows.map((r) => [r.key, r.values[0]])).toEqual(rows.map((r) => [r.class_code, r.n]));
  });
});

async function pathsOf(ids: string[]): Promise<Record<string, string>> {
  const rows = await t.database.db
    .select({ id: orgUnits.id, path: orgUnits.path })
    .from(orgUnits)
    .where(inArray(orgUnits.id, ids));
  return Object.fromEntries(rows.map((r) => [r.id, r.path]));
}

const ledgerByClass = (path: string) =>
  queryRows<{ class_code: string; n: number }>(
    t.database.db,
    sql`SELECT class_code, count(*)::int AS n FROM assets WHERE status = 'active' AND unit_path LIKE ${path + '%'} GROUP BY 1 ORDER BY 1`,
  );
