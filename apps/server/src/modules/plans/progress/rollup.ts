import type { PlanProgress } from '@mamori/contracts';
import { fiscalYearDays } from '@mamori/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { escapeLike, scopeOf, scopeSql, type Scope } from '../../../platform/access/scope';
import { notFound } from '../../../platform/errors/app-error';
import type { Ctx } from '../../../platform/tx';
import { todayJst } from '../tasks/read';

type By = PlanProgress['by'];
interface Count {
  total: number;
  done: number;
  late: number;
}
interface Grouped extends Count {
  key: string | null;
}

const counts = (today: string) => sql`count(*)::int AS total,
  count(*) FILTER (WHERE t.status = 'done')::int AS done,
  count(*) FILTER (WHERE t.status = 'open' AND t.due_date < ${today})::int AS late`;

/** Where a roll-up looks: a fiscal year's tasks (cancelled ones left out), within a scope and optionally a subtree. */
function where(fiscalYear: number, scope: Scope, subtree: string | null): SQL {
  return sql`t.fiscal_year = ${fiscalYear} AND t.status <> 'cancelled' AND ${scopeSql(scope, sql`t.unit_path`)}
    ${subtree ? sql`AND t.unit_path LIKE ${escapeLike(subtree) + '%'}` : sql``}`;
}

/** Totals and per-activity counts of a fiscal year within a scope: what the summary and the dashboard read. */
export async function countByActivity(db: Db, fiscalYear: number, scope: Scope, subtree: string | null, now = new Date()) {
  return queryRows<Grouped & { ja: string; en: string; position: number }>(
    db,
    sql`SELECT a.id AS key, a.title_ja AS ja, a.title_en AS en, a.position, x.total, x.done, x.late
      FROM (SELECT t.activity_id, ${counts(todayJst(now))} FROM plan_tasks t WHERE ${where(fiscalYear, scope, subtree)}
        GROUP BY t.activity_id) x
      JOIN plan_activities a ON a.id = x.activity_id
      ORDER BY a.position, a.id`,
  );
}

const sum = (rows: Count[]): Count =>
  rows.reduce((s, r) => ({ total: s.total + r.total, done: s.done + r.done, late: s.late + r.late }), {
    total: 0,
    done: 0,
    late: 0,
  });

const ABOVE_SITES = { ja: '事業場外(全社)', en: 'Above the sites (company-wide)' };

/**
 * Plan versus actual for a fiscal year within the reader's plans:read scope: per activity, per site, per unit (of a
 * subtree: the drill-down under a site), or per month (done in the month, cumulative, and late at its end).
 */
export async function planProgress(
  ctx: Ctx,
  q: { fiscalYear: number; by: By; unit?: string },
  now = new Date(),
): Promise<PlanProgress> {
  const scope = scopeOf(ctx.principal, 'plans:read');
  let subtree: string | null = null;
  if (q.unit) {
    const [u] = await queryRows<{ path: string }>(ctx.db, sql`SELECT path FROM org_units WHERE id = ${q.unit}`);
    if (!u) throw notFound();
    subtree = u.path;
  }
  const today = todayJst(now);
  const w = where(q.fiscalYear, scope, subtree);
  let rows: PlanProgress['rows'];
  let totals: Count | undefined;
  if (q.by === 'activity') {
    rows = (await countByActivity(ctx.db, q.fiscalYear, scope, subtree, now)).map((r) => ({
      key: r.key!,
      name: { ja: r.ja, en: r.en },
      total: r.total,
      done: r.done,
      late: r.late,
    }));
  } else if (q.by === 'site' || q.by === 'unit') {
    const col = q.by === 'site' ? sql`t.site_id` : sql`t.unit_id`;
    const grouped = await queryRows<Grouped & { ja: string | null; en: string | null }>(
      ctx.db,
      sql`SELECT x.key, u.name_ja AS ja, u.name_en AS en, x.total, x.done, x.late
        FROM (SELECT ${col} AS key, ${counts(today)} FROM plan_tasks t WHERE ${w} GROUP BY ${col}) x
        LEFT JOIN org_units u ON u.id = x.key
        ORDER BY u.path NULLS FIRST`,
    );
    rows = grouped.map((r) => ({
      key: r.key ?? 'none',
      name: r.key ? { ja: r.ja!, en: r.en! } : ABOVE_SITES,
      total: r.total,
      done: r.done,
      late: r.late,
    }));
  } else {
    ({ rows, totals } = await byMonth(ctx.db, q.fiscalYear, w, today));
  }
  return { fiscalYear: q.fiscalYear, by: q.by, totals: totals ?? sum(rows), rows };
}

