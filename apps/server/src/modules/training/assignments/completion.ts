import type { Completion, CompletionQuery, CompletionRow } from '@mamori/contracts';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows } from '../../../db/sql';
import { covers, scopeOf, scopeSql } from '../../../platform/access/scope';
import { forbidden, notFound } from '../../../platform/errors/app-error';
import type { Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { todayJst } from '../people';

type Query = z.output<typeof CompletionQuery>;

interface Raw {
  id: string;
  code: string;
  name_ja: string;
  name_en: string;
  assigned: number;
  passed: number;
  score_sum: number;
  scored: number;
  overdue: number;
}

const row = (r: Raw): CompletionRow => ({
  unit: { id: r.id, code: r.code, name: { ja: r.name_ja, en: r.name_en } },
  assigned: Number(r.assigned),
  passed: Number(r.passed),
  overdue: Number(r.overdue),
  rate: Number(r.assigned) ? Number(r.passed) / Number(r.assigned) : 0,
  averageScore: Number(r.scored) ? Math.round(Number(r.score_sum) / Number(r.scored)) : null,
});

/**
 * Completion and quiz scores rolled up: per site (by=site), or per child unit of a unit (by=unit; each child counts
 * its whole subtree). Reads training_rollup for assigned/passed/scores and training_open_due (open assignments per
 * course, unit and due date) for the overdue counts, both kept in step by statement triggers on training_assignments
 * (migrations "training" and "training_open_due"); the reader's training:read scope applies to every figure.
 */
export async function completion(ctx: Ctx, q: Query): Promise<Completion> {
  const scope = scopeOf(ctx.principal, 'training:read');
  if (scope.kind === 'none') throw forbidden();
  const course = q.courseId ? sql`AND course_id = ${q.courseId}::uuid` : sql``;
  let groups;
  if (q.by === 'site') {
    groups = sql`SELECT id, code, name_ja, name_en, path FROM org_units WHERE kind = 'site'`;
  } else {
    let parentPath: string | null = null;
    if (q.unitId) {
      const [u] = await ctx.db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, q.unitId));
      if (!u || !(covers(scope, u.path) || (scope.kind === 'paths' && scope.paths.some((p) => p.startsWith(u.path)))))
        throw notFound();
      parentPath = u.path;
    }
    groups = parentPath
      ? sql`SELECT id, code, name_ja, name_en, path FROM org_units WHERE parent_id = ${q.unitId}::uuid`
      : scope.kind === 'all'
        ? sql`SELECT id, code, name_ja, name_en, path FROM org_units WHERE parent_id IS NULL`
        : sql`SELECT id, code, name_ja, name_en, path FROM org_units WHERE path = ANY(${`{${scope.paths.join(',')}}`}::text[])`;
  }
  // Each group's units are found once (a text_pattern_ops range on org_units_path_idx); the two roll-ups are read as
  // one stream (UNION ALL) by unit id and summed per group in one hash join: one pass over each, whatever the number
  // of groups (a per-group `LIKE g.path || '%'` cannot use an index and read the whole roll-up once per site; two
  // separate joins took twice as long).
  const rows = await queryRows<Raw>(
    ctx.db,
    sql`WITH g AS MATERIALIZED (${groups}),
      gu AS (
        SELECT g.id AS gid, u.id AS uid FROM g JOIN org_units u ON u.path ~>=~ g.path AND u.path ~<~ (g.path || chr(1114111))
         WHERE ${scopeSql(scope, sql`u.path`)}
      ),
      x AS (
        SELECT gu.gid, sum(x.assigned)::int AS assigned, sum(x.passed)::int AS passed,
               sum(x.score_sum)::bigint AS score_sum, sum(x.scored)::int AS scored, sum(x.overdue)::int AS overdue
          FROM (SELECT unit_id, assigned, passed, score_sum, scored, 0 AS overdue FROM training_rollup WHERE true ${course}
                UNION ALL
                SELECT unit_id, 0, 0, 0, 0, open FROM training_open_due WHERE due_on < ${todayJst()}::date ${course}) x
          JOIN gu ON gu.uid = x.unit_id
         GROUP BY gu.gid
      )
      SELECT g.id, g.code, g.name_ja, g.name_en,
        coalesce(x.assigned, 0) AS assigned, coalesce(x.passed, 0) AS passed,
        coalesce(x.score_sum, 0) AS score_sum, coalesce(x.scored, 0) AS scored, coalesce(x.overdue, 0) AS overdue
      FROM g LEFT JOIN x ON x.gid = g.id
      ORDER BY g.code`,
  );
  const out = rows.map(row).filter((r) => r.assigned > 0 || q.by === 'unit');
  const sum = (k: 'assigned' | 'passed' | 'overdue') => out.reduce((n, r) => n + r[k], 0);
  const scored = rows.reduce((n, r) => n + Number(r.scored), 0);
  const scoreSum = rows.reduce((n, r) => n + Number(r.score_sum), 0);
  return {
    rows: out,
    total: {
      assigned: sum('assigned'),
      passed: sum('passed'),
      overdue: sum('overdue'),
      rate: sum('assigned') ? sum('passed') / sum('assigned') : 0,
      averageScore: scored ? Math.round(scoreSum / scored) : null,
    },
  };
}
