import type { AssetClass, ClassificationScheme, CustomFields } from '@mamori/contracts';
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { escapeLike } from '../../platform/access/scope';
import { orgUnits } from '../org/tables';
import type { Db } from '../../db/client';
import { effectiveSetting } from '../../platform/settings/effective';
import type { Ctx } from '../../platform/tx';
import { classificationSetting, customFieldsSetting } from './classification/settings';
import { myPersonId } from './ledger/check';
import { canSee } from './ledger/visibility';
import { assets } from './tables';

/**
 * What other domains may use of the assets domain (take-outs, inventory reviews, risks, audits, the dashboard).
 * Other domains never read the assets tables or settings themselves.
 */

export interface AssetRef {
  id: string;
  name: string;
  unitId: string;
  unitPath: string;
  classCode: string;
  ownerId: string;
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
      ownerId: assets.ownerId,
      status: assets.status,
    })
    .from(assets)
    .where(inArray(assets.id, [...new Set(ids)]));
}

/** The classification scheme that applies to the unit (its company's own, else the group's, else the default). */
export async function effectiveClassification(db: Db, unitId: string | null): Promise<ClassificationScheme> {
  return (await effectiveSetting(db, classificationSetting, unitId)).value;
}

/** The class `classCode` of the unit's scheme, with its handling rules; null when the scheme has no such class. */
export async function classOf(db: Db, unitId: string, classCode: string): Promise<AssetClass | null> {
  return (await effectiveClassification(db, unitId)).classes.find((c) => c.code === classCode) ?? null;
}

/** The custom asset fields that apply to the unit. */
export async function effectiveAssetFields(db: Db, unitId: string | null): Promise<CustomFields> {
  return (await effectiveSetting(db, customFieldsSetting, unitId)).value;
}

/**
 * Whether the caller may see the asset (the ledger's rule, ledger/visibility.ts): assets:read in scope, and for
 * the scheme's top rank (極秘) only the owner or an assets:manage holder in scope.
 */
export async function canSeeAsset(
  ctx: Ctx,
  asset: Pick<AssetRef, 'unitId' | 'unitPath' | 'classCode' | 'ownerId'>,
): Promise<boolean> {
  const scheme = await effectiveClassification(ctx.db, asset.unitId);
  return canSee(ctx, scheme, asset, await myPersonId(ctx.db, ctx));
}

export interface LedgerCount {
  unitId: string;
  classCode: string;
  /** active assets */
  count: number;
}

/** Active assets per unit and class, for these units only (not their subtrees): what an inventory campaign shows. */
export async function unitLedgerSummary(db: Db, unitIds: readonly string[]): Promise<LedgerCount[]> {
  if (!unitIds.length) return [];
  const out: LedgerCount[] = [];
  const ids = [...new Set(unitIds)];
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .select({ unitId: assets.unitId, classCode: assets.classCode, count: count() })
      .from(assets)
      .where(and(inArray(assets.unitId, ids.slice(i, i + 5000)), eq(assets.status, 'active')))
      .groupBy(assets.unitId, assets.classCode);
    for (const r of rows) out.push({ unitId: r.unitId, classCode: r.classCode, count: Number(r.count) });
  }
  return out;
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
      ownerId: assets.ownerId,
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
      ownerId: assets.ownerId,
    })
    .from(assets)
    .where(and(eq(assets.unitId, unitId), eq(assets.status, 'active')))
    .orderBy(asc(assets.name))
    .limit(limit);
}

/** Figures for the dashboard and reports, and "needs my attention" (issue #15). */
export {
  assetsByClass,
  assetsByClassEach,
  attentionFor,
  inventoryProgress,
  takeOutFigures,
  type InventoryProgress,
} from './figures';

/** The yearly plan's linked activities (plans `plans.linked` job and editor): who finished an inventory campaign. */
export { assetReviewCompletion, assetReviewTargets, type UnitAsked, type UnitDone } from './reviews/completion';
