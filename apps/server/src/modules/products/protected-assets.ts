import type { CreateProtectedAssetBody, UpdateProtectedAssetBody } from '@mamori/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { scopeOf } from '../../platform/access/scope';
import { AppError, notFound, msg } from '../../platform/errors/app-error';
import { loadForUpdate } from '../../platform/records/lock';
import { inTransaction, type Ctx } from '../../platform/tx';
import { loadProduct } from './products';
import { protectedAssets } from './tables';

type AssetRow = typeof protectedAssets.$inferSelect;
const present = ({ createdAt: _c, updatedAt, ...a }: AssetRow) => ({ ...a, updatedAt: updatedAt.toISOString() });
const auditView = ({ createdAt: _c, updatedAt: _u, ...a }: AssetRow) => a;

/** The assets and functions a product's threat analysis protects: assets first, then by name. */
export async function assetsOf(db: Db, productId: string) {
  const rows = await db
    .select()
    .from(protectedAssets)
    .where(eq(protectedAssets.productId, productId))
    .orderBy(asc(protectedAssets.kind), asc(protectedAssets.name), asc(protectedAssets.id));
  return rows.map(present);
}

/** A threat may name only an asset or function of its own product. */
export async function checkAsset(db: Db, productId: string, assetId: string | null | undefined) {
  if (!assetId) return;
  const [a] = await db
    .select({ id: protectedAssets.id })
    .from(protectedAssets)
    .where(and(eq(protectedAssets.id, assetId), eq(protectedAssets.productId, productId)));
  if (!a)
    throw new AppError('validation', msg('products.asset_not_of_product'), [
      { path: 'body.assetId', message: 'unknown asset or function' },
    ]);
}

export function createProtectedAsset(ctx: Ctx, productId: string, body: z.infer<typeof CreateProtectedAssetBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const product = await loadProduct(tx, scopeOf(ctx.principal, 'products:manage'), productId);
    const [row] = await tx
      .insert(protectedAssets)
      .values({ ...body, productId })
      .returning();
    await audit({
      action: 'protected_asset.create',
      targetType: 'product_protected_asset',
      targetId: row!.id,
      orgPath: product.orgPath,
      after: auditView(row!),
    });
    return present(row!);
  });
}

export function updateProtectedAsset(
  ctx: Ctx,
  productId: string,
  assetId: string,
  body: z.infer<typeof UpdateProtectedAssetBody>,
) {
  return inTransaction(ctx, async (tx, audit) => {
    const product = await loadProduct(tx, scopeOf(ctx.principal, 'products:manage'), productId);
    const [before] = await loadForUpdate(tx, protectedAssets, assetId, () =>
      tx
        .select()
        .from(protectedAssets)
        .where(and(eq(protectedAssets.id, assetId), eq(protectedAssets.productId, productId))),
    );
    if (!before) throw notFound('The asset or function');
    const [after] = await tx
      .update(protectedAssets)
      .set({ ...body, updatedAt: new Date() })
      .where(eq(protectedAssets.id, assetId))
      .returning();
    await audit({
      action: 'protected_asset.update',
      targetType: 'product_protected_asset',
      targetId: assetId,
      orgPath: product.orgPath,
      before: auditView(before),
      after: auditView(after!),
    });
    return present(after!);
  });
}
