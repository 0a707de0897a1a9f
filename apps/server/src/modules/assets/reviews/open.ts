import type { CreateAssetReviewBody } from '@mamori/contracts';
import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { z } from 'zod';
import { covers, escapeLike, scopeOf } from '../../../platform/access/scope';
import { fieldError, invalid, msg, unprocessable, type FieldError } from '../../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { siteOfPathSql } from '../../org/service';
import { orgUnits } from '../../org/tables';
import { assetReviews, assetReviewUnits } from './tables';

/** The subtrees a campaign covers: the opener's whole scope, or the chosen units (each inside that scope). */
async function rootsOf(ctx: Ctx, body: z.output<typeof CreateAssetReviewBody>): Promise<string[] | 'everything'> {
  const scope = scopeOf(ctx.principal, 'asset-reviews:manage');
  if (body.units === 'all') return scope.kind === 'all' ? 'everything' : scope.kind === 'paths' ? scope.paths : [];
  if (!body.unitIds.length) throw invalid([fieldError('body.unitIds', 'asset_review.units_required')]);
  const rows = await ctx.db
    .select({ id: orgUnits.id, path: orgUnits.path })
    .from(orgUnits)
    .where(inArray(orgUnits.id, body.unitIds));
  const byId = new Map(rows.map((r) => [r.id, r.path]));
  const errors: FieldError[] = [];
  body.unitIds.forEach((id, i) => {
    const path = byId.get(id);
    if (!path || !covers(scope, path)) errors.push(fieldError(`body.unitIds.${i}`, 'asset_review.unit_out_of_scope'));
  });
  if (errors.length) throw invalid(errors);
  return [...byId.values()];
}

/**
 * One confirmation per unit matching `inRoots` (a condition on `u`, the org unit), with the site above each unit
 * found among its own ancestors (the ids of its path) by primary key: one statement for any number of units.
 */
export async function insertReviewUnits(tx: Db, reviewId: string, inRoots: SQL): Promise<number> {
  await tx.execute(sql`
    INSERT INTO asset_review_units (review_id, unit_id, unit_path, unit_code, site_id)
    SELECT ${reviewId}::uuid, u.id, u.path, u.code, ${siteOfPathSql(sql`u.path`)}
    FROM org_units u WHERE ${inRoots}`);
  const [{ count } = { count: 0 }] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(assetReviewUnits)
    .where(eq(assetReviewUnits.reviewId, reviewId));
  return count;
}

/**
 * Opens a campaign: one confirmation per unit in its scope, created by one INSERT … SELECT (3,000 units in well
 * under a second), each with the site above it, found among the unit's own ancestors (its path) by primary key.
 */
export async function openReview(ctx: Ctx, body: z.output<typeof CreateAssetReviewBody>) {
  const roots = await rootsOf(ctx, body);
  const inRoots =
    roots === 'everything'
      ? sql`true`
      : roots.length
        ? sql`(${sql.join(
            roots.map((p) => sql`u.path LIKE ${escapeLike(p) + '%'}`),
            sql` OR `,
          )})`
        : sql`false`;
  return inTransaction(ctx, async (tx, audit) => {
    const [review] = await tx
      .insert(assetReviews)
      .values({
        titleJa: body.titleJa,
        titleEn: body.titleEn,
        units: body.units,
        unitIds: body.units === 'subtrees' ? body.unitIds : [],
        dueOn: body.dueOn,
        unitCount: 0,
        createdBy: ctx.principal!.userId,
      })
      .returning();
    const count = await insertReviewUnits(tx, review!.id, inRoots);
    if (!count) throw unprocessable(msg('asset_review.no_units'));
    await tx.update(assetReviews).set({ unitCount: count }).where(eq(assetReviews.id, review!.id));
    await audit({
      action: 'asset_review.open',
      targetType: 'asset_review',
      targetId: review!.id,
      after: {
        titleJa: body.titleJa,
        titleEn: body.titleEn,
        units: body.units,
        unitIds: body.unitIds,
        dueOn: body.dueOn,
        unitCount: count,
      },
    });
    return review!.id;
  });
}
