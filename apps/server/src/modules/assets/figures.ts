import type { AttentionItem } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import type { Principal } from '../../platform/access/principal';
import { inSubtree, scopeOf, scopeSql, subtreesFrom, type Scope } from '../../platform/access/scope';

/**
 * Read functions for the dashboard and reports (issue #15): the latest inventory campaign's confirmations (one
 * index range per campaign), take-outs waiting for approval or overdue, and "needs my attention" for approvers and
 * the units that confirm an inventory.
 */
export interface InventoryProgress {
  review: { id: string; titleJa: string; titleEn: string; dueOn: string } | null;
  units: number;
  confirmed: number;
  /** confirmed units per site (null: above any site) */
  sites: { siteId: string | null; nameJa: string; nameEn: string; units: number; confirmed: number }[];
}

export async function inventoryProgress(db: Db, scope: Scope): Promise<InventoryProgress> {
  const [review] = await queryRows<{ id: string; title_ja: string; title_en: string; due_on: string }>(
    db,
    sql`SELECT r.id::text, r.title_ja, r.title_en, r.due_on::text FROM asset_reviews r
        WHERE EXISTS (SELECT 1 FROM asset_review_units u WHERE u.review_id = r.id AND ${scopeSql(scope, sql`u.unit_path`)})
        ORDER BY r.created_at DESC LIMIT 1`,
  );
  if (!review) return { review: null, units: 0, confirmed: 0, sites: [] };
  const rows = await queryRows<{
    site_id: string | null;
    name_ja: string | null;
    name_en: string | null;
    units: number;
    confirmed: number;
  }>(
    db,
    sql`SELECT u.site_id::text, s.name_ja, s.name_en, count(*)::int AS units,
               count(*) FILTER (WHERE u.status = 'confirmed')::int AS confirmed
        FROM asset_review_units u LEFT JOIN org_units s ON s.id = u.site_id
        WHERE u.review_id = ${review.id} AND ${scopeSql(scope, sql`u.unit_path`)}
        GROUP BY 1, 2, 3 ORDER BY 3`,
  );
  return {
    review: { id: review.id, titleJa: review.title_ja, titleEn: review.title_en, dueOn: review.due_on },
    units: rows.reduce((s, r) => s + r.units, 0),
    confirmed: rows.reduce((s, r) => s + r.confirmed, 0),
    sites: rows.map((r) => ({
      siteId: r.site_id,
      nameJa: r.name_ja ?? '（サイト外）',
      nameEn: r.name_en ?? '(above sites)',
      units: r.units,
      confirmed: r.confirmed,
    })),
  };
}

/**
 * Active assets in scope by class code, summed from the per-(unit path, class) roll-up `asset_class_counts` (migration
 * asset_class_rollup, kept by statement triggers on assets): a few thousand rows, never the ledger itself.
 */
export async function assetsByClass(db: Db, scope: Scope): Promise<{ classCode: string; count: number }[]> {
  return queryRows<{ classCode: string; count: number }>(
    db,
    sql`SELECT class_code AS "classCode", sum(assets)::int AS count FROM asset_class_counts
        WHERE assets <> 0 AND ${scopeSql(scope, sql`unit_path`)} GROUP BY 1 HAVING sum(assets) > 0 ORDER BY 1`,
  );
}

/** `assetsByClass` for several subtrees in one statement, in the order of `paths` (the group overview). */
export async function assetsByClassEach(db: Db, paths: string[]): Promise<{ classCode: string; count: number }[][]> {
  if (!paths.length) return [];
  const rows = await queryRows<{ path: string; classCode: string; count: number }>(
    db,
    sql`SELECT subtree.path, r.class_code AS "classCode", sum(r.assets)::int AS count
        FROM ${subtreesFrom(paths)} JOIN asset_class_counts r ON ${inSubtree(sql`r.unit_path`)}
        WHERE r.assets <> 0 GROUP BY 1, 2 HAVING sum(r.assets) > 0 ORDER BY 1, 2`,
  );
  return paths.map((p) => rows.filter((r) => r.path === p).map(({ classCode, count }) => ({ classCode, count })));
}

/** Take-outs waiting for approval and approved ones past their last day, in scope. */
export async function takeOutFigures(db: Db, scope: Scope): Promise<{ pending: number; overdue: number }> {
  const [r] = await queryRows<{ pending: number; overdue: number }>(
    db,
    sql`SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
               count(*) FILTER (WHERE status = 'approved' AND period_to < current_date)::int AS overdue
        FROM take_outs WHERE status IN ('pending', 'approved') AND ${scopeSql(scope, sql`unit_path`)}`,
  );
  return r ?? { pending: 0, overdue: 0 };
}

/**
 * "Needs my attention": take-outs whose current step names me as an approver, and the inventory confirmations of
 * units in my asset-reviews:confirm scope that are still pending.
 */
export async function attentionFor(db: Db, principal: Principal, limit: number): Promise<AttentionItem[]> {
  if (principal.kind !== 'internal') return [];
  const now = Date.now();
  const takeOuts = await queryRows<{ id: string; purpose: string; period_from: string }>(
    db,
    sql`SELECT t.id::text, t.purpose, t.period_from::text FROM take_out_approvers a JOIN take_outs t ON t.id = a.take_out_id
        WHERE a.user_id = ${principal.userId} AND t.status = 'pending' AND t.current_step = a.position
        ORDER BY t.period_from, t.id LIMIT ${limit}`,
  );
  const confirm = scopeOf(principal, 'asset-reviews:confirm');
  const reviews =
    confirm.kind === 'none'
      ? []
      : await queryRows<{ review_id: string; unit_id: string; title_ja: string; title_en: string; due_on: string; code: string }>(
          db,
          sql`SELECT u.review_id::text, u.unit_id::text, r.title_ja, r.title_en, r.due_on::text, u.unit_code AS code
              FROM asset_review_units u JOIN asset_reviews r ON r.id = u.review_id
              WHERE u.status = 'pending' AND ${scopeSql(confirm, sql`u.unit_path`)}
              ORDER BY r.due_on, u.unit_code LIMIT ${limit}`,
        );
  const day = (d: string) => `${d}T00:00:00+09:00`;
  return [
    ...takeOuts.map((t) => ({
      domain: 'take-outs',
      kind: 'takeOutApproval',
      id: t.id,
      title: t.purpose,
      dueAt: day(t.period_from),
      overdue: new Date(day(t.period_from)).getTime() < now,
      href: `/take-outs/${t.id}`,
    })),
    ...reviews.map((r) => ({
      domain: 'asset-reviews',
      kind: 'inventoryConfirmation',
      id: `${r.review_id}:${r.unit_id}`,
      title: `${principal.language === 'en' ? r.title_en : r.title_ja} · ${r.code}`,
      dueAt: day(r.due_on),
      overdue: new Date(`${r.due_on}T23:59:59+09:00`).getTime() < now,
      href: `/asset-reviews/${r.review_id}`,
    })),
  ];
}
