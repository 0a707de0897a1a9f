import { fiscalYearOf } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../db/sql';
import type { Ctx } from '../../../platform/tx';
import { partnerScope, partnerScopeSql } from '../access';

/**
 * The programme at a glance, within the reader's scope: score distribution (latest score per partner, in
 * bands of 10), the trend by fiscal year (April–March, by the campaigns' due day), who is overdue, open improvement requests by age, partners without a
 * valid NDA, sub-contractors without prior notice, reopen requests waiting for a decision.
 */
export async function partnerDashboard(ctx: Ctx) {
  const inScope = partnerScopeSql(partnerScope(ctx, 'partners:read'), sql`p.id`);
  const [head] = await queryRows<{
    partners: number;
    unscored: number;
    no_nda: number;
    overdue_sheets: number;
    subs: number;
    overdue_irs: number;
    reopen_requests: number;
  }>(
    ctx.db,
    sql`SELECT
      count(*)::int AS partners,
      count(*) FILTER (WHERE p.latest_score IS NULL)::int AS unscored,
      count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM partner_ndas n WHERE n.partner_id = p.id
        AND n.valid_from <= current_date AND (n.valid_until IS NULL OR n.valid_until >= current_date)))::int AS no_nda,
      (SELECT count(*)::int FROM partner_assessments a JOIN partners p ON p.id = a.partner_id
        WHERE ${inScope} AND a.status IN ('draft', 'reopened') AND a.due_on < current_date) AS overdue_sheets,
      (SELECT count(*)::int FROM partner_subcontractors s JOIN partners p ON p.id = s.partner_id
        WHERE ${inScope} AND s.status = 'pending_notice') AS subs,
      (SELECT count(*)::int FROM improvement_requests r JOIN partners p ON p.id = r.partner_id
        WHERE ${inScope} AND r.status IN ('open', 'returned') AND r.due_on < current_date) AS overdue_irs,
      (SELECT count(*)::int FROM partner_reopen_requests q JOIN partners p ON p.id = q.partner_id
        WHERE ${inScope} AND q.status = 'pending') AS reopen_requests
    FROM partners p WHERE p.status = 'active' AND ${inScope}`,
  );
  const bands = await queryRows<{ band: number; count: number }>(
    ctx.db,
    sql`SELECT least(floor(p.latest_score / 10), 9)::int AS band, count(*)::int AS count
        FROM partners p WHERE p.latest_score IS NOT NULL AND p.status = 'active' AND ${inScope} GROUP BY 1`,
  );
  // Grouped by due day in SQL (a few campaign days), then by fiscal year with the one contracts function.
  const byDay = await queryRows<{ due_on: string; assessments: number; scored: number; score_sum: string | null; below: number }>(
    ctx.db,
    sql`SELECT c.due_on::text AS due_on, count(*)::int AS assessments, count(a.score)::int AS scored,
          sum(a.score)::text AS score_sum, count(*) FILTER (WHERE a.passed = false)::int AS below
        FROM partner_assessments a JOIN partner_campaigns c ON c.id = a.campaign_id JOIN partners p ON p.id = a.partner_id
        WHERE ${inScope} GROUP BY 1`,
  );
  const years = new Map<number, { assessments: number; scored: number; sum: number; below: number }>();
  for (const d of byDay) {
    const fy = fiscalYearOf(d.due_on);
    const y = years.get(fy) ?? { assessments: 0, scored: 0, sum: 0, below: 0 };
    y.assessments += d.assessments;
    y.scored += d.scored;
    y.sum += Number(d.score_sum ?? 0);
    y.below += d.below;
    years.set(fy, y);
  }
  const trend = [...years].sort(([a], [b]) => a - b);
  const ages = await queryRows<{ bucket: string; count: number }>(
    ctx.db,
    sql`SELECT CASE WHEN current_date - r.created_at::date <= 30 THEN '0-30'
                    WHEN current_date - r.created_at::date <= 90 THEN '31-90'
                    WHEN current_date - r.created_at::date <= 180 THEN '91-180' ELSE '181+' END AS bucket,
               count(*)::int AS count
        FROM improvement_requests r JOIN partners p ON p.id = r.partner_id
        WHERE ${inScope} AND r.status IN ('open', 'returned', 'answered') GROUP BY 1`,
  );
  const h = head!;
  return {
    partners: h.partners,
    unscored: h.unscored,
    scoreDistribution: Array.from({ length: 10 }, (_, i) => ({
      from: i * 10,
      to: i === 9 ? 100 : i * 10 + 10,
      count: bands.find((b) => b.band === i)?.count ?? 0,
    })),
    trend: trend.map(([fiscalYear, y]) => ({
      fiscalYear,
      assessments: y.assessments,
      averageScore: y.scored ? Math.round((10 * y.sum) / y.scored) / 10 : null,
      belowThreshold: y.below,
    })),
    overdueAssessments: h.overdue_sheets,
    openImprovementRequestsByAge: ['0-30', '31-90', '91-180', '181+'].map((bucket) => ({
      bucket,
      count: ages.find((a) => a.bucket === bucket)?.count ?? 0,
    })),
    overdueImprovementRequests: h.overdue_irs,
    partnersWithoutValidNda: h.no_nda,
    subcontractorsWithoutNotice: h.subs,
    pendingReopenRequests: h.reopen_requests,
  };
}
