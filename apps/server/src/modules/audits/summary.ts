import type { AttentionItem, AuditProgrammeSummary } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Principal } from '../../platform/access/principal';
import { escapeLike, scopeOf, scopeSql } from '../../platform/access/scope';
import { queryRows } from '../../db/sql';
import { myAuditorId } from './access';
import { todayTokyo } from './auditors';

/**
 * For the management review and the dashboard: a fiscal year's internal audits in a subtree (audits by state,
 * findings by type, nonconformities still open and overdue). The caller has applied its own access rule to
 * `unitPath`. Two aggregate statements on the path indexes.
 */
export async function auditProgrammeSummary(
  db: Db,
  { fiscalYear, unitPath }: { fiscalYear: number; unitPath: string },
): Promise<AuditProgrammeSummary> {
  const like = escapeLike(unitPath) + '%';
  const [a] = await queryRows<Record<string, number>>(
    db,
    sql`
    SELECT count(*) filter (where state = 'planned')::int AS planned,
           count(*) filter (where state = 'in_progress')::int AS in_progress,
           count(*) filter (where state = 'reported')::int AS reported,
           count(*) filter (where state = 'closed')::int AS closed,
           count(*)::int AS total
    FROM internal_audits WHERE unit_path LIKE ${like} AND fiscal_year = ${fiscalYear}`,
  );
  const [f] = await queryRows<Record<string, number>>(
    db,
    sql`
    SELECT count(*) filter (where type = 'major')::int AS major,
           count(*) filter (where type = 'minor')::int AS minor,
           count(*) filter (where type = 'observation')::int AS observation,
           count(*) filter (where type = 'good_practice')::int AS good_practice,
           count(*) filter (where state IN ('open', 'answered'))::int AS open,
           count(*) filter (where state IN ('open', 'answered') AND due_date < ${todayTokyo()}::date)::int AS overdue
    FROM audit_findings WHERE unit_path LIKE ${like} AND fiscal_year = ${fiscalYear}`,
  );
  const n = (v: unknown) => Number(v ?? 0);
  return {
    fiscalYear,
    audits: {
      planned: n(a?.planned),
      inProgress: n(a?.in_progress),
      reported: n(a?.reported),
      closed: n(a?.closed),
      total: n(a?.total),
    },
    findings: { major: n(f?.major), minor: n(f?.minor), observation: n(f?.observation), good_practice: n(f?.good_practice) },
    openNonconformities: n(f?.open),
    overdueNonconformities: n(f?.overdue),
  };
}

/**
 * "Needs my attention": audits the signed-in auditor has to do (planned or in progress), nonconformities of their
 * units waiting for an answer (findings:answer), and answered ones waiting for their verification. Due first.
 */
/** A unit's (or zone's) name in the reader's language, as SQL on the alias `t` (a constant of this file). */
const localName = (principal: Principal, t: string) =>
  sql.raw(principal.language === 'en' ? `coalesce(nullif(${t}.name_en, ''), ${t}.name_ja)` : `${t}.name_ja`);

export async function attentionFor(db: Db, principal: Principal, limit: number): Promise<AttentionItem[]> {
  if (principal.kind !== 'internal' || limit <= 0) return [];
  const me = await myAuditorId(db, principal);
  const today = todayTokyo();
  const answer = scopeOf(principal, 'findings:answer');
  const conduct = scopeOf(principal, 'audits:conduct');
  const parts = [];
  const name = localName(principal, 'u');
  if (me && conduct.kind !== 'none') {
    parts.push(sql`SELECT 'auditToDo' AS kind, a.id, ${name} AS title, a.planned_to AS due,
        '/audits/' || a.id AS href
      FROM internal_audits a JOIN org_units u ON u.id = a.unit_id
      WHERE a.state IN ('planned', 'in_progress') AND (a.lead_auditor_id = ${me} OR ${me}::uuid = ANY(a.co_auditor_ids))
        AND ${scopeSql(conduct, sql`a.unit_path`)}`);
    parts.push(sql`SELECT 'findingToVerify' AS kind, f.id, ${name} || ' #' || f.number AS title,
        f.due_date AS due, '/audit-findings/' || f.id AS href
      FROM audit_findings f JOIN internal_audits a ON a.id = f.audit_id JOIN org_units u ON u.id = f.unit_id
      WHERE f.state = 'answered' AND (a.lead_auditor_id = ${me} OR ${me}::uuid = ANY(a.co_auditor_ids))
        AND ${scopeSql(conduct, sql`f.unit_path`)}`);
  }
  if (answer.kind !== 'none')
    parts.push(sql`SELECT 'findingToAnswer' AS kind, f.id, ${name} || ' #' || f.number AS title,
        f.due_date AS due, '/audit-findings/' || f.id AS href
      FROM audit_findings f JOIN org_units u ON u.id = f.unit_id
      WHERE f.state = 'open' AND ${scopeSql(answer, sql`f.unit_path`)}`);
  if (!parts.length) return [];
  const rows = await queryRows<{ kind: string; id: string; title: string; due: string | null; href: string }>(
    db,
    sql`
    SELECT kind, id, title, due::text AS due, href FROM (${sql.join(parts, sql` UNION ALL `)}) x
    ORDER BY due NULLS LAST, id LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    domain: 'audits',
    kind: r.kind,
    id: r.id,
    title: r.title,
    dueAt: r.due ? `${r.due}T23:59:59+09:00` : null,
    overdue: !!r.due && r.due < today,
    href: r.href,
  }));
}
