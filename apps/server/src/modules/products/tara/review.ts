import type { FlagTaraReviewBody, ResolveTaraReviewBody, TaraReviews } from '@mamori/contracts';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { users } from '../../../platform/auth/tables';
import { fieldError, forbidden, invalid, msg, notFound } from '../../../platform/errors/app-error';
import { inTransaction, type Audit, type Ctx } from '../../../platform/tx';
import { lockAnalysis, loadScoped } from './analyses';
import { taraAnalyses, taraReviews, taraThreats } from './tables';

const creator = alias(users, 'review_creator');
const resolver = alias(users, 'review_resolver');

/** The review events of an analysis, open ones first, then the latest. */
async function reviewsOf(db: Db, id: string): Promise<TaraReviews> {
  const rows = await db
    .select({ r: taraReviews, createdBy: creator.email, resolvedBy: resolver.email })
    .from(taraReviews)
    .leftJoin(creator, eq(creator.id, taraReviews.createdBy))
    .leftJoin(resolver, eq(resolver.id, taraReviews.resolvedBy))
    .where(eq(taraReviews.analysisId, id))
    .orderBy(desc(taraReviews.createdAt), desc(taraReviews.id))
    .limit(200);
  const items = rows
    .map(({ r, createdBy, resolvedBy }) => ({
      id: r.id,
      source: r.source,
      vulnerabilityId: r.vulnerabilityId,
      reference: r.reference,
      note: r.note,
      createdBy,
      createdAt: r.createdAt.toISOString(),
      resolvedBy,
      resolvedAt: r.resolvedAt?.toISOString() ?? null,
      resolution: r.resolution,
      reassessedThreatIds: r.reassessedThreatIds ?? [],
    }))
    .sort((a, b) => Number(a.resolvedAt !== null) - Number(b.resolvedAt !== null));
  return { needsReview: items.some((i) => i.resolvedAt === null), items };
}

export async function getReviews(ctx: Ctx, id: string) {
  await loadScoped(ctx.db, ctx, id, 'products:read');
  return reviewsOf(ctx.db, id);
}

/**
 * The post-release loop's entry (called by the vulnerabilities domain through products/service.ts): every analysis
 * of the products a case found affected gets an open review event, once per case. Answers how many were flagged.
 */
export async function flagTaraReviews(
  tx: Db,
  audit: Audit,
  event: { vulnerabilityId: string; reference: string; productIds: string[]; userId: string | null },
): Promise<number> {
  if (!event.productIds.length) return 0;
  const analyses = await tx
    .select({ id: taraAnalyses.id })
    .from(taraAnalyses)
    .where(inArray(taraAnalyses.productId, event.productIds));
  if (!analyses.length) return 0;
  const created = await tx
    .insert(taraReviews)
    .values(
      analyses.map((a) => ({
        analysisId: a.id,
        source: 'vulnerability' as const,
        vulnerabilityId: event.vulnerabilityId,
        reference: event.reference.slice(0, 200),
        createdBy: event.userId,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: taraReviews.id, analysisId: taraReviews.analysisId });
  await audit.many(
    created.map((r) => ({
      action: 'tara_analysis.review_flag',
      targetType: 'tara_analysis',
      targetId: r.analysisId,
      after: { reviewId: r.id, source: 'vulnerability', vulnerabilityId: event.vulnerabilityId, reference: event.reference },
    })),
  );
  return created.length;
}

/** A person flags the analysis for review (a supplier advisory, a conference talk, a change in the vehicle). */
export function flagReviewManually(ctx: Ctx, id: string, body: z.output<typeof FlagTaraReviewBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const { orgPath } = await lockAnalysis(tx, ctx, id, undefined);
    const [r] = await tx
      .insert(taraReviews)
      .values({
        analysisId: id,
        source: 'manual',
        reference: body.reference,
        note: body.note ?? null,
        createdBy: ctx.actor.userId,
      })
      .returning();
    await audit({
      action: 'tara_analysis.review_flag',
      targetType: 'tara_analysis',
      targetId: id,
      orgPath,
      after: { reviewId: r!.id, source: 'manual', reference: body.reference, note: body.note ?? null },
    });
    return reviewsOf(tx, id);
  });
}

/**
 * The re-approval: the analysis's risk owner records which threat scenarios were re-assessed and the conclusion,
 * which closes the event. Anyone else who manages the product is refused (403): the owner answers for the risks.
 */
export function resolveReview(ctx: Ctx, id: string, reviewId: string, body: z.output<typeof ResolveTaraReviewBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const { row, orgPath } = await lockAnalysis(tx, ctx, id, undefined);
    if (!row.riskOwnerId || row.riskOwnerId !== ctx.actor.userId) throw forbidden(msg('tara.review_not_owner'));
    const [review] = await tx
      .select()
      .from(taraReviews)
      .where(and(eq(taraReviews.id, reviewId), eq(taraReviews.analysisId, id)));
    if (!review) throw notFound('The review');
    if (review.resolvedAt) throw invalid([fieldError('params.reviewId', 'tara.review_resolved')]);
    const ids = [...new Set(body.reassessedThreatIds)];
    if (ids.length) {
      const known = await tx
        .select({ id: taraThreats.id })
        .from(taraThreats)
        .where(and(eq(taraThreats.analysisId, id), inArray(taraThreats.id, ids)));
      const have = new Set(known.map((k) => k.id));
      const errors = body.reassessedThreatIds.flatMap((t, i) =>
        have.has(t) ? [] : [fieldError(`body.reassessedThreatIds.${i}`, 'tara.threat_unknown')],
      );
      if (errors.length) throw invalid(errors);
    }
    await tx
      .update(taraReviews)
      .set({ resolvedAt: new Date(), resolvedBy: ctx.actor.userId, resolution: body.resolution, reassessedThreatIds: ids })
      .where(and(eq(taraReviews.id, reviewId), isNull(taraReviews.resolvedAt)));
    await audit({
      action: 'tara_analysis.review_resolve',
      targetType: 'tara_analysis',
      targetId: id,
      orgPath,
      before: { reviewId, reference: review.reference },
      after: { reviewId, resolution: body.resolution, reassessedThreatIds: ids },
    });
    return reviewsOf(tx, id);
  });
}
