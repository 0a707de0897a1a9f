import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { people } from '../org/tables';
import { partners } from '../partners/tables';

/**
 * A small group for the certification and group-incident tests: holding H with operating companies A and B
 * (each a company unit with a site and a department), offices per company, people in each, a partner account.
 */
export interface GroupWorld {
  t: TestApp;
  units: { holding: string; a: string; siteA: string; deptA: string; b: string; siteB: string; deptB: string };
  office: TestUser;
  officeA: TestUser;
  officeB: TestUser;
  csirtHolding: TestUser;
  csirtA: TestUser;
  csirtB: TestUser;
  ciso: TestUser;
  employeeA: TestUser;
  employeeB: TestUser;
  partner: TestUser;
}

const unit = (parentId: string | null, code: string, kind: string) => ({
  parentId,
  code,
  kind,
  nameJa: `組織 ${code}`,
  nameEn: `Unit ${code}`,
});

export async function groupWorld(): Promise<GroupWorld> {
  const t = await createTestApp();
  const office = await createUser(t.database, [{ role: 'security_office' }]);
  const post = async (body: unknown) => json<{ id: string }>(await as(t.app, office).post('/api/org-units', body)).id;
  const holding = await post(unit(null, 'H', 'company'));
  const a = await post(unit(holding, 'H-A', 'company'));
  const siteA = await post(unit(a, 'H-A-S', 'site'));
  const deptA = await post(unit(siteA, 'H-A-S-D', 'department'));
  const b = await post(unit(holding, 'H-B', 'company'));
  const siteB = await post(unit(b, 'H-B-S', 'site'));
  const deptB = await post(unit(siteB, 'H-B-S-D', 'department'));
  const person = async (no: string, orgUnitId: string) => {
    const [p] = await t.database.db
      .insert(people)
      .values({ employeeNo: no, nameJa: `鈴木 ${no}`, nameEn: `Suzuki ${no}`, kind: 'employee', orgUnitId })
      .returning();
    return p!.id;
  };
  const [partner] = await t.database.db
    .insert(partners)
    .values({ nameJa: '取引先', nameEn: 'Partner', country: 'JP', tier: 'low' })
    .returning();
  return {
    t,
    units: { holding, a, siteA, deptA, b, siteB, deptB },
    office,
    officeA: await createUser(t.database, [{ role: 'site_security_office', orgUnitId: a }]),
    officeB: await createUser(t.database, [{ role: 'site_security_office', orgUnitId: b }]),
    csirtHolding: await createUser(t.database, [{ role: 'csirt_member', orgUnitId: holding }]),
    csirtA: await createUser(t.database, [{ role: 'csirt_member', orgUnitId: a }]),
    csirtB: await createUser(t.database, [{ role: 'csirt_member', orgUnitId: b }]),
    ciso: await createUser(t.database, [{ role: 'ciso' }]),
    employeeA: await createUser(t.database, [{ role: 'employee' }], { personId: await person('GA1', deptA) }),
    employeeB: await createUser(t.database, [{ role: 'employee' }], { personId: await person('GB1', deptB) }),
    partner: await createUser(t.database, [{ role: 'partner_user' }], { partnerId: partner!.id }),
  };
}
