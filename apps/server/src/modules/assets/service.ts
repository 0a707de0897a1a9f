import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { escapeLike } from '../../platform/access/scope';
import { orgUnits } from '../org/tables';
import { assets } from './tables';

/**
 * What other domains may use of the assets domain (risks, take-outs' neighbours, audits, the dashboard).
 * Other domains never read the assets tables themselves.
 */

export interface AssetRef {
  id: string;
  name: string;
  unitId: string;
  unitPath: string;
  classCode: string;
  status: 'active' | 'disposed';
}

/** The assets with these ids (any that do not exist are simply missing from the answer). */
export async function assetsByIds(db: Db, ids: readonly string[]): Promise<AssetRef[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: assets.id,
      name: assets.name,
      unitId: assets.unitId,
      unitPath: assets.unitPath,
      classCode: assets.classCode,
      status: assets.status,
    })
    .from(assets)
    .where(inArray(assets.id, [...new Set(ids)]));
}

// ---------------------------------------------------------------------------------------------------------------
// Read functions for take-outs and inventory campaigns (assets/take-outs, assets/reviews)
// ---------------------------------------------------------------------------------------------------------------

export interface PickableAsset extends AssetRef {
  kind: string;
  unitNameJa: string;
  unitNameEn: string;
}

/**
 * Active assets inside any of the org subtrees `paths` (materialized path prefixes), optionally whose name contains
 * `q`, by name: the take-out asset picker (the requester's own units) and the demo loaders.
 */
export async function assetsInUnits(
  db: Db,
  paths: readonly string[],
  opts: { q?: string; limit: number },
): Promise<PickableAsset[]> {
  if (paths.length === 0) return [];
  const inPaths = sql.join(
    paths.map((p) => sql`${assets.unitPath} LIKE ${escapeLike(p) + '%'}`),
    sql` OR `,
  );
  return db
    .select({
      id: assets.id,
      name: assets.name,
      unitId: assets.unitId,
      unitPath: assets.unitPath,
      classCode: assets.classCode,
      status: assets.status,
      kind: assets.kind,
      unitNameJa: orgUnits.nameJa,
      unitNameEn: orgUnits.nameEn,
    })
    .from(assets)
    .innerJoin(orgUnits, eq(orgUnits.id, assets.unitId))
    .where(
      and(
        sql`(${inPaths})`,
        eq(assets.status, 'active'),
        opts.q ? sql`${assets.name} ILIKE ${`%${escapeLike(opts.q)}%`}` : undefined,
      ),
    )
    .orderBy(asc(assets.name), asc(assets.id))
    .limit(opts.limit);
}

export interface LedgerCounts {
  total: number;
  byClass: Record<string, number>;
}

/** Active assets per unit and class (the unit's own ledger, not its subtree): what an inventory confirms. */
export async function ledgerCountsByUnit(db: Db, unitIds: readonly string[]): Promise<Map<string, LedgerCounts>> {
  const out = new Map<string, LedgerCounts>();
  if (unitIds.length === 0) return out;
  const rows = await db
    .select({ unitId: assets.unitId, classCode: assets.classCode, n: sql<number>`count(*)::int` })
    .from(assets)
    .where(and(inArray(assets.unitId, [...new Set(unitIds)]), eq(assets.status, 'active')))
    .groupBy(assets.unitId, assets.classCode);
  for (const r of rows) {
    const c = out.get(r.unitId) ?? { total: 0, byClass: {} };
    c.total += r.n;
    c.byClass[r.classCode] = r.n;
    out.set(r.unitId, c);
  }
  return out;
}

// Read function for the risks domain's demo and pickers
/** A few active assets of one unit (for demo data and pickers of other domains), by name. */
export async function assetsOfUnit(db: Db, unitId: string, limit = 20): Promise<AssetRef[]> {
  return db
    .select({
      id: assets.id,
      name: assets.name,
      unitId: assets.unitId,
      unitPath: assets.unitPath,
      classCode: assets.classCode,
      status: assets.status,
    })
    .from(assets)
    .where(and(eq(assets.unitId, unitId), eq(assets.status, 'active')))
    .orderBy(asc(assets.name))
    .limit(limit);
}
