import type { AttentionItem } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import type { Principal } from '../../../platform/access/principal';
import type { Scope } from '../../../platform/access/scope';
import { partnerScopeSql } from '../access';

/**
 * Read functions for the dashboard and reports (issue #15). The partners list keeps each partner's latest score on
 * its own row (partners.latest_score), so "below threshold" is one pass over the active partners in scope; open
 * improvement requests come through their (status, due) index.
 */
export interface PartnerProgramme {
  active: number;
  scored: number;
  belowThreshold: number;
  /** improvement requests open or returned whose due day has passed */
  overdueRequests: number;
  openRequests: number;
  /** latest scores in bands of 10 (0–9, 10–19 … 90–100) */
  bands: number[];
}

export async function partnerProgramme(db: Db, scope: Scope): Promise<PartnerProgramme> {
  const inScope = partnerScopeSql(scope, sql`p.id`);
  const [head] = await queryRows<{ active: number; scored: number; below: number; overdue: number; open: number }>(
    db,
    sql`SELECT count(*)::int AS active, count(p.latest_score)::int AS scored,
          count(*) FILTER (WHERE p.latest_score < coalesce((SELECT t.threshold FROM partner_tier_thresholds t WHERE t.tier = p.tier), 80))::int AS below,
          (SELECT count(*)::int FROM improvement_requests r JOIN partners p ON p.id = r.partner_id
            WHERE ${inScope} AND r.status IN ('open', 'returned') AND r.due_on < current_date) AS overdue,
          (SELECT count(*)::int FROM improvement_requests r JOIN partners p ON p.id = r.partner_id
            WHERE ${inScope} AND r.status IN ('open', 'returned', 'answered')) AS open
        FROM partners p WHERE p.status = 'active' AND ${inScope}`,
  );
  const bands = await queryRows<{ band: number; n: number }>(
    db,
    sql`SELECT least(floor(p.latest_score / 10), 9)::int AS band, count(*)::int AS n
        FROM partners p WHERE p.status = 'active' AND p.latest_score IS NOT NULL AND ${inScope} GROUP BY 1`,
  );
  return {
    active: head?.active ?? 0,
    scored: head?.scored ?? 0,
    belowThreshold: head?.below ?? 0,
    overdueRequests: head?.overdue ?? 0,
    openRequests: head?.open ?? 0,
    bands: Array.from({ length: 10 }, (_, i) => bands.find((b) => b.band === i)?.n ?? 0),
  };
}

/**
 * "Needs my attention": for a partner account, its company's improvement requests waiting for its answer (open or
 * returned); for an internal owner, the requests they own that are answered and wait for their decision.
 */
export async function attentionFor(db: Db, principal: Principal, limit: number): Promise<AttentionItem[]> {
  const rows =
    principal.kind === 'partner'
      ? principal.partnerId
        ? await queryRows<{ id: string; requirement_id: string; due_on: string; status: string }>(
            db,
            sql`SELECT r.id::text, r.requirement_id, r.due_on::text, r.status FROM improvement_requests r
                WHERE r.partner_id = ${principal.partnerId} AND r.status IN ('open', 'returned')
                ORDER BY r.due_on, r.id LIMIT ${limit}`,
          )
        : []
      : await queryRows<{ id: string; requirement_id: string; due_on: string; status: string }>(
          db,
          sql`SELECT r.id::text, r.requirement_id, r.due_on::text, r.status FROM improvement_requests r
              WHERE r.owner_id = ${principal.userId} AND r.status = 'answered'
              ORDER BY r.due_on, r.id LIMIT ${limit}`,
        );
  const today = new Date().toISOString().slice(0, 10);
  return rows.map((r) => ({
    domain: 'partners',
    kind: principal.kind === 'partner' ? 'improvementAnswer' : 'improvementDecision',
    id: r.id,
    title: r.requirement_id,
    dueAt: `${r.due_on}T00:00:00+09:00`,
    overdue: r.due_on < today,
    href: principal.kind === 'partner' ? '/portal/improvements' : `/improvement-requests?status=answered`,
  }));
}
