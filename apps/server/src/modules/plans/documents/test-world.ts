import { people } from '../../org/tables';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { makePartner } from '../../partners/testing';

/**
 * A small group for the governance tests: company G with sites A and B, a department in A; the group office, site A's
 * office, the CISO, the department's head, two employees of the department (people with accounts), an employee of
 * site B, an auditor and a partner account.
 */
export interface GovWorld {
  t: TestApp;
  units: { group: string; siteA: string; deptA: string; siteB: string };
  office: TestUser;
  officeA: TestUser;
  ciso: TestUser;
  headA: TestUser;
  employeeA: TestUser;
  employeeA2: TestUser;
  employeeB: TestUser;
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
let seq = 0;

export async function govWorld(): Promise<GovWorld> {
  const t = await createTestApp();
  const office = await createUser(t.database, [{ role: 'security_office' }]);
  const post = async (body: unknown) => json<{ id: string }>(await as(t.app, office).post('/api/org-units', body)).id;
  const group = await post(unit(null, 'G', 'company'));
  const siteA = await post(unit(group, 'SA', 'site'));
  const siteB = await post(unit(group, 'SB', 'site'));
  const deptA = await post(unit(siteA, 'SA-D1', 'department'));
  const person = async (orgUnitId: string) => {
    const n = ++seq;
    const [p] = await t.database.db
      .insert(people)
      .values({ employeeNo: `E${n}`, nameJa: `社員 ${n}`, nameEn: `Employee ${n}`, kind: 'employee', orgUnitId })
      .returning();
    return p!.id;
  };
  const p = await makePartner(t.app, office, 'P1');
  return {
    t,
    units: { group, siteA, deptA, siteB },
    office,
    officeA: await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteA }]),
    ciso: await createUser(t.database, [{ role: 'ciso' }]),
    headA: await createUser(t.database, [{ role: 'org_head', orgUnitId: deptA }], { personId: await person(deptA) }),
    employeeA: await createUser(t.database, [{ role: 'employee', orgUnitId: deptA }], { personId: await person(deptA) }),
    employeeA2: await createUser(t.database, [{ role: 'employee', orgUnitId: deptA }], { personId: await person(deptA) }),
    employeeB: await createUser(t.database, [{ role: 'employee', orgUnitId: siteB }], { personId: await person(siteB) }),
    auditor: await createUser(t.database, [{ role: 'auditor' }]),
    partner: await createUser(t.database, [{ role: 'partner_user' }], { partnerId: p.id }),
  };
}

export interface DocView {
  id: string;
  rowVersion: number;
  publishedVersion: number | null;
  openVersion: { number: number; status: string } | null;
  acknowledged: boolean | null;
  reviewDueOn: string | null;
  versions: { number: number; status: string }[];
}

/** Creates a document through the API and takes its first version to published (office submits, CISO approves). */
export async function publishedDocument(w: GovWorld, body: Record<string, unknown>) {
  const res = await as(w.t.app, w.office).post('/api/documents', {
    kind: 'guide',
    titleJa: '持ち出し手引書',
    titleEn: 'Take-out guide',
    bodyJa: '# 持ち出し\n承認を得てから持ち出します。',
    bodyEn: '# Take-outs\nAsk for approval before taking anything out.',
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(`create: ${res.statusCode} ${res.body}`);
  const doc = json<DocView>(res);
  for (const [user, step] of [
    [w.office, 'submit'],
    [w.ciso, 'approve'],
    [w.office, 'publish'],
  ] as const) {
    const r = await as(w.t.app, user).post(`/api/documents/${doc.id}/versions/1/${step}`);
    if (r.statusCode !== 200) throw new Error(`${step}: ${r.statusCode} ${r.body}`);
  }
  return doc;
}
