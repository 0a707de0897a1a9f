import { and, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { incidents } from './tables';

export interface IncidentTrendMonth {
  /** 'YYYY-MM' in Asia/Tokyo */
  month: string;
  incidents: number;
  nearMisses: number;
}
export interface IncidentTrends {
  months: IncidentTrendMonth[];
  bySeverity: Record<string, number>;
  byType: Record<string, number>;
  open: number;
}

/**
 * Incident and near-miss counts per month of report between two months (inclusive, 'YYYY-MM'), with the split by
 * severity and type and how many are still open: the management review's trend input. Group-wide, no names.
 */
export async function incidentTrends(db: Db, fromMonth: string, toMonth: string): Promise<IncidentTrends> {
  const rows = await db
    .select({
      month: incidents.reportedMonth,
      severity: incidents.severity,
      typeId: incidents.typeId,
      nearMiss: incidents.nearMiss,
      open: sql<number>`count(*) FILTER (WHERE ${incidents.status} <> 'closed')::int`,
      n: sql<number>`count(*)::int`,
    })
    .from(incidents)
    .where(and(gte(incidents.reportedMonth, fromMonth), lte(incidents.reportedMonth, toMonth)))
    .groupBy(incidents.reportedMonth, incidents.severity, incidents.typeId, incidents.nearMiss);
  const months = new Map<string, IncidentTrendMonth>();
  const out: IncidentTrends = { months: [], bySeverity: {}, byType: {}, open: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    const m = months.get(r.month) ?? { month: r.month, incidents: 0, nearMisses: 0 };
    if (r.nearMiss) m.nearMisses += n;
    else m.incidents += n;
    months.set(r.month, m);
    out.bySeverity[r.severity] = (out.bySeverity[r.severity] ?? 0) + n;
    out.byType[r.typeId] = (out.byType[r.typeId] ?? 0) + n;
    out.open += Number(r.open);
  }
  out.months = [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
  return out;
}
