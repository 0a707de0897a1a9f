import { people } from '../org/tables';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';

/**
 * A small group for the incident tests: company G with sites A and B, a department in A; a reporter
 * and a colleague in that department, its head, each site's office, the group office, CSIRT, an auditor.
 */
export interface IncidentWorld {
  t: TestApp;
  units: { group: string; siteA: string; deptA: string; siteB: string };
  office: TestUser;
  officeA: TestUser;
  officeB: TestUser;
  headA: TestUser;
  reporter: TestUser;
  colleague: TestUser;
  helper: TestUser;
  auditor: TestUser;
}

const unit = (parentId: string | null, code: string, kind: string) => ({
  parentId,
  code,
  kind,
  nameJa: `組織 ${code}`,
  nameEn: `Unit ${code}`,
});

export async function incidentWorld(): Promise<IncidentWorld> {
  const t = await createTestApp();
  const office = await createUser(t.database, [{ role: 'security_office' }]);
  const post = async (body: unknown) => json<{ id: string }>(await as(t.app, office).post('/api/org-units', body)).id;
  const group = await post(unit(null, 'G', 'company'));
  const siteA = await post(unit(group, 'SA', 'site'));
  const siteB = await post(unit(group, 'SB', 'site'));
  const deptA = await post(unit(siteA, 'SA-D1', 'department'));
  const person = async (no: string) => {
    const [p] = await t.database.db
      .insert(people)
      .values({ employeeNo: no, nameJa: `山田 ${no}`, nameEn: `Taro Yamada ${no}`, kind: 'employee', orgUnitId: deptA })
      .returning();
    return p!.id;
  };
  return {
    t,
    units: { group, siteA, deptA, siteB },
    office,
    officeA: await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteA }]),
    officeB: await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteB }]),
    headA: await createUser(t.database, [{ role: 'org_head', orgUnitId: deptA }]),
    reporter: await createUser(t.database, [{ role: 'employee', orgUnitId: deptA }], { personId: await person('E1') }),
    colleague: await createUser(t.database, [{ role: 'employee', orgUnitId: deptA }], { personId: await person('E2') }),
    helper: await createUser(t.database, [{ role: 'employee', orgUnitId: siteB }]),
    auditor: await createUser(t.database, [{ role: 'auditor' }]),
  };
}

export const lostLaptop = (over: Record<string, unknown> = {}) => ({
  typeId: 'loss_theft',
  title: 'Laptop lost on the train',
  description: 'Left my laptop on the Osaka loop line; Ms. Tanaka at Aozora Bank was told by phone 06-1234-5678.',
  discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
  location: 'JR Osaka loop line',
  information: 'Customer list of Aozora Bank: 1,200 names and addresses',
  personalData: true,
  personCount: 1200,
  countries: ['JP'],
  dataKinds: ['ordinary'],
  customers: [{ name: 'Aozora Bank', within: { amount: 24, unit: 'hours' } }],
  language: 'en',
  ...over,
});
