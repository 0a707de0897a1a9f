import type { CreateThreatBody, ThreatReviewBody, UpdateThreatBody } from '@mamori/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { scopeOf } from '../../platform/access/scope';
import { users } from '../../platform/auth/tables';
import { AppError, notFound, msg } from '../../platform/errors/app-error';
import { loadForUpdate } from '../../platform/records/lock';
import { inTransaction, type Ctx } from '../../platform/tx';
import { loadProduct } from './products';
import { assetsOf, checkAsset } from './protected-assets';
import { products, releases, threatReviews, threats } from './tables';

type ThreatRow = typeof threats.$inferSelect;
const present = ({ createdAt: _c, updatedAt, ...t }: ThreatRow) => ({ ...t, updatedAt: updatedAt.toISOString() });
const auditView = ({ createdAt: _c, updatedAt: _u, ...t }: ThreatRow) => t;

async function analysis(db: Db, productId: string) {
  const rows = await db
    .select()
    .from(threats)
    .where(eq(threats.productId, productId))
    .orderBy(asc(threats.category), asc(threats.title));
  const reviews = await db
    .select({
      stage: threatReviews.stage,
      reviewedBy: users.email,
      reviewedAt: threatReviews.reviewedAt,
      note: threatReviews.note,
    })
    .from(threatReviews)
    .leftJoin(users, eq(users.id, threatReviews.reviewedBy))
    .where(eq(threatReviews.productId, productId))
    .orderBy(asc(threatReviews.reviewedAt));
  return {
    assets: await assetsOf(db, productId),
    threats: rows.map(present),
    reviews: reviews.map((r) => ({ ...r, reviewedAt: r.reviewedAt.toISOString() })),
  };
}

export async function getThreatAnalysis(ctx: Ctx, productId: string) {
  await loadProduct(ctx.db, scopeOf(ctx.principal, 'products:read'), productId);
  return analysis(ctx.db, productId);
}

async function checkRelease(db: Db, productId: string, releaseId: string | null | undefined) {
  if (!releaseId) return;
  const [r] = await db
    .select({ id: releases.id })
    .from(releases)
    .where(and(eq(releases.id, releaseId), eq(releases.productId, productId)));
  if (!r)
    throw new AppError('validation', msg('products.release_not_of_product'), [
      { path: 'body.releaseId', message: 'unknown release' },
    ]);
}

export function createThreat(ctx: Ctx, productId: string, body: z.infer<typeof CreateThreatBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const product = await loadProduct(tx, scopeOf(ctx.principal, 'products:manage'), productId);
    await checkRelease(tx, productId, body.releaseId);
    await checkAsset(tx, productId, body.assetId);
    const [row] = await tx
      .insert(threats)
      .values({ ...body, productId })
      .returning();
    await audit({
      action: 'threat.create',
      targetType: 'product_threat',
      targetId: row!.id,
      orgPath: product.orgPath,
      after: auditView(row!),
    });
    return present(row!);
  });
}

export function updateThreat(ctx: Ctx, productId: string, threatId: string, body: z.infer<typeof UpdateThreatBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const product = await loadProduct(tx, scopeOf(ctx.principal, 'products:manage'), productId);
    const [before] = await loadForUpdate(tx, threats, threatId, () =>
      tx
        .select()
        .from(threats)
        .where(and(eq(threats.id, threatId), eq(threats.productId, productId))),
    );
    if (!before) throw notFound('The threat');
    await checkRelease(tx, productId, body.releaseId);
    await checkAsset(tx, productId, body.assetId);
    const [after] = await tx
      .update(threats)
      .set({ ...body, updatedAt: new Date() })
      .where(eq(threats.id, threatId))
      .returning();
    await audit({
      action: 'threat.update',
      targetType: 'product_threat',
      targetId: threatId,
      orgPath: product.orgPath,
      before: auditView(before),
      after: auditView(after!),
    });
    return present(after!);
  });
}

/** The stage-gate review of the threat analysis, for the product's current stage; the reviewer is recorded. */
export function reviewThreats(ctx: Ctx, productId: string, body: z.infer<typeof ThreatReviewBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    // Locked: the review is for the stage the product is in, which a concurrent stage change would move.
    const product = await loadForUpdate(tx, products, productId, () =>
      loadProduct(tx, scopeOf(ctx.principal, 'products:manage'), productId),
    );
    const list = await tx.select().from(threats).where(eq(threats.productId, productId));
    await tx
      .insert(threatReviews)
      .values({ productId, stage: product.stage, reviewedBy: ctx.actor.userId, note: body.note ?? null });
    await audit({
      action: 'threat_analysis.review',
      targetType: 'product',
      targetId: productId,
      orgPath: product.orgPath,
      after: { stage: product.stage, threats: list.map(auditView), note: body.note ?? null },
    });
    return analysis(tx, productId);
  });
}
