import { eq } from 'drizzle-orm';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { assets } from '../assets/tables';
import { orgUnits, people } from '../org/tables';
import { partners } from '../partners/tables';

/**
 * A small group for the risk tests: company G with sites A and B, a department in A. The department's head owns
 * risks (a person with an account), a promotion leader keeps the department's register, each site has its office,
 * the group office configures the method; a CISO and an auditor read; an employee and a partner account see nothing.
 * One asset in the department and one in site B.
 */
export interface RiskWorld {
  t: TestApp;
  units: { group: string; siteA: string; deptA: string; siteB: string };
  office: TestUser;
  officeA: TestUser;
  officeB: TestUser;
  headA: TestUser;
  leaderA: TestUser;
  ciso: TestUser;
  auditor: TestUser;
  employee: TestUser;
  partner: TestUser;
  people: { headA: string; leaderA: string };
  assets: { deptA: string; siteB: string };
}

const unit = (parentId: string | null, code: string, kind: string) => ({
  parentId,
  code,
  kind,
  nameJa: `組織 ${code}`,
  nameEn: `Unit ${code}`,
});

export async function riskWorld(): Promise<RiskWorld> {
  const t = await createTestApp();
  const db = t.database.db;
  const office = await createUser(t.database, [{ role: 'security_office' }]);
  const post = async (body: unknown) => json<{ id: string }>(await as(t.app, office).post('/api/org-units', body)).id;
  const group = await post(unit(null, 'G', 'company'));
  const siteA = await post(unit(group, 'SA', 'site'));
  const siteB = await post(unit(group, 'SB', 'site'));
  const deptA = await post(unit(siteA, 'SA-D1', 'department'));
  const person = async (no: string, orgUnitId: string) => {
    const [p] = await db
      .insert(people)
      .values({ employeeNo: no, nameJa: `佐藤 ${no}`, nameEn: `Hana Sato ${no}`, kind: 'employee', orgUnitId })
      .returning();
    return p!.id;
  };
  const headPerson = await person('H1', deptA);
  const leaderPerson = await person('L1', deptA);
  const asset = async (unitId: string, name: string) => {
    const [u] = await db.select().from(orgUnits).where(eq(orgUnits.id, unitId));
    const [a] = await db
      .insert(assets)
      .values({
        unitId,
        unitPath: u!.path,
        name,
        kind: 'electronic',
        ownerId: headPerson,
        classCode: 'confidential',
        confidentiality: 3,
        integrity: 2,
        availability: 2,
      })
      .returning();
    return a!.id;
  };
  const [company] = await db
    .insert(partners)
    .values({ nameJa: '取引先', nameEn: 'Partner', country: 'JP', tier: 'low' })
    .returning();
  return {
    t,
    units: { group, siteA, deptA, siteB },
    office,
    officeA: await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteA }]),
    officeB: await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteB }]),
    headA: await createUser(t.database, [{ role: 'org_head', orgUnitId: deptA }], { personId: headPerson }),
    leaderA: await createUser(t.database, [{ role: 'promotion_leader', orgUnitId: deptA }], { personId: leaderPerson }),
    ciso: await createUser(t.database, [{ role: 'ciso' }]),
    auditor: await createUser(t.database, [{ role: 'auditor' }]),
    employee: await createUser(t.database, [{ role: 'employee', orgUnitId: deptA }]),
    partner: await createUser(t.database, [{ role: 'partner_user' }], { partnerId: company!.id }),
    people: { headA: headPerson, leaderA: leaderPerson },
    assets: { deptA: await asset(deptA, 'Customer drawings'), siteB: await asset(siteB, 'Site B price list') },
  };
}

/** A risk of the department, owned by its head: inherent 4 × 4, residual 2 × 2 (low under the default method). */
export const drawingLeak = (w: RiskWorld, over: Record<string, unknown> = {}) => ({
  unitId: w.units.deptA,
  title: 'Customer drawings sent to the wrong partner',
  assetIds: [w.assets.deptA],
  threatId: 'misdirected_mail',
  vulnerability: 'No check of the recipient before sending',
  inherentLikelihood: 4,
  inherentImpact: 4,
  controlIds: ['5.14', '8.12'],
  residualLikelihood: 2,
  residualImpact: 2,
  treatment: 'reduce',
  plan: 'Send drawings only through the partner portal',
  ownerId: w.people.headA,
  dueDate: '2027-03-31',
  ...over,
});
