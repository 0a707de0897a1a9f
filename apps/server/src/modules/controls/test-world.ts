import { eq } from 'drizzle-orm';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { makePartner } from '../partners/testing';
import { soaEntries, soaVersions } from './tables';

/**
 * A small group for the controls tests: company G with sites A and B, a department in A; the group office, each
 * site's office, the CISO, the department's head and promotion leader, an employee, an auditor, a partner account.
 */
export interface ControlsWorld {
  t: TestApp;
  units: { group: string; siteA: string; deptA: string; siteB: string };
  office: TestUser;
  officeA: TestUser;
  officeB: TestUser;
  ciso: TestUser;
  headA: TestUser;
  leaderA: TestUser;
  employee: TestUser;
  auditor: TestUser;
  partner: TestUser;
}

const unit = (parentId: string | null, code: string, kind: string) => ({
  parentId,
  code,
  kind,
  nameJa: `組織 ${code}`,
  nameEn: `Unit ${code}`,
});

export async function controlsWorld(): Promise<ControlsWorld> {
  const t = await createTestApp();
  const office = await createUser(t.database, [{ role: 'security_office' }]);
  const post = async (body: unknown) => json<{ id: string }>(await as(t.app, office).post('/api/org-units', body)).id;
  const group = await post(unit(null, 'G', 'company'));
  const siteA = await post(unit(group, 'SA', 'site'));
  const siteB = await post(unit(group, 'SB', 'site'));
  const deptA = await post(unit(siteA, 'SA-D1', 'department'));
  const p = await makePartner(t.app, office, 'P1');
  return {
    t,
    units: { group, siteA, deptA, siteB },
    office,
    officeA: await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteA }]),
    officeB: await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteB }]),
    ciso: await createUser(t.database, [{ role: 'ciso' }]),
    headA: await createUser(t.database, [{ role: 'org_head', orgUnitId: deptA }]),
    leaderA: await createUser(t.database, [{ role: 'promotion_leader', orgUnitId: deptA }]),
    employee: await createUser(t.database, [{ role: 'employee', orgUnitId: deptA }]),
    auditor: await createUser(t.database, [{ role: 'auditor' }]),
    partner: await createUser(t.database, [{ role: 'partner_user' }], { partnerId: p.id }),
  };
}

export interface VersionView {
  id: string;
  soaId: string;
  number: number;
  status: string;
  rowVersion: number;
  approvedBy: { name: string } | null;
  entries: { controlId: string; applicable: boolean | null; justification: string; status: string; policies: string[] }[];
}

/** Creates the SoA of a scope through the API (as the given office) and answers its first version. */
export async function createSoa(w: ControlsWorld, scopeUnitId: string, by = w.office) {
  const res = await as(w.t.app, by).post('/api/soa', { scopeUnitId });
  if (res.statusCode !== 201) throw new Error(`create SoA: ${res.statusCode} ${res.body}`);
  return json<VersionView>(res);
}

/** Test set-up shortcut: every control of a draft decided (applicable, implemented) straight in the database. */
export async function decideAll(w: ControlsWorld, versionId: string) {
  await w.t.database.db
    .update(soaEntries)
    .set({ applicable: true, status: 'implemented', justification: 'Required by our risk assessment' })
    .where(eq(soaEntries.versionId, versionId));
  await w.t.database.db.update(soaVersions).set({ updatedAt: new Date() }).where(eq(soaVersions.id, versionId));
}
