import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';

type Units = readonly { id: string; path: string }[];
type Done = { unitId: string; doneAt: Date; href: string };
const unitsSql = (units: Units) => sql`jsonb_to_recordset(${JSON.stringify(units)}::jsonb) AS u(id uuid, path text)`;

/**
 * Which of `units` have reached `threshold` percent of passes of the course `courseId` among the current assignments
 * of their subtree (from the training_rollup, never a scan), at least one assigned. Done when the pass that reached
 * the threshold was recorded (the k-th pass of the subtree, read only for the units that reached it).
 */
export async function trainingCourseCompletion(db: Db, courseId: string, units: Units, threshold: number): Promise<Done[]> {
  if (!units.length) return [];
  const rows = await queryRows<{ unit_id: string; done_at: string | Date }>(
    db,
    sql`WITH agg AS (
        SELECT u.id, u.path, sum(r.assigned)::int AS assigned, sum(r.passed)::int AS passed
        FROM ${unitsSql(units)}
        JOIN training_rollup r ON r.course_id = ${courseId} AND r.unit_path LIKE u.path || '%'
        GROUP BY u.id, u.path)
      SELECT agg.id::text AS unit_id, coalesce((
          SELECT a.passed_at FROM training_assignments a
          WHERE a.course_id = ${courseId} AND a.unit_path LIKE agg.path || '%' AND a.status = 'passed' AND a.passed_at IS NOT NULL
          ORDER BY a.passed_at OFFSET greatest(ceil(agg.assigned * ${threshold}::int / 100.0)::int - 1, 0) LIMIT 1), now()) AS done_at
      FROM agg WHERE agg.assigned > 0 AND agg.passed * 100 >= agg.assigned * ${threshold}::int`,
  );
  return rows.map((r) => ({ unitId: r.unit_id, doneAt: new Date(r.done_at), href: '/training/completion' }));
}

/** Which of `units` took part in the drill `drillId` once it is done: a mail was sent to someone of the subtree. */
export async function drillCompletion(db: Db, drillId: string, units: Units): Promise<Done[]> {
  if (!units.length) return [];
  const rows = await queryRows<{ unit_id: string; done_at: string | Date }>(
    db,
    sql`SELECT u.id::text AS unit_id, max(r.sent_at) AS done_at
      FROM ${unitsSql(units)}
      JOIN drills d ON d.id = ${drillId} AND d.status = 'done'
      JOIN drill_recipients r ON r.drill_id = d.id AND r.unit_path LIKE u.path || '%' AND r.sent_at IS NOT NULL
      GROUP BY u.id`,
  );
  return rows.map((r) => ({ unitId: r.unit_id, doneAt: new Date(r.done_at), href: `/drills/${drillId}` }));
}

const idsSql = (ids: readonly string[] | undefined, col: string) =>
  ids ? sql`AND ${sql.raw(col)}::text IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))` : sql``;

/** Published courses by code (a plan activity's picker), or those with these ids. */
export async function courseTargets(db: Db, q: { ids?: readonly string[]; limit: number }) {
  const rows = await queryRows<{ id: string; code: string; ja: string | null; en: string | null }>(
    db,
    sql`SELECT c.id::text, c.code, v.content->>'titleJa' AS ja, v.content->>'titleEn' AS en
      FROM training_courses c
      JOIN training_course_versions v ON v.course_id = c.id AND v.version = c.published_version
      WHERE true ${idsSql(q.ids, 'c.id')}
      ORDER BY c.code LIMIT ${q.limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: { ja: `${r.code} ${r.ja ?? ''}`.trim(), en: `${r.code} ${r.en ?? ''}`.trim() },
    date: null,
  }));
}

/** Drills not cancelled, latest window first (a plan activity's picker), or those with these ids. */
export async function drillTargets(db: Db, q: { ids?: readonly string[]; limit: number }) {
  const rows = await queryRows<{ id: string; name: string; day: string }>(
    db,
    sql`SELECT id::text, name, to_char(window_start AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD') AS day FROM drills
      WHERE status <> 'cancelled' ${idsSql(q.ids, 'id')}
      ORDER BY window_start DESC, id LIMIT ${q.limit}`,
  );
  return rows.map((r) => ({ id: r.id, name: { ja: r.name, en: r.name }, date: r.day }));
}
