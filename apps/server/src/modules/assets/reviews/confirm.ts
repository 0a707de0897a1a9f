import type { AssetReviewUnit, ConfirmAssetReviewBody } from '@mamori/contracts';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { covers } from '../../../platform/access/scope';
import { conflict, fieldError, forbidden, invalid, msg, notFound } from '../../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { ledgerCountsByUnit } from '../service';
import { todayJst } from '../take-outs/settings';
import { presentUnit, unitRow } from './read';
import { mayConfirm, readerScope } from './scope';
import { assetReviews, assetReviewUnits } from './tables';

/**
 * An org head confirms their unit's ledger for a campaign: "no change", or "changed" with what changed. The
 * ledger's counts per class are kept with the confirmation. The row is locked, so of two heads confirming at once
 * one succeeds and the other gets a 409.
 */
export async function confirmReviewUnit(
  ctx: Ctx,
  reviewId: string,
  unitId: string,
  body: z.output<typeof ConfirmAssetReviewBody>,
): Promise<AssetReviewUnit> {
  if (body.outcome === 'changed' && !body.comment) throw invalid([fieldError('body.comment', 'asset_review.changed_comment')]);
  const scope = readerScope(ctx);
  const due = await inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .select()
      .from(assetReviewUnits)
      .where(and(eq(assetReviewUnits.reviewId, reviewId), eq(assetReviewUnits.unitId, unitId)))
      .for('update');
    if (!row || !covers(scope, row.unitPath)) throw notFound();
    if (!mayConfirm(ctx, row.unitPath)) throw forbidden(msg('asset_review.not_head'));
    if (row.status === 'confirmed') throw conflict(msg('asset_review.already_confirmed'));
    const ledger = (await ledgerCountsByUnit(tx, [unitId])).get(unitId) ?? { total: 0, byClass: {} };
    await tx
      .update(assetReviewUnits)
      .set({
        status: 'confirmed',
        outcome: body.outcome,
        comment: body.comment,
        ledger,
        confirmedBy: ctx.principal!.userId,
        confirmedAt: new Date(),
      })
      .where(and(eq(assetReviewUnits.reviewId, reviewId), eq(assetReviewUnits.unitId, unitId)));
    await audit({
      action: 'asset_review.confirm',
      targetType: 'asset_review',
      targetId: reviewId,
      orgPath: row.unitPath,
      after: { unitId, outcome: body.outcome, comment: body.comment, ledger },
    });
    const [review] = await tx.select({ dueOn: assetReviews.dueOn }).from(assetReviews).where(eq(assetReviews.id, reviewId));
    return review!.dueOn;
  });
  const row = await unitRow(ctx.db, reviewId, unitId);
  return presentUnit(ctx, row!, due < todayJst());
}
