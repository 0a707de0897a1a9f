import { orgUnits, people } from '../org/tables';
import { partners } from '../partners/tables';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { eq } from 'drizzle-orm';

/**
 * A small group for the training tests: company G with site A (department A1 with a head, a hire and an employee)
 * and site B (department B1 with a head and an employee). The security office, a site office for A, a temporary
 * staff member in A1 and a partner account.
 */
export interface TrainingWorld {
  t: TestApp;
  units: { group: string; siteA: string; deptA: string; siteB: string; deptB: string };
  office: TestUser;
  officeA: TestUser;
  headA: TestUser;
  headB: TestUser;
  employee: TestUser;
  employeeB: TestUser;
  temp: TestUser;
  partner: TestUser;
  person: { employee: string; employeeB: string; temp: string; headA: string };
}

const unit = (parentId: string | null, code: string, kind: string) => ({
  parentId,
  code,
  kind,
  nameJa: `組織 ${code}`,
  nameEn: `Unit ${code}`,
});

export async function trainingWorld(): Promise<TrainingWorld> {
  const t = await createTestApp();
  const db = t.database.db;
  const office = await createUser(t.database, [{ role: 'security_office' }]);
  const post = async (body: unknown) => json<{ id: string }>(await as(t.app, office).post('/api/org-units', body)).id;
  const group = await post(unit(null, 'G', 'company'));
  const siteA = await post(unit(group, 'SA', 'site'));
  const siteB = await post(unit(group, 'SB', 'site'));
  const deptA = await post(unit(siteA, 'SA-D1', 'department'));
  const deptB = await post(unit(siteB, 'SB-D1', 'department'));
  const person = async (no: string, orgUnitId: string, kind: 'employee' | 'temporary' = 'employee') => {
    const [p] = await db
      .insert(people)
      .values({
        employeeNo: no,
        nameJa: `山田 ${no}`,
        nameEn: `Taro Yamada ${no}`,
        kind,
        orgUnitId,
        email: `${no.toLowerCase()}@example.test`,
      })
      .returning();
    return p!.id;
  };
  const ids = {
    employee: await person('E1', deptA),
    employeeB: await person('E2', deptB),
    temp: await person('T1', deptA, 'temporary'),
    headA: await person('H1', deptA),
  };
  const [company] = await db
    .insert(partners)
    .values({ nameJa: '取引先', nameEn: 'Partner', country: 'JP', tier: 'low' })
    .returning();
  return {
    t,
    units: { group, siteA, deptA, siteB, deptB },
    office,
    officeA: await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteA }]),
    headA: await createUser(t.database, [{ role: 'org_head', orgUnitId: deptA }], { personId: ids.headA }),
    headB: await createUser(t.database, [{ role: 'org_head', orgUnitId: deptB }], { personId: await person('H2', deptB) }),
    employee: await createUser(t.database, [{ role: 'employee', orgUnitId: deptA }], { personId: ids.employee }),
    employeeB: await createUser(t.database, [{ role: 'employee', orgUnitId: deptB }], { personId: ids.employeeB }),
    temp: await createUser(t.database, [{ role: 'employee', orgUnitId: deptA }], { personId: ids.temp }),
    partner: await createUser(t.database, [{ role: 'partner_user' }], { partnerId: company!.id }),
    person: ids,
  };
}

export const unitPathOf = async (w: TrainingWorld, id: string) =>
  (await w.t.database.db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, id)))[0]!.path;

export const quizCourse = (code: string, over: Record<string, unknown> = {}) => ({
  code,
  category: 'other',
  validityMonths: 12,
  content: {
    titleJa: `講座 ${code}`,
    titleEn: `Course ${code}`,
    bodyJa: '本文',
    bodyEn: 'Body',
    quiz: {
      passMark: 100,
      randomOrder: true,
      maxAttempts: 3,
      questions: [
        {
          id: 'q1',
          kind: 'single',
          textJa: '問1',
          textEn: 'Q1',
          options: [
            { id: 'a', textJa: 'あ', textEn: 'A', correct: true },
            { id: 'b', textJa: 'い', textEn: 'B', correct: false },
          ],
        },
        {
          id: 'q2',
          kind: 'multiple',
          textJa: '問2',
          textEn: 'Q2',
          options: [
            { id: 'a', textJa: 'あ', textEn: 'A', correct: true },
            { id: 'b', textJa: 'い', textEn: 'B', correct: true },
            { id: 'c', textJa: 'う', textEn: 'C', correct: false },
          ],
        },
      ],
    },
  },
  ...over,
});

export const RIGHT = {
  answers: [
    { questionId: 'q1', optionIds: ['a'] },
    { questionId: 'q2', optionIds: ['a', 'b'] },
  ],
};
export const WRONG = {
  answers: [
    { questionId: 'q1', optionIds: ['b'] },
    { questionId: 'q2', optionIds: ['a', 'b'] },
  ],
};
