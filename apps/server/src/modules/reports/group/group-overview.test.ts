import type { Dashboard, GroupOverview } from '@mamori/contracts';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partners } from '../../partners/tables';
import { orgUnits } from '../../org/tables';
import { as, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { createDemoTestApp } from '../../../test/demo';
import { GROUP_OVERVIEW_SOURCES } from './service';

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
});
