import { todayJst, type RemediationRow } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { scopeSql, type Scope } from '../../../platform/access/scope';

interface Row {
  unit_id: string;
  unit_ja: string;
  unit_en: string;
  system_id: string | null;
  system_name: string | null;
  total: number;
  fixed: number;
  accepted: number;
  open: number;
  overdue: number;
  kev_open: number;
}

/**
 * Remediation of assessment findings per unit (the system's owning unit) or per system, within `scope`: findings
 * ever seen, fixed, accepted (an exception in force), open, overdue (open past the SLA due date) and known-exploited
 * open, with the share fixed of those fixed or open. One grouped query; most overdue first.
 */
export async function assessmentRemediation(db: Db, scope: Scope, by: 'unit' | 'system'): Promise<RemediationRow[]> {
  const today = todayJst();
  const accepted = sql`EXISTS (SELECT 1 FROM assessment_exceptions e WHERE e.finding_id = f.id AND e.status = 'approved' AND e.expires_on >= ${today}::date)`;
  const bySystem = by === 'system';
  const result = (await db.execute(sql`
    SELECT o.id AS unit_id, o.name_ja AS unit_ja, o.name_en AS unit_en,
           ${bySystem ? sql`s.id` : sql`NULL::uuid`} AS system_id, ${bySystem ? sql`s.name` : sql`NULL::text`} AS system_name,
           count(*)::int AS total,
           count(*) FILTER (WHERE f.fixed)::int AS fixed,
           count(*) FILTER (WHERE NOT f.fixed AND ${accepted})::int AS accepted,
           count(*) FILTER (WHERE NOT f.fixed AND NOT ${accepted})::int AS open,
           count(*) FILTER (WHERE NOT f.fixed AND NOT ${accepted} AND f.due_on < ${today}::date)::int AS overdue,
           count(*) FILTER (WHERE NOT f.fixed AND f.known_exploited)::int AS kev_open
      FROM assessment_findings f
      JOIN org_units o ON o.id = f.unit_id
      ${bySystem ? sql`JOIN systems s ON s.id = f.system_id` : sql``}
     WHERE ${scopeSql(scope, sql`f.unit_path`)}
     GROUP BY o.id, o.name_ja, o.name_en ${bySystem ? sql`, s.id, s.name` : sql``}
     ORDER BY overdue DESC, open DESC, o.name_en ${bySystem ? sql`, s.name` : sql``}
     LIMIT 1000`)) as unknown as { rows: Row[] };
  return result.rows.map((r) => ({
    unit: { id: r.unit_id, nameJa: r.unit_ja, nameEn: r.unit_en },
    system: r.system_id ? { id: r.system_id, nameJa: r.system_name ?? '', nameEn: r.system_name ?? '' } : null,
    total: r.total,
    fixed: r.fixed,
    open: r.open,
    accepted: r.accepted,
    overdue: r.overdue,
    knownExploitedOpen: r.kev_open,
    remediationRate: r.fixed + r.open > 0 ? Math.round((r.fixed / (r.fixed + r.open)) * 1000) / 1000 : null,
  }));
}
