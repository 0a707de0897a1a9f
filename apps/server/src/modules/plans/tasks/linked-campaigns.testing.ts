import { eq } from 'drizzle-orm';
import { assetReviews, assetReviewUnits } from '../../assets/reviews/tables';
import { orgUnits, people } from '../../org/tables';
import { partnerAssessments, partnerCampaigns } from '../../partners/assessment-tables';
import { partnerOrgUnits } from '../../partners/tables';
import { makePartner } from '../../partners/testing';
import { drillRecipients, drills, drillTemplates } from '../../training/drills/tables';
import { trainingAssignments, trainingCourses, trainingCourseVersions } from '../../training/tables';
import type { PlansWorld } from '../test-world';

/**
 * The campaigns that plan tasks link to, written straight into the other modules' tables as their own flows would
 * leave them (for linked.test.ts): an inventory with A1 and its section confirmed, A2 pending and B1 confirmed;
 * check sheets submitted by A1's and B1's partners, A1's section's still a draft; a course passed by 80 % of A1 and
 * 50 % of B1; a drill sent to site A's people only.
 */
export interface LinkedCampaigns {
  review: string;
  campaign: string;
  course: string;
  drill: string;
}

export const at = (d: string) => new Date(`${d}T09:00:00+09:00`);

const pathOf = async (w: PlansWorld, id: string) =>
  (await w.t.database.db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, id)))[0]!.path;

let personSeq = 0;
async function person(w: PlansWorld, unitId: string) {
  const [p] = await w.t.database.db
    .insert(people)
    .values({
      employeeNo: `L${++personSeq}`,
      nameJa: `社員 ${personSeq}`,
      nameEn: `Person ${personSeq}`,
      kind: 'employee',
      orgUnitId: unitId,
    })
    .returning({ id: people.id });
  return p!.id;
}

export async function linkedCampaigns(w: PlansWorld): Promise<LinkedCampaigns> {
  const ids: LinkedCampaigns = { review: '', campaign: '', course: '', drill: '' };
  const db = w.t.database.db;
  const u = w.units;
  // the inventory: A1 and its section confirmed, A2 pending, B1 confirmed
  const [review] = await db
    .insert(assetReviews)
    .values({ titleJa: '2026年度 棚卸し', titleEn: 'FY2026 inventory', units: 'all', dueOn: '2026-06-30', unitCount: 4 })
    .returning({ id: assetReviews.id });
  ids.review = review!.id;
  const unitRow = async (unitId: string, siteId: string, confirmedOn: string | null) =>
    db.insert(assetReviewUnits).values({
      reviewId: ids.review,
      unitId,
      unitPath: await pathOf(w, unitId),
      unitCode: unitId.slice(0, 8),
      siteId,
      status: confirmedOn ? 'confirmed' : 'pending',
      confirmedAt: confirmedOn ? at(confirmedOn) : null,
    });
  await unitRow(u.deptA1, u.siteA, '2026-05-10');
  await unitRow(u.secA1, u.siteA, '2026-05-20');
  await unitRow(u.deptA2, u.siteA, null);
  await unitRow(u.deptB1, u.siteB, '2026-06-01');

  // check sheets: A1's partner submitted, its section's partner still drafting; B1's partner submitted; A2 has none
  const [campaign] = await db
    .insert(partnerCampaigns)
    .values({ name: 'FY2026 check sheets', catalogVersion: 1, dueOn: '2026-09-30', reminderDays: [] })
    .returning({ id: partnerCampaigns.id });
  ids.campaign = campaign!.id;
  const sheet = async (n: string, unitId: string, submittedOn: string | null) => {
    const p = await makePartner(w.t.app, w.office, n);
    await db.insert(partnerOrgUnits).values({ partnerId: p.id, orgUnitId: unitId });
    const [s] = await db
      .insert(partnerAssessments)
      .values({
        partnerId: p.id,
        campaignId: ids.campaign,
        catalogVersion: 1,
        requirementIds: [],
        tier: 'low',
        status: submittedOn ? 'submitted' : 'draft',
        dueOn: '2026-09-30',
        submittedAt: submittedOn ? at(submittedOn) : null,
      })
      .returning({ id: partnerAssessments.id });
    return s!.id;
  };
  await sheet('LA1', u.deptA1, '2026-07-01');
  await sheet('LS1', u.secA1, null);
  await sheet('LB1', u.deptB1, '2026-07-15');

  // training: A1 has five members, four passed (80 %); B1 two, one passed (50 %)
  const [course] = await db
    .insert(trainingCourses)
    .values({ code: 'SEC-2026', category: 'organisation', publishedVersion: 1 })
    .returning({ id: trainingCourses.id });
  ids.course = course!.id;
  await db.insert(trainingCourseVersions).values({
    courseId: ids.course,
    version: 1,
    status: 'published',
    publishedAt: at('2026-04-01'),
    content: { titleJa: '情報セキュリティ基礎', titleEn: 'Security basics', bodyJa: '', bodyEn: '', videoUrl: null, quiz: null },
  });
  const assign = async (unitId: string, passedOn: string | null) =>
    db.insert(trainingAssignments).values({
      personId: await person(w, unitId),
      courseId: ids.course,
      unitId,
      unitPath: await pathOf(w, unitId),
      dueOn: '2026-10-31',
      status: passedOn ? 'passed' : 'assigned',
      passedAt: passedOn ? at(passedOn) : null,
    });
  for (const d of ['2026-08-01', '2026-08-02', '2026-08-03', '2026-08-04', null]) await assign(u.deptA1, d);
  for (const d of ['2026-08-05', null]) await assign(u.deptB1, d);

  // the drill went to site A's people only
  const [drill] = await db
    .insert(drills)
    .values({
      name: 'FY2026 drill',
      status: 'done',
      windowStart: at('2026-11-10'),
      windowHours: 4,
      fiscalYear: 2026,
      targets: [],
    })
    .returning({ id: drills.id });
  ids.drill = drill!.id;
  const [tpl] = await db
    .insert(drillTemplates)
    .values({
      drillId: ids.drill,
      position: 1,
      senderNameJa: '総務',
      subjectJa: 'お知らせ',
      bodyJa: '本文',
      senderNameEn: 'Admin',
      subjectEn: 'Notice',
      bodyEn: 'Body',
    })
    .returning({ id: drillTemplates.id });
  await db.insert(drillRecipients).values({
    drillId: ids.drill,
    templateId: tpl!.id,
    personId: await person(w, u.secA1),
    email: 'a@example.test',
    lang: 'ja',
    unitId: u.secA1,
    unitPath: await pathOf(w, u.secA1),
    roleGroup: 'staff',
    sendAt: at('2026-11-10'),
    sentAt: at('2026-11-10'),
  });
  return ids;
}
