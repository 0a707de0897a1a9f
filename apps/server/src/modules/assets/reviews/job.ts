import { and, asc, eq, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import { roleHoldersOf } from '../../../platform/access/holders';
import { systemActor } from '../../../platform/audit/record';
import { defineJob } from '../../../platform/jobs/define';
import { effectiveSetting } from '../../../platform/settings/effective';
import { inTransaction } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { todayJst } from '../take-outs/settings';
import { tellUnits } from './mails';
import { assetReviewReminderSetting } from './settings';
import { assetReviews, assetReviewUnits } from './tables';

const BATCH = 500;
const addDays = (day: string, n: number) => new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);

type Kind = 'remind' | 'escalate';

/**
 * One pass of the inventory jobs. Reminder: a pending unit whose campaign is due within the company's
 * `remindDaysBefore` days tells the unit's nearest org heads. Escalation: a pending unit past the due date tells
 * the site security office over it (the group office when the site has none). Each unit is stamped in the
 * transaction of its messages, claimed with SKIP LOCKED: sent once however many runs overlap.
 */
export async function runReviewReminders(db: Db, config: Config, now = new Date()) {
  const today = todayJst(now);
  const counts = { reminded: 0, escalated: 0 };
  for (const kind of ['remind', 'escalate'] as const) {
    let after: [string, string] | null = null;
    for (;;) {
      const rows = await inTransaction({ db, actor: systemActor('asset-reviews.reminders'), principal: null }, (tx, audit) =>
        pass(tx, audit, config, kind, today, after, counts),
      );
      if (rows.length < BATCH) break;
      const last = rows.at(-1)!;
      after = [last.reviewId, last.unitId];
    }
  }
  return counts;
}

async function pass(
  tx: Db,
  audit: Parameters<Parameters<typeof inTransaction>[1]>[1],
  config: Config,
  kind: Kind,
  today: string,
  after: [string, string] | null,
  counts: { reminded: number; escalated: number },
) {
  const stamp = kind === 'remind' ? assetReviewUnits.remindedAt : assetReviewUnits.escalatedAt;
  const rows = await tx
    .select({
      reviewId: assetReviewUnits.reviewId,
      unitId: assetReviewUnits.unitId,
      unitPath: assetReviewUnits.unitPath,
      dueOn: assetReviews.dueOn,
      titleJa: assetReviews.titleJa,
      titleEn: assetReviews.titleEn,
      ja: orgUnits.nameJa,
      en: orgUnits.nameEn,
    })
    .from(assetReviewUnits)
    .innerJoin(assetReviews, eq(assetReviews.id, assetReviewUnits.reviewId))
    .innerJoin(orgUnits, eq(orgUnits.id, assetReviewUnits.unitId))
    .where(
      and(
        eq(assetReviewUnits.status, 'pending'),
        isNull(stamp),
        kind === 'remind'
          ? and(gte(assetReviews.dueOn, today), lte(assetReviews.dueOn, addDays(today, 60)))
          : lt(assetReviews.dueOn, today),
        after
          ? sql`(${assetReviewUnits.reviewId}, ${assetReviewUnits.unitId}) > (${after[0]}::uuid, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(assetReviewUnits.reviewId), asc(assetReviewUnits.unitId))
    .limit(BATCH)
    .for('update', { of: assetReviewUnits, skipLocked: true });

  // recipient → units, per campaign
  type Entry = {
    review: (typeof rows)[number];
    to: Map<string, { user: { id: string; email: string }; units: { ja: string; en: string }[] }>;
    units: string[];
  };
  const byReview = new Map<string, Entry>();
  for (const r of rows) {
    if (kind === 'remind') {
      const { remindDaysBefore } = (await effectiveSetting(tx, assetReviewReminderSetting, r.unitId)).value;
      if (addDays(r.dueOn, -remindDaysBefore) > today) continue;
    }
    let to =
      kind === 'remind'
        ? await roleHoldersOf(tx, 'org_head', r.unitPath, { nearest: true })
        : await roleHoldersOf(tx, 'site_security_office', r.unitPath, { nearest: true });
    if (!to.length && kind === 'escalate') to = await roleHoldersOf(tx, 'security_office', r.unitPath);
    const entry: Entry = byReview.get(r.reviewId) ?? { review: r, to: new Map(), units: [] };
    entry.units.push(r.unitId);
    for (const u of to) {
      const t = entry.to.get(u.id) ?? { user: u, units: [] };
      t.units.push({ ja: r.ja, en: r.en });
      entry.to.set(u.id, t);
    }
    byReview.set(r.reviewId, entry);
  }
  for (const [reviewId, e] of byReview) {
    const review = { id: reviewId, title: { ja: e.review.titleJa, en: e.review.titleEn }, dueOn: e.review.dueOn };
    for (const t of e.to.values())
      await tellUnits(tx, config.publicUrl, kind === 'remind' ? 'reminder' : 'overdue', review, t.user, t.units);
    await tx
      .update(assetReviewUnits)
      .set(kind === 'remind' ? { remindedAt: new Date() } : { escalatedAt: new Date() })
      .where(and(eq(assetReviewUnits.reviewId, reviewId), inArray(assetReviewUnits.unitId, e.units)));
    await audit({
      action: kind === 'remind' ? 'asset_review.remind' : 'asset_review.escalate',
      targetType: 'asset_review',
      targetId: reviewId,
      after: { units: e.units.length, recipients: [...e.to.keys()] },
    });
    counts[kind === 'remind' ? 'reminded' : 'escalated'] += e.units.length;
  }
  return rows;
}

export const assetReviewRemindersJob = defineJob({
  kind: 'asset-reviews.reminders',
  payload: z.object({}),
  async handler(_p, { db, config, log }) {
    const counts = await runReviewReminders(db, config);
    if (counts.reminded || counts.escalated) log.info(counts, 'inventory reminders sent');
  },
});
