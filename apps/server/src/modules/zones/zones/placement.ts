import type { z } from 'zod';
import type { AssetZone, ZoneAsset } from '@mamori/contracts';
import { asc, eq } from 'drizzle-orm';
import { fieldError, msg, notFound, unprocessable } from '../../../platform/errors/app-error';
import { lockRow } from '../../../platform/records/lock';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { assetsByIds, canSeeAsset } from '../../assets/service';
import { canManageSite } from '../access';
import { zoneOfAsset } from '../service';
import { zoneAssets, zones } from '../tables';
import { limitProblem, loadZone } from './records';

/** The assets kept in a zone that the reader may see (the ledger's need-to-know applies), by name. */
export async function assetsOfZone(ctx: Ctx, zoneId: string): Promise<z.infer<typeof ZoneAsset>[]> {
  await loadZone(ctx.db, ctx, zoneId);
  const links = await ctx.db
    .select()
    .from(zoneAssets)
    .where(eq(zoneAssets.zoneId, zoneId))
    .orderBy(asc(zoneAssets.placedAt))
    .limit(2000);
  const placed = new Map(links.map((l) => [l.assetId, l.placedAt]));
  const out: z.infer<typeof ZoneAsset>[] = [];
  for (const a of await assetsByIds(ctx.db, [...placed.keys()])) {
    if (a.status !== 'active' || !(await canSeeAsset(ctx, a))) continue;
    out.push({
      assetId: a.id,
      name: a.name,
      classCode: a.classCode,
      unitId: a.unitId,
      placedAt: placed.get(a.id)!.toISOString(),
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The zone where an asset is kept, for the asset's page: 404 for an asset the reader may not see (the ledger's
 * need-to-know), and no zone when it is kept in a zone outside the reader's sites (they learn nothing of it).
 */
export async function zoneOfVisibleAsset(ctx: Ctx, assetId: string): Promise<z.infer<typeof AssetZone>> {
  const [asset] = await assetsByIds(ctx.db, [assetId]);
  if (!asset || !(await canSeeAsset(ctx, asset))) throw notFound();
  const zone = await zoneOfAsset(ctx.db, assetId);
  if (!zone) return { zone: null };
  const visible = await loadZone(ctx.db, ctx, zone.id).then(
    () => true,
    () => false,
  );
  return { zone: visible ? zone : null };
}

/**
 * Keeps an asset in a zone (moving it from another zone if it was kept elsewhere). An asset of a class above the
 * zone's limit is refused (422 naming the asset, its class and the limit). The zone's row is locked, so a
 * concurrent lowering of its limit either sees this asset or waits for it.
 */
export function placeAsset(ctx: Ctx, zoneId: string, assetId: string) {
  return inTransaction(ctx, async (tx, audit) => {
    await lockRow(tx, zones, zoneId);
    const zone = await loadZone(tx, ctx, zoneId);
    if (!canManageSite(ctx.principal, zone.sitePath)) throw notFound();
    const [asset] = await assetsByIds(tx, [assetId]);
    if (!asset || asset.status !== 'active' || !(await canSeeAsset({ ...ctx, db: tx }, asset)))
      throw unprocessable(msg('zones.asset_unknown'), [fieldError('body.assetId', 'zones.asset_unknown')]);
    const problem = await limitProblem(tx, zone, asset.classCode);
    if (problem)
      throw unprocessable(msg('zones.asset_above_limit', { asset: asset.name, ...problem }), [
        fieldError('body.assetId', 'zones.asset_above_limit', { asset: asset.name, ...problem }),
      ]);
    const [before] = await tx.select().from(zoneAssets).where(eq(zoneAssets.assetId, assetId));
    await tx
      .insert(zoneAssets)
      .values({ assetId, zoneId, placedBy: ctx.principal!.userId })
      .onConflictDoUpdate({ target: zoneAssets.assetId, set: { zoneId, placedBy: ctx.principal!.userId, placedAt: new Date() } });
    await audit({
      action: 'zone.asset_place',
      targetType: 'zone',
      targetId: zoneId,
      orgPath: zone.sitePath,
      before: before ? { assetId, zoneId: before.zoneId } : null,
      after: { assetId, zoneId, asset: asset.name },
    });
    return assetsOfZone({ ...ctx, db: tx }, zoneId);
  });
}

export function removeAsset(ctx: Ctx, zoneId: string, assetId: string) {
  return inTransaction(ctx, async (tx, audit) => {
    await lockRow(tx, zones, zoneId);
    const zone = await loadZone(tx, ctx, zoneId);
    if (!canManageSite(ctx.principal, zone.sitePath)) throw notFound();
    const gone = await tx.delete(zoneAssets).where(eq(zoneAssets.assetId, assetId)).returning();
    if (!gone.length || gone[0]!.zoneId !== zoneId) throw notFound();
    await audit({
      action: 'zone.asset_remove',
      targetType: 'zone',
      targetId: zoneId,
      orgPath: zone.sitePath,
      before: { assetId },
    });
    return assetsOfZone({ ...ctx, db: tx }, zoneId);
  });
}
