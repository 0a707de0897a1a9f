import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';

type Units = readonly { id: string; path: string }[];
type Done = { unitId: string; doneAt: Date; href: string };
const unitsSql = (units: Units) => sql`jsonb_to_recordset(${JSON.stringify(units)}::jsonb) AS u(id uuid, path text)`;

const ancestorsOf = (path: SQL) => sql`unnest(string_to_array(trim(both '/' from ${path}), '/')::uuid[])`;

/**
 * Which of `units` have reached `threshold` percent of passes of the course `courseId` among the current assignments
 * of their subtree (from the training_rollup, never a scan), at least one assigned. Done when the pass that reached
 * the threshold was recorded (the k-th pass of the subtree), read in a second statement over the course's passes only
 * when some unit reached it. Both go from the course's rows up to the asked units among their ancestors.
 */
export async function trainingCourseCompletion(db: Db, courseId: string, units: Units, threshold: number): Promise<Done[]> {
  if (!units.length) return [];
  const reached = await queryRows<{ unit_id: string; k: number }>(
    db,
    sql`SELECT u.id::text AS unit_id, greatest(ceil(sum(r.assigned) * ${threshold}::int / 100.0)::int, 1) AS k
      FROM training_rollup r
      CROSS JOIN LATERAL ${ancestorsOf(sql`r.unit_path`)} AS anc(id)
      JOIN ${unitsSql(units)} ON u.id = anc.id
      WHERE r.course_id = ${courseId}
      GROUP BY u.id
      HAVING sum(r.assigned) > 0 AND sum(r.passed) * 100 >= sum(r.assigned) * ${threshold}::int`,
  );
  if (!reached.length) return [];
  const rows = await queryRows<{ unit_id: string; done_at: string | Date }>(
    db,
    sql`WITH reached AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(reached)}::jsonb) AS x(unit_id uuid, k int)),
      passes AS (
        SELECT x.unit_id, x.k, a.passed_at, row_number() OVER (PARTITION BY x.unit_id ORDER BY a.passed_at) AS n
        FROM training_assignments a
        CROSS JOIN LATERAL ${ancestorsOf(sql`a.unit_path`)} AS anc(id)
        JOIN reached x ON x.unit_id = anc.id
        WHERE a.course_id = ${courseId} AND a.status = 'passed' AND a.passed_at IS NOT NULL)
      SELECT x.unit_id::text AS unit_id, coalesce((SELECT p.passed_at FROM passes p WHERE p.unit_id = x.unit_id AND p.n = x.k), now()) AS done_at
      FROM reached x`,
  );
  return rows.map((r) => ({ unitId: r.unit_id, doneAt: new Date(r.done_at), href: '/training/completion' }));
}

/** Which of `units` took part in the drill `drillId` once it is done: a mail was sent to someone of the subtree. */
export async function drillCompletion(db: Db, drillId: string, units: Units): Promise<Done[]> {
  if (!units.length) return [];
  const rows = await queryRows<{ unit_id: string; done_at: string | Date }>(
    db,
    sql`SELECT u.id::text AS unit_id, max(r.sent_at) AS done_at
      FROM drills d
      JOIN drill_recipients r ON r.drill_id = d.id AND r.sent_at IS NOT NULL
      CROSS JOIN LATERAL ${ancestorsOf(sql`r.unit_path`)} AS anc(id)
      JOIN ${unitsSql(units)} ON u.id = anc.id
      WHERE d.id = ${drillId} AND d.status = 'done'
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
