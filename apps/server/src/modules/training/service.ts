import type { AttentionItem, CourseCategory } from '@mamori/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import type { Principal } from '../../platform/access/principal';
import { escapeLike, inSubtree, subtreesFrom } from '../../platform/access/scope';
import { meOf, todayJst } from './people';
import { audienceOf, currentPledge, hasValidPledge } from './pledges/pledges';
import { selfCheckCampaigns } from './tables';

/**
 * What other domains may use of training: whether a person holds a valid pass (the privacy register records a
 * personal-data handler only after the course; an auditor's qualification may require a course), whether their
 * pledge is signed, and the signed-in person's open items for the dashboard.
 */

/** True when the person holds a pass, still valid today, of a course of this category. */
export async function hasPassedCourseCategory(db: Db, personId: string, category: CourseCategory): Promise<boolean> {
  const rows = await queryRows<{ ok: number }>(
    db,
    sql`SELECT 1 AS ok FROM training_assignments a JOIN training_courses c ON c.id = a.course_id
         WHERE a.person_id = ${personId}::uuid AND a.status = 'passed' AND c.category = ${category}
           AND (a.expires_on IS NULL OR a.expires_on > ${todayJst()}::date) LIMIT 1`,
  );
  return rows.length > 0;
}

/**
 * For each person: true with a valid pass of a course of this category, false when such a course was assigned to
 * them and is not (or no longer) passed, null when none was ever assigned (the register shows "not known").
 */
export async function courseCategoryStatus(
  db: Db,
  personIds: readonly string[],
  category: CourseCategory,
): Promise<Map<string, boolean | null>> {
  const out = new Map<string, boolean | null>(personIds.map((id) => [id, null]));
  if (personIds.length === 0) return out;
  const rows = await queryRows<{ person_id: string; passed: boolean }>(
    db,
    sql`SELECT a.person_id, bool_or(a.status = 'passed' AND (a.expires_on IS NULL OR a.expires_on > ${todayJst()}::date)) AS passed
          FROM training_assignments a JOIN training_courses c ON c.id = a.course_id
         WHERE a.person_id IN (${sql.join(
           [...new Set(personIds)].map((id) => sql`${id}::uuid`),
           sql`, `,
         )}) AND c.category = ${category}
         GROUP BY a.person_id`,
  );
  for (const r of rows) out.set(r.person_id, r.passed);
  return out;
}

/** True when the person holds a pass, still valid today, of the course with this code (e.g. 'AUDITOR-INTERNAL'). */
export async function coursePassed(db: Db, personId: string, courseCode: string): Promise<boolean> {
  const rows = await queryRows<{ ok: number }>(
    db,
    sql`SELECT 1 AS ok FROM training_assignments a JOIN training_courses c ON c.id = a.course_id
         WHERE a.person_id = ${personId}::uuid AND a.status = 'passed' AND c.code = ${courseCode}
           AND (a.expires_on IS NULL OR a.expires_on > ${todayJst()}::date) LIMIT 1`,
  );
  return rows.length > 0;
}

/**
 * Each person's latest valid pass of the course with this code: the day it was passed (Tokyo) and the day it expires
 * (null: the course has no validity). People without a valid pass are left out. The internal-audit register renews
 * a qualification from training with it.
 */
export async function latestCoursePasses(
  db: Db,
  courseCode: string,
  personIds: readonly string[],
): Promise<Map<string, { passedOn: string; expiresOn: string | null }>> {
  if (personIds.length === 0) return new Map();
  const rows = await queryRows<{ person_id: string; passed_on: string; expires_on: string | null }>(
    db,
    sql`SELECT DISTINCT ON (a.person_id) a.person_id,
               to_char(a.passed_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD') AS passed_on, a.expires_on::text AS expires_on
          FROM training_assignments a JOIN training_courses c ON c.id = a.course_id
         WHERE a.person_id IN (${sql.join(
           [...new Set(personIds)].map((id) => sql`${id}::uuid`),
           sql`, `,
         )}) AND c.code = ${courseCode} AND a.status = 'passed' AND a.passed_at IS NOT NULL
           AND (a.expires_on IS NULL OR a.expires_on > ${todayJst()}::date)
         ORDER BY a.person_id, a.passed_at DESC`,
  );
  return new Map(rows.map((r) => [r.person_id, { passedOn: r.passed_on, expiresOn: r.expires_on }]));
}

/**
 * Training completion now, for the group (`unitPath` null) or a subtree: current assignments, passed ones, open ones
 * past due, and the pass rate (0–1). From the two roll-ups (training_rollup, training_open_due), never a scan of the
 * assignments.
 */