/** Per month of the fiscal year: tasks done in it, done by its end, and late at its end (due before it, not done by then). */
async function byMonth(
  db: Db,
  fiscalYear: number,
  w: SQL,
  today: string,
): Promise<{ rows: PlanProgress['rows']; totals: Count }> {
  const pairs = await queryRows<{ due: string; done: string | null; n: number }>(
    db,
    sql`SELECT to_char(t.due_date, 'YYYY-MM') AS due,
        to_char(t.done_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS done, count(*)::int AS n
      FROM plan_tasks t WHERE ${w} GROUP BY 1, 2`,
  );
  const total = pairs.reduce((s, p) => s + p.n, 0);
  const { from } = fiscalYearDays(fiscalYear);
  const months: string[] = [];
  for (let i = 0; i < 12; i++) {
    const d = new Date(Date.UTC(Number(from.slice(0, 4)), 3 + i, 1));
    months.push(d.toISOString().slice(0, 7));
  }
  const thisMonth = today.slice(0, 7);
  let cumulative = 0;
  const rows = months.map((m) => {
    const doneIn = pairs.filter((p) => p.done === m).reduce((s, p) => s + p.n, 0);
    cumulative += doneIn;
    // late at the end of a past month: due in it or before, not done by its end (months to come: none yet)
    const late =
      m >= thisMonth ? 0 : pairs.filter((p) => p.due <= m && (p.done === null || p.done > m)).reduce((s, p) => s + p.n, 0);
    return {
      key: m,
      name: { ja: `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月`, en: m },
      total,
      done: doneIn,
      late,
      cumulativeDone: cumulative,
    };
  });
  const lateNow = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM plan_tasks t WHERE ${w} AND t.status = 'open' AND t.due_date < ${today}`,
  );
  return { rows, totals: { total, done: cumulative, late: lateNow[0]?.n ?? 0 } };
}

/** Units with late tasks in the reader's scope, most late first. */
export async function lateUnits(ctx: Ctx, q: { fiscalYear: number; limit: number }, now = new Date()) {
  const scope = scopeOf(ctx.principal, 'plans:read');
  const rows = await queryRows<{
    unit_id: string;
    uja: string;
    uen: string;
    site_id: string | null;
    sja: string | null;
    sen: string | null;
    late: number;
    oldest: string;
  }>(
    ctx.db,
    sql`SELECT x.unit_id, u.name_ja AS uja, u.name_en AS uen, x.site_id, s.name_ja AS sja, s.name_en AS sen, x.late,
        to_char(x.oldest, 'YYYY-MM-DD') AS oldest
      FROM (SELECT t.unit_id, t.site_id, count(*)::int AS late, min(t.due_date) AS oldest FROM plan_tasks t
        WHERE t.fiscal_year = ${q.fiscalYear} AND t.status = 'open' AND t.due_date < ${todayJst(now)}
          AND ${scopeSql(scope, sql`t.unit_path`)}
        GROUP BY t.unit_id, t.site_id
        ORDER BY late DESC, oldest, t.unit_id LIMIT ${q.limit}) x
      JOIN org_units u ON u.id = x.unit_id LEFT JOIN org_units s ON s.id = x.site_id
      ORDER BY x.late DESC, x.oldest, x.unit_id`,
  );
  return {
    items: rows.map((r) => ({
      unit: { id: r.unit_id, name: { ja: r.uja, en: r.uen } },
      site: r.site_id ? { id: r.site_id, name: { ja: r.sja!, en: r.sen! } } : null,
      late: r.late,
      oldestDue: r.oldest,
    })),
  };
}
