import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
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