export async function trainingCompletionSummary(
  db: Db,
  unitPath: string | null,
): Promise<{ assigned: number; passed: number; overdue: number; rate: number }> {
  const within = (col: SQL) => (unitPath && unitPath !== '/' ? sql`${col} LIKE ${escapeLike(unitPath) + '%'}` : sql`true`);
  const [r] = await queryRows<{ assigned: number; passed: number }>(
    db,
    sql`SELECT coalesce(sum(assigned), 0)::int AS assigned, coalesce(sum(passed), 0)::int AS passed
          FROM training_rollup WHERE ${within(sql`unit_path`)}`,
  );
  const [o] = await queryRows<{ n: number }>(
    db,
    sql`SELECT coalesce(sum(d.open), 0)::int AS n FROM training_open_due d JOIN org_units u ON u.id = d.unit_id
         WHERE d.due_on < ${todayJst()}::date AND ${within(sql`u.path`)}`,
  );
  const assigned = Number(r?.assigned ?? 0);
  const passed = Number(r?.passed ?? 0);
  return { assigned, passed, overdue: Number(o?.n ?? 0), rate: assigned ? passed / assigned : 0 };
}

/** `trainingCompletionSummary` for several subtrees in one round (two statements), in the order of `paths`. */
export async function trainingCompletionEach(
  db: Db,
  paths: string[],
): Promise<{ assigned: number; passed: number; overdue: number; rate: number }[]> {
  if (!paths.length) return [];
  const done = await queryRows<{ path: string; assigned: number; passed: number }>(
    db,
    sql`SELECT subtree.path, sum(r.assigned)::int AS assigned, sum(r.passed)::int AS passed
          FROM ${subtreesFrom(paths)} JOIN training_rollup r ON ${inSubtree(sql`r.unit_path`)} GROUP BY 1`,
  );
  const late = await queryRows<{ path: string; n: number }>(
    db,
    sql`SELECT subtree.path, sum(d.open)::int AS n
          FROM training_open_due d JOIN org_units u ON u.id = d.unit_id JOIN ${subtreesFrom(paths)} ON ${inSubtree(sql`u.path`)}
         WHERE d.due_on < ${todayJst()}::date GROUP BY 1`,
  );
  return paths.map((p) => {
    const r = done.find((x) => x.path === p);
    const assigned = Number(r?.assigned ?? 0);
    const passed = Number(r?.passed ?? 0);
    const overdue = Number(late.find((x) => x.path === p)?.n ?? 0);
    return { assigned, passed, overdue, rate: assigned ? passed / assigned : 0 };
  });
}

export { hasValidPledge };
export { assignCurriculum } from './curricula/curricula';

/**
 * The signed-in person's open training items: courses not yet passed (due first), the current pledge when not
 * signed, open self-checks that ask them and they have not answered.
 */
export async function attentionFor(db: Db, principal: Principal, limit: number): Promise<AttentionItem[]> {
  const me = await meOf(db, principal.userId);
  if (!me) return [];
  const today = todayJst();
  const due = await queryRows<{ id: string; due_on: string; title_ja: string; title_en: string }>(
    db,
    sql`SELECT a.id, a.due_on::text AS due_on, v.content->>'titleJa' AS title_ja, v.content->>'titleEn' AS title_en
          FROM training_assignments a
          JOIN training_courses c ON c.id = a.course_id
          JOIN training_course_versions v ON v.course_id = c.id AND v.version = coalesce(c.published_version, c.latest_version)
         WHERE a.person_id = ${me.personId}::uuid AND a.status IN ('assigned', 'in_progress')
         ORDER BY a.due_on, a.id LIMIT ${limit}`,
  );
  const lang = principal.language === 'en' ? 'en' : 'ja';
  const items: AttentionItem[] = due.map((d) => ({
    domain: 'training',
    kind: 'trainingDue',
    id: d.id,
    title: lang === 'en' ? d.title_en : d.title_ja,
    dueAt: d.due_on,
    overdue: d.due_on < today,
    href: `/training/assignments/${d.id}`,
  }));
  const pledge = await currentPledge(db, audienceOf(me.kind));
  if (pledge && !(await hasValidPledge(db, me.personId)))
    items.push({
      domain: 'training',
      kind: 'pledgeUnsigned',
      id: pledge.id,
      title: lang === 'en' ? pledge.titleEn : pledge.titleJa,
      dueAt: null,
      overdue: false,
      href: '/training/pledges',
    });
  const checks = await queryRows<{ id: string; title_ja: string; title_en: string; closes_on: string }>(
    db,
    sql`SELECT c.id, c.title_ja, c.title_en, c.closes_on::text AS closes_on FROM ${selfCheckCampaigns} c
         WHERE c.opens_on <= ${today}::date AND c.closes_on >= ${today}::date AND ${me.unitPath} LIKE c.unit_path || '%'
           AND NOT EXISTS (SELECT 1 FROM self_check_responses r WHERE r.campaign_id = c.id AND r.person_id = ${me.personId}::uuid)
         ORDER BY c.closes_on LIMIT ${limit}`,
  );
  for (const c of checks)
    items.push({
      domain: 'training',
      kind: 'selfCheckOpen',
      id: c.id,
      title: lang === 'en' ? c.title_en : c.title_ja,
      dueAt: c.closes_on,
      overdue: false,
      href: `/training/self-checks/${c.id}`,
    });
  return items.sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999')).slice(0, limit);
}

/** The yearly plan's linked activities (plans `plans.linked` job and editor): course completion and drills held. */
export { courseTargets, drillCompletion, drillTargets, trainingCourseCompletion } from './completion';
