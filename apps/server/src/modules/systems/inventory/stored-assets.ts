import type { StoredAssets, SystemAssetsBody } from '@mamori/contracts';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { fieldError, invalid, type FieldError } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { assetsByIds, canSeeAsset } from '../../assets/service';
import { approvedServices, systemAssets, systems } from '../tables';
import { rankerFor, recomputeAboveClass } from './above-class';
import { loadSystemForChange, loadSystem } from './records';

async function present(db: Db, ctx: Ctx, systemId: string): Promise<StoredAssets> {
  const [row] = await db
    .select({ system: systems, maxClassCode: approvedServices.maxClassCode })
    .from(systems)
    .leftJoin(approvedServices, eq(approvedServices.id, systems.approvedServiceId))
    .where(eq(systems.id, systemId));
  const links = await db.select().from(systemAssets).where(eq(systemAssets.systemId, systemId));
  const rank = await rankerFor(db, row!.system.unitId);
  const items: StoredAssets['items'] = [];
  for (const a of await assetsByIds(
    db,
    links.map((l) => l.assetId),
  ))
    if (await canSeeAsset({ ...ctx, db }, a))
      items.push({
        id: a.id,
        name: a.name,
        classCode: a.classCode,
        aboveApproval: row!.maxClassCode !== null && rank(a.classCode) > rank(row!.maxClassCode),
      });
  items.sort((x, y) => x.name.localeCompare(y.name));
  return { rowVersion: row!.system.rowVersion, items };
}

/** The assets stored in a system that the reader may see (need-to-know of the assets module), with the system's ETag. */
export async function getStoredAssets(ctx: Ctx, systemId: string): Promise<StoredAssets> {
  await loadSystem(ctx.db, ctx, systemId);
  return present(ctx.db, ctx, systemId);
}

/**
 * Replaces the set of assets stored in a system (systems:manage, the system's row lock and If-Match; every asset
 * must exist and be one the writer may see, else 400 naming `body.assetIds.N`), recomputes the `above_class`
 * finding, and bumps the system's version. Audited with the ids before and after.
 */
export function putStoredAssets(
  ctx: Ctx,
  systemId: string,
  body: SystemAssetsBody,
  expected: Precondition,
): Promise<StoredAssets> {
  return inTransaction(ctx, async (tx, audit) => {
    const system = await loadForUpdate(tx, systems, systemId, () => loadSystemForChange(tx, ctx, systemId), expected);
    const ids = [...new Set(body.assetIds)];
    const found = new Map((await assetsByIds(tx, ids)).map((a) => [a.id, a]));
    const errors: FieldError[] = [];
    for (const [i, id] of body.assetIds.entries()) {
      const a = found.get(id);
      if (!a || !(await canSeeAsset({ ...ctx, db: tx }, a)))
        errors.push(fieldError(`body.assetIds.${i}`, 'systems.asset_unknown'));
    }
    if (errors.length) throw invalid(errors);
    const before = (await tx.select().from(systemAssets).where(eq(systemAssets.systemId, systemId))).map((l) => l.assetId);
    await tx.delete(systemAssets).where(eq(systemAssets.systemId, systemId));
    if (ids.length)
      await tx.insert(systemAssets).values(ids.map((assetId) => ({ systemId, assetId, addedBy: ctx.principal?.userId ?? null })));
    await tx
      .update(systems)
      .set({ updatedAt: sql`now()` })
      .where(eq(systems.id, systemId));
    await recomputeAboveClass(tx, [systemId]);
    await audit({
      action: 'system.assets',
      targetType: 'system',
      targetId: systemId,
      orgPath: system.unitPath,
      before: { assetIds: before.sort() },
      after: { assetIds: [...ids].sort() },
    });
    return present(tx, ctx, systemId);
  });
}
