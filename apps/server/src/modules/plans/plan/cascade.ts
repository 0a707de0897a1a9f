import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { siteOfPathSql } from '../../org/service';

/**
 * The cascade of a published plan version, set-based (a few statements whatever the number of units):
 * 1. every (activity, unit in scope) pair without a task gets one (the units of the activity's kinds in the subtrees
 *    of its roots; a task is keyed by the activity's `key` and the unit, so a unit never gets two);
 * 2. tasks of activities the version carries over (same key) follow the new version's activity and due date;
 *    a task cancelled by an earlier version whose pair is back (the unit back in scope, the activity back) is open
 *    again, on the same row (the pair's key), with the unit's present path and site;
 * 3. open tasks no longer in any pair (activity removed, unit out of scope) are cancelled; done ones are kept;
 * 4. each open task of the version gets the unit's nearest promotion leaders (the deepest unit of the unit's path
 *    where someone active holds promotion_leader) as assignees.
 * Runs inside the caller's transaction.
 */
export async function cascadePlan(tx: Db, planId: string, fiscalYear: number) {
  const pairs = sql`SELECT DISTINCT a.id AS activity_id, a.key, a.due_date, u.id AS unit_id
      FROM plan_activities a
      CROSS JOIN LATERAL unnest(a.unit_roots) AS r(id)
      JOIN org_units ru ON ru.id = r.id
      JOIN org_units u ON u.path LIKE ru.path || '%' AND u.kind = ANY (a.unit_kinds)
      WHERE a.plan_id = ${planId}`;
  const [created] = await queryRows<{ n: number }>(
    tx,
    sql`WITH pairs AS (${pairs}),
    units AS (SELECT u.id, u.path, ${siteOfPathSql(sql`u.path`)} AS site_id
      FROM org_units u WHERE u.id IN (SELECT DISTINCT unit_id FROM pairs)),
    ins AS (INSERT INTO plan_tasks (fiscal_year, activity_key, activity_id, unit_id, unit_path, site_id, due_date)
      SELECT ${fiscalYear}, p.key, p.activity_id, un.id, un.path, un.site_id, p.due_date
      FROM pairs p JOIN units un ON un.id = p.unit_id
      ON CONFLICT (activity_key, unit_id) DO NOTHING RETURNING 1)
    SELECT count(*)::int AS n FROM ins`,
  );
  // The planner must know the rows just inserted (tens of thousands, uncommitted): without fresh statistics it takes
  // plan_tasks for nearly empty and joins it by nested loops (minutes on the group profile). ANALYZE in the
  // transaction samples this transaction's own rows too.
  await tx.execute(sql`ANALYZE plan_tasks`);
  await tx.execute(sql`UPDATE plan_tasks t SET activity_id = a.id, due_date = a.due_date,
      reminded_at = CASE WHEN t.due_date = a.due_date THEN t.reminded_at END,
      escalated_at = CASE WHEN t.due_date = a.due_date THEN t.escalated_at END
    FROM plan_activities a
    WHERE a.plan_id = ${planId} AND t.fiscal_year = ${fiscalYear} AND t.activity_key = a.key AND t.activity_id <> a.id`);
  const [revived] = await queryRows<{ n: number }>(
    tx,
    sql`WITH pairs AS (${pairs}),
    upd AS (UPDATE plan_tasks t SET status = 'open', done_by = NULL, done_at = NULL, done_source = NULL,
        evidence_href = NULL, reminded_at = NULL, escalated_at = NULL, unit_path = u.path,
        site_id = ${siteOfPathSql(sql`u.path`)}
      FROM org_units u
      WHERE u.id = t.unit_id AND t.fiscal_year = ${fiscalYear} AND t.status = 'cancelled'
        AND EXISTS (SELECT 1 FROM pairs p WHERE p.activity_id = t.activity_id AND p.unit_id = t.unit_id)
      RETURNING 1)
    SELECT count(*)::int AS n FROM upd`,
  );
  const [cancelled] = await queryRows<{ n: number }>(
    tx,
    sql`WITH pairs AS (${pairs}),
    upd AS (UPDATE plan_tasks t SET status = 'cancelled'
      WHERE t.fiscal_year = ${fiscalYear} AND t.status = 'open'
        AND NOT EXISTS (SELECT 1 FROM pairs p WHERE p.activity_id = t.activity_id AND p.unit_id = t.unit_id)
      RETURNING 1)
    SELECT count(*)::int AS n FROM upd`,
  );
  await tx.execute(sql`WITH tu AS (
      SELECT DISTINCT t.unit_id, t.unit_path FROM plan_tasks t
      WHERE t.fiscal_year = ${fiscalYear} AND t.status = 'open'
        AND t.activity_id IN (SELECT id FROM plan_activities WHERE plan_id = ${planId})),
    cand AS (
      SELECT tu.unit_id, ra.user_id, su.depth
      FROM tu
      CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from tu.unit_path), '/')::uuid[]) AS anc(id)
      JOIN role_assignments ra ON ra.org_unit_id = anc.id AND ra.role = 'promotion_leader'
      JOIN users us ON us.id = ra.user_id AND us.status = 'active' AND us.kind = 'internal'
      JOIN org_units su ON su.id = ra.org_unit_id),
    best AS (
      SELECT unit_id, user_id FROM (
        SELECT c.unit_id, c.user_id, c.depth, max(c.depth) OVER (PARTITION BY c.unit_id) AS top FROM cand c) x
      WHERE depth = top)
    INSERT INTO plan_task_assignees (task_id, user_id)
    SELECT DISTINCT t.id, b.user_id FROM plan_tasks t JOIN best b ON b.unit_id = t.unit_id
    WHERE t.fiscal_year = ${fiscalYear} AND t.status = 'open'
      AND t.activity_id IN (SELECT id FROM plan_activities WHERE plan_id = ${planId})
    ON CONFLICT DO NOTHING`);
  return { created: (created?.n ?? 0) + (revived?.n ?? 0), cancelled: cancelled?.n ?? 0 };
}
