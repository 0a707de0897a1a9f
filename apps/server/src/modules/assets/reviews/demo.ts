import { and, asc, eq } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { DemoContext, DemoLoader } from '../../../demo/types';
import { roleHoldersOf } from '../../../platform/access/holders';
import { escapeLike } from '../../../platform/access/scope';
import { DEMO_CODE } from '../../org/demo-data';
import { assetsInUnits, ledgerCountsByUnit } from '../service';
import { insertReviewUnits } from './open';
import { assetReviews, assetReviewUnits } from './tables';

const DAY = 86_400_000;
const day = (now: Date, offset: number) => new Date(now.getTime() + 9 * 3600_000 + offset * DAY).toISOString().slice(0, 10);

const COMMENTS = [
  { outcome: 'no_change', comment: '' },
  { outcome: 'changed', comment: '退職者の引継ぎ資料を追加しました / Added the hand-over files of a leaver' },
  { outcome: 'no_change', comment: '保管場所を確認済み / Storage places checked' },
  { outcome: 'changed', comment: '旧図面のファイルを廃棄しました / Old drawing files disposed of' },
] as const;

/**
 * An inventory campaign of the demo group, half done: every unit of the demo company has its confirmation, about
 * half of them confirmed by their org heads with the ledger's counts of that day. Skipped without demo assets.
 */
export const assetReviewsDemoLoader: DemoLoader = {
  name: 'asset-reviews',
  async load(ctx: DemoContext) {
    const company = ctx.units.get(DEMO_CODE);
    if (!company || !(await assetsInUnits(ctx.tx, [company.path], { limit: 1 })).length)
      return ['asset-reviews: skipped (no assets)'];
    const office = ctx.users.find((u) => u.roles.includes('security_office'));
    const [review] = await ctx.tx
      .insert(assetReviews)
      .values({
        titleJa: '2026年度 情報資産棚卸(上期)',
        titleEn: 'FY2026 information asset inventory (first half)',
        units: 'all',
        dueOn: day(ctx.now, 10),
        unitCount: 0,
        createdBy: office?.user.id ?? null,
        createdAt: new Date(ctx.now.getTime() - 20 * DAY),
      })
      .returning();
    const id = review!.id;
    const count = await insertReviewUnits(ctx.tx, id, sql`u.path LIKE ${escapeLike(company.path) + '%'}`);
    await ctx.tx.update(assetReviews).set({ unitCount: count }).where(eq(assetReviews.id, id));
    const units = await ctx.tx
      .select({ unitId: assetReviewUnits.unitId, path: assetReviewUnits.unitPath })
      .from(assetReviewUnits)
      .where(eq(assetReviewUnits.reviewId, id))
      .orderBy(asc(assetReviewUnits.unitCode));
    const done = units.filter((_, i) => i % 2 === 0);
    const ledgers = await ledgerCountsByUnit(
      ctx.tx,
      done.map((u) => u.unitId),
    );
    for (const [i, u] of done.entries()) {
      const [head] = await roleHoldersOf(ctx.tx, 'org_head', u.path, { nearest: true });
      const c = COMMENTS[i % COMMENTS.length]!;
      await ctx.tx
        .update(assetReviewUnits)
        .set({
          status: 'confirmed',
          outcome: c.outcome,
          comment: c.comment,
          ledger: ledgers.get(u.unitId) ?? { total: 0, byClass: {} },
          confirmedBy: head?.id ?? null,
          confirmedAt: new Date(ctx.now.getTime() - (i % 10) * DAY),
        })
        .where(and(eq(assetReviewUnits.reviewId, id), eq(assetReviewUnits.unitId, u.unitId)));
    }
    await ctx.audit({
      action: 'asset_review.open',
      targetType: 'asset_review',
      targetId: id,
      after: { demo: true, unitCount: count },
    });
    return [`asset-reviews: 1 inventory campaign over ${count} units, ${done.length} confirmed`];
  },
};
