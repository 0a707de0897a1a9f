import type { IncidentStats, StatsQuery } from '@mamori/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows } from '../../db/sql';
import { escapeLike, scopeOf, scopeSql } from '../../platform/access/scope';
import { invalid } from '../../platform/errors/app-error';
import type { Ctx } from '../../platform/tx';
import { orgUnits } from '../org/tables';
import { causeLabel, typeLabel } from './catalog';
import { incidents } from './tables';

interface BucketRow {
  dim: string;
  key: string | null;
  incidents: number;
  near_misses: number;
}
interface TimeRow {
  contain: (number | null)[] | null;
  close: (number | null)[] | null;
  open_count: number;
  closed_count: number;
}

const round = (v: number | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);

/**
 * Counts by type, site, cause, month (Tokyo) and severity, near misses beside incidents, and the
 * median and 90th percentile of time to contain (from awareness) and to close (from the report).
 * Aggregates only: no case is named, so the analyse scope needs no read right on the cases.
 */
export async function incidentStats(ctx: Ctx, q: z.infer<typeof StatsQuery>): Promise<IncidentStats> {
  const where: SQL[] = [scopeSql(scopeOf(ctx.principal, 'incidents:analyse'), orgUnits.path)];
  if (q.from) where.push(sql`${incidents.reportedAt} >= ${new Date(q.from).toISOString()}`);
  if (q.to) where.push(sql`${incidents.reportedAt} < ${new Date(q.to).toISOString()}`);
  if (q.orgUnitId) {
    const [unit] = await queryRows<{ path: string }>(ctx.db, sql`SELECT path FROM org_units WHERE id = ${q.orgUnitId}`);
    if (!unit) throw invalid([{ path: 'querystring.orgUnitId', message: 'unknown org unit' }]);
    where.push(sql`${orgUnits.path} LIKE ${escapeLike(unit.path) + '%'}`);
  }
  const from = sql`${incidents} JOIN ${orgUnits} ON ${orgUnits.id} = ${incidents.orgUnitId} WHERE ${sql.join(where, sql` AND `)}`;
  // One pass for every breakdown (grouping sets), one for the times (each percentile pair sorts once);
  // on PostgreSQL the two run at once on two pooled connections.
  const [buckets, [times]] = await Promise.all([
    queryRows<BucketRow>(
      ctx.db,
      sql`SELECT CASE WHEN GROUPING(type_id) = 0 THEN 'type' WHEN GROUPING(site_id) = 0 THEN 'site'
                    WHEN GROUPING(cause_category) = 0 THEN 'cause' WHEN GROUPING(reported_month) = 0 THEN 'month' ELSE 'severity' END AS dim,
               coalesce(type_id, site_id::text, cause_category, reported_month, severity) AS key,
               count(*) FILTER (WHERE NOT near_miss)::int AS incidents, count(*) FILTER (WHERE near_miss)::int AS near_misses
        FROM ${from}
        GROUP BY GROUPING SETS ((type_id), (site_id), (cause_category), (reported_month), (severity))`,
    ),
    queryRows<TimeRow>(
      ctx.db,
      sql`SELECT percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY extract(epoch FROM ${incidents.containedAt} - ${incidents.awareAt}) / 3600)
                 FILTER (WHERE NOT ${incidents.nearMiss}) AS contain,
               percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY extract(epoch FROM ${incidents.closedAt} - ${incidents.reportedAt}) / 86400) AS close,
               count(*) FILTER (WHERE ${incidents.status} <> 'closed')::int AS open_count,
               count(*) FILTER (WHERE ${incidents.status} = 'closed')::int AS closed_count
        FROM ${from}`,
    ),
  ]);
  const siteIds = [...new Set(buckets.filter((b) => b.dim === 'site' && b.key).map((b) => b.key!))];
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
  const of = (dim: string) =>
    buckets
      .filter((b) => b.dim === dim)
      .map((b) => {
        const key = b.key ?? 'none';
        const l = b.key ? label(dim, b.key) : undefined;
        return { key, ...(l ? { label: l } : {}), incidents: Number(b.incidents), nearMisses: Number(b.near_misses) };
      })
      .sort((a, b) => (dim === 'month' ? a.key.localeCompare(b.key) : b.incidents + b.nearMisses - (a.incidents + a.nearMisses)));
  const byType = of('type');
  return {
    totals: {
      incidents: byType.reduce((n, b) => n + b.incidents, 0),
      nearMisses: byType.reduce((n, b) => n + b.nearMisses, 0),
      open: Number(times?.open_count ?? 0),
      closed: Number(times?.closed_count ?? 0),
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
