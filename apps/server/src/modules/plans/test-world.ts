import type { PlanActivityInput } from '@mamori/contracts';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { makePartner } from '../partners/testing';

/**
 * A small group for the plan tests: company G; site A with departments A1 (a section below it) and A2; site B with
 * department B1. The group office, each site's office, the CISO, A1's head, promotion leaders of A1 and B1 (A2 has
 * none), an employee, an auditor and a partner account.
 */
export interface PlansWorld {
  t: TestApp;
  units: { group: string; siteA: string; deptA1: string; secA1: string; deptA2: string; siteB: string; deptB1: string };
  office: TestUser;
  officeA: TestUser;
  officeB: TestUser;
  ciso: TestUser;
  headA1: TestUser;
  leaderA1: TestUser;
  leaderB1: TestUser;
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

export async function plansWorld(): Promise<PlansWorld> {
  const t = await createTestApp();
  const office = await createUser(t.database, [{ role: 'security_office' }]);
  const post = async (body: unknown) => json<{ id: string }>(await as(t.app, office).post('/api/org-units', body)).id;
  const group = await post(unit(null, 'G', 'company'));
  const siteA = await post(unit(group, 'SA', 'site'));
  const siteB = await post(unit(group, 'SB', 'site'));
  const deptA1 = await post(unit(siteA, 'SA-D1', 'department'));
  const secA1 = await post(unit(deptA1, 'SA-D1-S1', 'section'));
  const deptA2 = await post(unit(siteA, 'SA-D2', 'department'));
  const deptB1 = await post(unit(siteB, 'SB-D1', 'department'));
  const p = await makePartner(t.app, office, 'P1');
  return {
    t,
    units: { group, siteA, deptA1, secA1, deptA2, siteB, deptB1 },
    office,
    officeA: await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteA }]),
    officeB: await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteB }]),
    ciso: await createUser(t.database, [{ role: 'ciso' }]),
    headA1: await createUser(t.database, [{ role: 'org_head', orgUnitId: deptA1 }]),
    leaderA1: await createUser(t.database, [{ role: 'promotion_leader', orgUnitId: deptA1 }]),
    leaderB1: await createUser(t.database, [{ role: 'promotion_leader', orgUnitId: deptB1 }]),
    employee: await createUser(t.database, [{ role: 'employee', orgUnitId: deptA1 }]),
    auditor: await createUser(t.database, [{ role: 'auditor' }]),
    partner: await createUser(t.database, [{ role: 'partner_user' }], { partnerId: p.id }),
  };
}

export const activity = (over: Partial<PlanActivityInput> & Pick<PlanActivityInput, 'unitRoots'>): PlanActivityInput => ({
  kind: 'asset_inventory',
  phase: 'plan',
  titleJa: '情報資産の棚卸し',
  titleEn: 'Asset inventory',
  startDate: null,
  dueDate: '2026-06-30',
  guide: 'Asset management guide, chapter 3',
  guideUrl: '',
  unitKinds: ['department'],
  roles: ['promotion_leader'],
  evidence: 'file',
  linkKind: null,
  linkRef: '',
  ...over,
});

export interface PlanView {
  id: string;
  fiscalYear: number;
  version: number;
  status: string;
  rowVersion: number;
  activities: {
    id: string;
    key: string;
    kind: string;
    dueDate: string;
    startDate: string | null;
    title: { ja: string; en: string };
  }[];
  tasksCreated?: number;
  tasksCancelled?: number;
}

export interface TaskView {
  id: string;
  status: string;
  rowVersion: number;
  unit: { id: string };
  activity: { id: string; evidence: string };
  assignees: { id: string }[];
  files: { id: string; name: string }[];
  comment: string;
}

/** A draft with the given activities, through the API as the group office. */
export async function draftPlan(w: PlansWorld, fiscalYear: number, activities: PlanActivityInput[]) {
  const created = await as(w.t.app, w.office).post('/api/plans', {
    fiscalYear,
    titleJa: `${fiscalYear}年度 年間活動計画`,
    titleEn: `FY${fiscalYear} plan`,
  });
  if (created.statusCode !== 201) throw new Error(`create plan: ${created.statusCode} ${created.body}`);
  const plan = json<PlanView>(created);
  const res = await as(w.t.app, w.office).patch(`/api/plans/${plan.id}`, { activities });
  if (res.statusCode !== 200) throw new Error(`update plan: ${res.statusCode} ${res.body}`);
  return json<PlanView>(res);
}

export async function publish(w: PlansWorld, id: string) {
  const res = await as(w.t.app, w.office).post(`/api/plans/${id}/publish`);
  if (res.statusCode !== 200) throw new Error(`publish: ${res.statusCode} ${res.body}`);
  return json<PlanView>(res);
}

export const pdf = {
  name: 'inventory.pdf',
  mediaType: 'application/pdf',
  contentBase64: Buffer.from('%PDF-1.4 evidence').toString('base64'),
};
