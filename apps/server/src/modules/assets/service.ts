import { inArray } from 'drizzle-orm';
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
