import type { IncidentStats, StatsQuery } from '@mamori/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows } from '../../db/sql';
import { escapeLike, scopeOf } from '../../platform/access/scope';
import type { Ctx } from '../../platform/tx';
import { causeLabel, typeLabel } from './catalog';
import { statsRoots, type StatsRoot } from './stats-scope';
import { statsWindow, type StatsWindow } from './stats-window';

interface BucketRow {
  dim: string;
  key: string;
  near_miss: boolean;
  n: number;
}
interface TimeRow {
  contain: (number | null)[] | null;
  close: (number | null)[] | null;
}

const round = (v: number | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);

/**
 * Where the rows come from: whole months from the roll-up (incident_stats_counts/_durations, kept by
 * triggers: migration 0006, docs/incidents.md), the partial months at the ends of the period from the cases.
 */
function sources(roots: StatsRoot[], w: StatsWindow) {
  const ids = sql`ARRAY[${sql.join(
    roots.map((r) => sql`${r.id}::uuid`),
    sql`, `,
  )}]::uuid[]`;
  const rollup: SQL = w.months
    ? sql`unit_id = ANY (${ids})${w.months.first ? sql` AND month >= ${w.months.first}` : sql``}${
        w.months.last ? sql` AND month <= ${w.months.last}` : sql``
      }`
    : sql`false`;
  const ranges = w.partial.map(
    (p) =>
      sql`(${p.from ? sql`i.reported_at >= ${p.from.toISOString()}` : sql`true`} AND ${
        p.to ? sql`i.reported_at < ${p.to.toISOString()}` : sql`true`
      })`,
  );
  const inRoots = sql.join(
    roots.map((r) => sql`o.path LIKE ${escapeLike(r.path) + '%'}`),
    sql` OR `,
  );
  const where = ranges.length ? sql`(${inRoots}) AND (${sql.join(ranges, sql` OR `)})` : sql`false`;
  /** the cases of the partial months, each expanded by a set-returning function of the case (lateral) */
  const cases = (lateral: SQL) => sql`incidents i JOIN org_units o ON o.id = i.org_unit_id, ${lateral} WHERE ${where}`;
  return { rollup, cases };
}

const EMPTY: IncidentStats = {
  totals: { incidents: 0, nearMisses: 0, open: 0, closed: 0 },
  byType: [],
  bySite: [],
  byCause: [],
  byMonth: [],
  bySeverity: [],
  timeToContainHours: { median: null, p90: null },
  timeToCloseDays: { median: null, p90: null },
};

/**
 * Counts by type, site, cause, month (Tokyo) and severity, near misses beside incidents, and the
 * median and 90th percentile of time to contain (from awareness) and to close (from the report).
 * Aggregates only: no case is named, so the analyse scope needs no read right on the cases.
 */
export async function incidentStats(ctx: Ctx, q: z.infer<typeof StatsQuery>): Promise<IncidentStats> {
  const roots = await statsRoots(ctx.db, scopeOf(ctx.principal, 'incidents:analyse'), q.orgUnitId);
  if (!roots.length) return EMPTY;
  const { rollup, cases } = sources(roots, statsWindow(q.from ? new Date(q.from) : undefined, q.to ? new Date(q.to) : undefined));
  // On PostgreSQL the two run at once on two pooled connections.
  const [buckets, [times]] = await Promise.all([
    queryRows<BucketRow>(
      ctx.db,
      sql`WITH c AS (
            SELECT month, dim, key, near_miss, cases FROM incident_stats_counts WHERE ${rollup}
            UNION ALL
            SELECT i.reported_month, k.dim, k.key, i.near_miss, 1 FROM ${cases(sql`incident_stats_dims(i) k`)}
          )
          SELECT dim, key, near_miss, sum(cases)::int AS n FROM c GROUP BY dim, key, near_miss
          UNION ALL
          SELECT 'month', month, near_miss, sum(cases)::int FROM c WHERE dim = 'type' GROUP BY month, near_miss`,
    ),
    queryRows<TimeRow>(
      ctx.db,
      sql`SELECT percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY s / 3600) FILTER (WHERE measure = 'contain' AND NOT near_miss) AS contain,
                 percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY s / 86400) FILTER (WHERE measure = 'close') AS close
          FROM (SELECT measure, near_miss, unnest(seconds) AS s FROM incident_stats_durations WHERE ${rollup}
                UNION ALL
                SELECT m.measure, i.near_miss, m.seconds FROM ${cases(sql`incident_stats_measures(i) m`)}) x`,
    ),
  ]);
  return present(ctx, q, buckets, times);
}

async function present(
  ctx: Ctx,
  q: z.infer<typeof StatsQuery>,
  rows: BucketRow[],
  times: TimeRow | undefined,
): Promise<IncidentStats> {
  const siteIds = [...new Set(rows.filter((b) => b.dim === 'site' && b.key).map((b) => b.key))];
  const sites = siteIds.length
    ? await queryRows<{ id: string; name_ja: string; name_en: string }>(
        ctx.db,
        sql`SELECT id::text, name_ja, name_en FROM org_units WHERE id IN (${sql.join(
          siteIds.map((s) => sql`${s}::uuid`),
          sql`, `,
        )})`,
      )
    : [];
  const siteName = new Map(sites.map((s) => [s.id, q.lang === 'ja' ? s.name_ja : s.name_en]));
  const label = (dim: string, key: string) =>
    dim === 'type'
      ? typeLabel(key, q.lang)
      : dim === 'cause'
        ? causeLabel(key, q.lang)!
        : dim === 'site'
          ? siteName.get(key)
          : undefined;
  const of = (dim: string) => {
    const byKey = new Map<string, { incidents: number; nearMisses: number }>();
    for (const r of rows.filter((b) => b.dim === dim)) {
      const b = byKey.get(r.key) ?? { incidents: 0, nearMisses: 0 };
      if (r.near_miss) b.nearMisses += Number(r.n);
      else b.incidents += Number(r.n);
      byKey.set(r.key, b);
    }
    return [...byKey]
      .map(([key, b]) => {
        const l = key ? label(dim, key) : undefined;
        return { key: key || 'none', ...(l ? { label: l } : {}), ...b };
      })
      .sort((a, b) => (dim === 'month' ? a.key.localeCompare(b.key) : b.incidents + b.nearMisses - (a.incidents + a.nearMisses)));
  };
  const byType = of('type');
  const status = of('status');
  const count = (key: string) => status.filter((s) => s.key === key).reduce((n, s) => n + s.incidents + s.nearMisses, 0);
  return {
    totals: {
      incidents: byType.reduce((n, b) => n + b.incidents, 0),
      nearMisses: byType.reduce((n, b) => n + b.nearMisses, 0),
      open: count('open'),
      closed: count('closed'),
    },
    byType,
    bySite: of('site'),
    byCause: of('cause'),
    byMonth: of('month'),
    bySeverity: of('severity'),
    timeToContainHours: { median: round(times?.contain?.[0] ?? null), p90: round(times?.contain?.[1] ?? null) },
    timeToCloseDays: { median: round(times?.close?.[0] ?? null), p90: round(times?.close?.[1] ?? null) },
  };
}
