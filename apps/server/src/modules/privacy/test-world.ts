import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { as, createUser, json, type TestUser } from '../../test/app';
import { assetWorld, type AssetWorld } from '../assets/take-outs/test-world';
import { partners } from '../partners/tables';
import { orgUnits, people } from '../org/tables';
import { trainingAssignments } from '../training/tables';
import { quizCourse } from '../training/test-world';

/**
 * The privacy tests' world (register.test.ts, requests.test.ts): the asset world, privacy officers group-wide and of
 * site A, a promotion leader of department B, a personal-data course with a handler who passed it, a processor.
 */
export async function privacyWorld() {
  const w: AssetWorld = await assetWorld();
  const db = w.t.database.db;
  const officer = await createUser(w.t.database, [{ role: 'privacy_officer' }]);
  const officerA = await createUser(w.t.database, [{ role: 'privacy_officer', orgUnitId: w.units.siteA }]);
  const leaderB = await createUser(w.t.database, [{ role: 'promotion_leader', orgUnitId: w.units.deptB }]);
  const office = await createUser(w.t.database, [{ role: 'security_office' }]);
  const pdCourse = json<{ id: string }>(
    await as(w.t.app, office).post('/api/courses', quizCourse('PD-TEST', { category: 'personal_data' })),
  ).id;
  expect((await as(w.t.app, office).post(`/api/courses/${pdCourse}/publish`)).statusCode).toBe(200);

  /** Gives a person an assignment of the personal-data course: passed (valid until `expiresOn`) or open. */
  async function assignPd(personId: string, passed: { expiresOn: string } | null) {
    const [unit] = await db.select().from(orgUnits).where(eq(orgUnits.id, w.units.deptA));
    const [row] = await db
      .insert(trainingAssignments)
      .values({
        personId,
        courseId: pdCourse,
        unitId: w.units.deptA,
        unitPath: unit!.path,
        dueOn: '2026-12-31',
        ...(passed ? { status: 'passed' as const, score: 100, passedAt: new Date(), expiresOn: passed.expiresOn } : {}),
      })
      .returning();
    return row!.id;
  }

  async function newPerson(no: string, nameEn: string) {
    const [p] = await db
      .insert(people)
      .values({ employeeNo: no, nameJa: `取扱 ${no}`, nameEn, kind: 'employee', orgUnitId: w.units.deptA })
      .returning();
    return p!.id;
  }

  // the register's usual handler has passed the personal-data course (a handler must have)
  const handler = await newPerson('H1', 'Hanako Sato');
  await assignPd(handler, { expiresOn: '2099-12-31' });
  const [c] = await db.select().from(partners).limit(1);
  const processor = c!.id;

  const entry = (over: Record<string, unknown> = {}) => ({
    unitId: w.units.deptA,
    service: 'Online shop members',
    purpose: 'To ship orders and answer enquiries, as published in the privacy notice',
    subjectKinds: ['customers'],
    subjectCount: 12000,
    subjectCountries: ['JP'],
    categories: ['identity', 'contact', 'purchase'],
    source: 'Sign-up form',
    storageAssetIds: [w.asset.confidential],
    retention: '5 years after the last order',
    deletion: 'Deleted by the nightly job',
    handlerPersonIds: [handler],
    processorPartnerIds: [processor],
    transfers: [],
    ...over,
  });
  const create = async (user: TestUser, over: Record<string, unknown> = {}) =>
    as(w.t.app, user).post('/api/processing-activities', entry(over));

  return { w, officer, officerA, leaderB, handler, processor, pdCourse, assignPd, newPerson, entry, create };
}
export type PrivacyWorld = Awaited<ReturnType<typeof privacyWorld>>;
