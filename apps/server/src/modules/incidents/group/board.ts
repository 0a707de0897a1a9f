import {
  SEVERITIES,
  type GroupIncident,
  type GroupIncidentSharing,
  type GroupShareReason,
  type IncidentStatus,
} from '@mamori/contracts';
import { inArray, sql } from 'drizzle-orm';
import { queryRows } from '../../../db/sql';
import { escapeLike, scopeOf, scopeSql } from '../../../platform/access/scope';
import { notFound } from '../../../platform/errors/app-error';
import { effectiveSetting } from '../../../platform/settings/effective';
import type { Ctx } from '../../../platform/tx';
import { companyById, companyOfPathSql } from '../../org/service';
import { incidentType, ruleById, rulesCatalog } from '../catalog';
import { incidentDeadlines } from '../tables';
import { groupIncidentSharingSetting } from './setting';

/**
 * The holding CSIRT's board (issue #22): a projection computed from the cases themselves on every read, not a copy
 * kept in step — so a case's status, severity and clocks on the board are always the case's own, and a case that
 * stops meeting the rule (severity lowered) leaves the board. Only the fields the holding needs are read: number,
 * company, type, severity, status, the one-line summary (title), whether personal data is involved, the clocks.
 * Never the description, evidence, timeline, people or tasks.
 */

type Severity = (typeof SEVERITIES)[number];

interface Row {
  id: string;
  number: string;
  type_id: string;
  severity: Severity;
  status: IncidentStatus;
  title: string;
  personal_data: boolean;
  reported_at: Date | string;
  aware_at: Date | string;
  closed_at: Date | string | null;
  updated_at: Date | string;
  next_due_at: Date | string | null;
  regulatory_due: boolean;
  company_id: string | null;
  company_ja: string | null;
  company_en: string | null;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

/** Clocks of the incident catalogue that are contractual (a customer's), not a regulator's. */
const contractRuleIds = () =>
  rulesCatalog()
    .rules.filter((r) => r.jurisdiction === 'contract')
    .map((r) => r.id);

/** The SQL condition "this case is shared with the holding" under the rule. */
export function sharedSql(rule: GroupIncidentSharing) {
  const severities = SEVERITIES.slice(SEVERITIES.indexOf(rule.minSeverity));
  const parts = [
    sql`i.severity IN (${sql.join(
      severities.map((s) => sql`${s}`),
      sql`, `,
    )})`,
  ];
  if (rule.personalData) parts.push(sql`(i.facts->>'personalData')::boolean IS TRUE`);
  if (rule.typeIds.length)
    parts.push(
      sql`i.type_id IN (${sql.join(
        rule.typeIds.map((t) => sql`${t}`),
        sql`, `,
      )})`,
    );
  if (rule.regulatoryReportDue) parts.push(regulatorySql());
  return sql`(${sql.join(parts, sql` OR `)})`;
}

export function regulatorySql() {
  const contract = contractRuleIds();
  return sql`EXISTS (SELECT 1 FROM incident_deadlines d WHERE d.incident_id = i.id AND d.met_at IS NULL
    AND d.waived_at IS NULL AND d.obsolete_at IS NULL
    ${
      contract.length
        ? sql`AND d.rule_id NOT IN (${sql.join(
            contract.map((c) => sql`${c}`),
            sql`, `,
          )})`
        : sql``
    })`;
}

export function reasonsOf(
  r: Pick<Row, 'severity' | 'personal_data' | 'type_id' | 'regulatory_due'>,
  rule: GroupIncidentSharing,
): GroupShareReason[] {
  const out: GroupShareReason[] = [];
  if (SEVERITIES.indexOf(r.severity) >= SEVERITIES.indexOf(rule.minSeverity)) out.push('severity');
  if (rule.personalData && r.personal_data) out.push('personal_data');
  if (rule.typeIds.includes(r.type_id)) out.push(r.type_id === 'ransomware' ? 'ransomware' : 'named_type');
  if (rule.regulatoryReportDue && r.regulatory_due) out.push('regulatory_report_due');
  return [...new Set(out)];
}

export async function listGroupIncidents(
  ctx: Ctx,
  q: { companyId?: string; state: 'open' | 'closed' | 'all'; limit: number },
): Promise<GroupIncident[]> {
  const db = ctx.db;
  const scope = scopeOf(ctx.principal, 'group-incidents:read');
  const rule = (await effectiveSetting(db, groupIncidentSharingSetting)).value;
  let companyPath: string | null = null;
  if (q.companyId) {
    const company = await companyById(db, q.companyId);
    if (!company) throw notFound();
    companyPath = company.path;
  }
  const rows = await queryRows<Row>(
    db,
    sql`SELECT i.id, i.number, i.type_id, i.severity, i.status, i.title,
          coalesce((i.facts->>'personalData')::boolean, false) AS personal_data,
          i.reported_at, i.aware_at, i.closed_at, i.updated_at, i.next_due_at,
          ${regulatorySql()} AS regulatory_due,
          c.id AS company_id, c.name_ja AS company_ja, c.name_en AS company_en
        FROM incidents i
        JOIN org_units o ON o.id = i.org_unit_id
        LEFT JOIN org_units c ON c.id = ${companyOfPathSql(sql`o.path`)}
       WHERE i.near_miss = false
         AND ${scopeSql(scope, sql`o.path`)}
         AND ${sharedSql(rule)}
         ${companyPath ? sql`AND o.path LIKE ${escapeLike(companyPath) + '%'}` : sql``}
         ${q.state === 'open' ? sql`AND i.status <> 'closed'` : q.state === 'closed' ? sql`AND i.status = 'closed'` : sql``}
       ORDER BY (i.status = 'closed'), i.next_due_at ASC NULLS LAST, i.reported_at DESC, i.id
       LIMIT ${q.limit}`,
  );
  if (!rows.length) return [];
  const clocks = await db
    .select()
    .from(incidentDeadlines)
    .where(
      sql`${inArray(
        incidentDeadlines.incidentId,
        rows.map((r) => r.id),
      )} AND ${incidentDeadlines.waivedAt} IS NULL AND ${incidentDeadlines.obsoleteAt} IS NULL`,
    )
    .orderBy(incidentDeadlines.dueAt);
  return rows.map((r) => {
    const type = incidentType(r.type_id);
    return {
      id: r.id,
      number: r.number,
      company: r.company_id ? { id: r.company_id, nameJa: r.company_ja ?? '', nameEn: r.company_en ?? '' } : null,
      typeId: r.type_id,
      typeNameJa: type?.ja ?? r.type_id,
      typeNameEn: type?.en ?? r.type_id,
      severity: r.severity,
      status: r.status,
      summary: r.title,
      personalData: r.personal_data,
      reasons: reasonsOf(r, rule),
      reportedAt: iso(r.reported_at)!,
      awareAt: iso(r.aware_at)!,
      closedAt: iso(r.closed_at),
      updatedAt: iso(r.updated_at)!,
      nextDueAt: iso(r.next_due_at),
      clocks: clocks
        .filter((d) => d.incidentId === r.id)
        .map((d) => {
          const label = ruleById(d.ruleId);
          const suffix = d.customer ? ` (${d.customer})` : '';
          return {
            ruleId: d.ruleId,
            titleJa: (label?.titleJa ?? d.ruleId) + suffix,
            titleEn: (label?.titleEn ?? d.ruleId) + suffix,
            dueAt: d.dueAt.toISOString(),
            metAt: d.metAt ? d.metAt.toISOString() : null,
            hard: d.hard,
          };
        }),
    };
  });
}
