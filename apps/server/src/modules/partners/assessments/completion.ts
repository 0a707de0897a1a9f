import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';

/**
 * Which of `units` (id and path) have finished the check-sheet campaign `campaignId`: every check sheet of the
 * campaign whose partner works with a unit of the unit's subtree (partner_org_units) is submitted (or closed), and
 * there is at least one. Done at the last submission; shown on the campaign's page. Read from the campaign's sheets up
 * to the asked units among their units' ancestors.
 */
export async function partnerCampaignCompletion(
  db: Db,
  campaignId: string,
  units: readonly { id: string; path: string }[],
): Promise<{ unitId: string; doneAt: Date; href: string }[]> {
  if (!units.length) return [];
  const rows = await queryRows<{ unit_id: string; done_at: string | Date }>(
    db,
    sql`SELECT u.id::text AS unit_id, max(a.submitted_at) AS done_at
      FROM partner_assessments a
      JOIN partner_org_units po ON po.partner_id = a.partner_id
      JOIN org_units ou ON ou.id = po.org_unit_id
      CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from ou.path), '/')::uuid[]) AS anc(id)
      JOIN jsonb_to_recordset(${JSON.stringify(units)}::jsonb) AS u(id uuid, path text) ON u.id = anc.id
      WHERE a.campaign_id = ${campaignId}
      GROUP BY u.id
      HAVING count(*) FILTER (WHERE a.status NOT IN ('submitted', 'closed') OR a.submitted_at IS NULL) = 0`,
  );
  return rows.map((r) => ({ unitId: r.unit_id, doneAt: new Date(r.done_at), href: `/partner-campaigns/${campaignId}` }));
}

/** Check-sheet campaigns, newest first (a plan activity's picker), or those with these ids. */
export async function partnerCampaignTargets(db: Db, q: { ids?: readonly string[]; limit: number }) {
  const rows = await queryRows<{ id: string; name: string; due: string }>(
    db,
    sql`SELECT id::text, name, to_char(due_on, 'YYYY-MM-DD') AS due FROM partner_campaigns
      ${q.ids ? sql`WHERE id::text IN (SELECT jsonb_array_elements_text(${JSON.stringify(q.ids)}::jsonb))` : sql``}
      ORDER BY created_at DESC, id LIMIT ${q.limit}`,
  );
  return rows.map((r) => ({ id: r.id, name: { ja: r.name, en: r.name }, date: r.due }));
}
