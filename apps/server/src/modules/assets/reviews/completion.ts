import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';

/** A unit (its id and materialized path) whose completion another domain asks about. */
export interface UnitAsked {
  id: string;
  path: string;
}

/** A unit found done in a campaign: when, and the app path that shows its result. */
export interface UnitDone {
  unitId: string;
  doneAt: Date;
  href: string;
}

/**
 * Which of `units` have finished the inventory campaign `reviewId`: every unit of the campaign in the unit's subtree
 * (the unit itself, or its departments and sections when the campaign asked those) has confirmed its ledger, and
 * there is at least one. Done at the last confirmation. One statement over the campaign's own rows.
 */
export async function assetReviewCompletion(db: Db, reviewId: string, units: readonly UnitAsked[]): Promise<UnitDone[]> {
  if (!units.length) return [];
  // from the campaign's rows up to the asked units among their ancestors (an equality join per path segment), never a
  // pattern match per asked unit
  const rows = await queryRows<{ unit_id: string; done_at: string | Date; own: boolean }>(
    db,
    sql`SELECT u.id::text AS unit_id, max(r.confirmed_at) AS done_at, bool_or(r.unit_id = u.id) AS own
      FROM asset_review_units r
      CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from r.unit_path), '/')::uuid[]) AS anc(id)
      JOIN jsonb_to_recordset(${JSON.stringify(units)}::jsonb) AS u(id uuid, path text) ON u.id = anc.id
      WHERE r.review_id = ${reviewId}
      GROUP BY u.id
      HAVING count(*) FILTER (WHERE r.status <> 'confirmed') = 0`,
  );
  return rows.map((r) => ({
    unitId: r.unit_id,
    doneAt: new Date(r.done_at),
    href: r.own ? `/asset-reviews/${reviewId}/units/${r.unit_id}` : `/asset-reviews/${reviewId}`,
  }));
}

/** Inventory campaigns, newest first (a plan activity's picker), or those with these ids. */
export async function assetReviewTargets(db: Db, q: { ids?: readonly string[]; limit: number }) {
  const rows = await queryRows<{ id: string; ja: string; en: string; due: string }>(
    db,
    sql`SELECT id::text, title_ja AS ja, title_en AS en, to_char(due_on, 'YYYY-MM-DD') AS due FROM asset_reviews
      ${q.ids ? sql`WHERE id::text IN (SELECT jsonb_array_elements_text(${JSON.stringify(q.ids)}::jsonb))` : sql``}
      ORDER BY created_at DESC, id LIMIT ${q.limit}`,
  );
  return rows.map((r) => ({ id: r.id, name: { ja: r.ja, en: r.en }, date: r.due }));
}
