import { fiscalYearDays } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import type { Scope } from '../../platform/access/scope';
import { caseScopeSql } from './cases/visibility';

/**
 * Read functions for the dashboard and reports (issue #15). Open cases are read through the status index
 * (vulnerabilities_status_idx); published advisories through their release index.
 */

/** Days from receipt within which a case of each severity should be remediated (PSIRT's working target). */
export const REMEDIATION_SLA_DAYS: Record<string, number> = { critical: 30, high: 60, medium: 90, low: 180, none: 180 };

export interface OpenVulnerabilities {
  severity: string;
  withinSla: number;
  pastSla: number;
}

const OPEN = sql`('new', 'triage', 'investigating', 'remediating')`;

/** Open cases in scope by severity (CVSS 4.0 where given, else 3.1; unscored as 'none'), within or past the SLA. */
export async function openVulnerabilities(db: Db, scope: Scope, now: Date): Promise<OpenVulnerabilities[]> {
  const rows = await queryRows<{ severity: string; days: number; n: number }>(
    db,
    sql`SELECT coalesce(vulnerabilities.cvss40_severity, vulnerabilities.cvss31_severity, 'none') AS severity,
               floor(extract(epoch FROM (${now.toISOString()}::timestamptz - vulnerabilities.created_at)) / 86400)::int AS days,
               count(*)::int AS n
        FROM vulnerabilities WHERE vulnerabilities.status IN ${OPEN} AND ${caseScopeSql(scope)} GROUP BY 1, 2`,
  );
  return ['critical', 'high', 'medium', 'low', 'none'].map((severity) => {
    const sla = REMEDIATION_SLA_DAYS[severity]!;
    const of = rows.filter((r) => r.severity === severity);
    return {
      severity,
      withinSla: of.filter((r) => r.days <= sla).reduce((s, r) => s + r.n, 0),
      pastSla: of.filter((r) => r.days > sla).reduce((s, r) => s + r.n, 0),
    };
  });
}

/** Advisories first published in each fiscal year (April–March, Tokyo) of `years`. */
export async function advisoriesPublished(db: Db, scope: Scope, years: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const fy of years) {
    const { from, to } = fiscalYearDays(fy);
    const [r] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM advisories a JOIN vulnerabilities ON vulnerabilities.id = a.vulnerability_id
          WHERE a.initial_release_at >= ${`${from}T00:00:00+09:00`}::timestamptz
            AND a.initial_release_at < (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Tokyo' AND ${caseScopeSql(scope)}`,
    );
    out.set(fy, r?.n ?? 0);
  }
  return out;
}

/** Cases received in the fiscal year, and of them closed (fixed and disclosed or closed). */
export async function vulnerabilitiesReceived(db: Db, scope: Scope, fy: number): Promise<{ received: number; closed: number }> {
  const { from, to } = fiscalYearDays(fy);
  const [r] = await queryRows<{ received: number; closed: number }>(
    db,
    sql`SELECT count(*)::int AS received, count(*) FILTER (WHERE vulnerabilities.status IN ('disclosed', 'closed'))::int AS closed
        FROM vulnerabilities WHERE vulnerabilities.created_at >= ${`${from}T00:00:00+09:00`}::timestamptz
          AND vulnerabilities.created_at < (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Tokyo' AND ${caseScopeSql(scope)}`,
  );
  return r ?? { received: 0, closed: 0 };
}
