import { ASSET_REVIEW_OUTCOMES } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/tables';
import { orgUnits } from '../../org/tables';

/** An inventory campaign (棚卸): every unit in its scope confirms its asset ledger by the due date. */
export const assetReviews = pgTable(
  'asset_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    titleJa: text('title_ja').notNull(),
    titleEn: text('title_en').notNull(),
    /** the units it covers: 'all' of the opener's scope, or the subtrees of `unitIds` */
    units: text('units', { enum: ['all', 'subtrees'] }).notNull(),
    unitIds: jsonb('unit_ids').$type<string[]>().notNull().default([]),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    unitCount: integer('unit_count').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('asset_reviews_created_idx').on(t.createdAt, t.id)],
);

/**
 * One unit's confirmation in a campaign, created for every unit at once when the campaign opens. `siteId` is the
 * site above the unit (null above any site) and `unitPath` its path, both copied then: the roll-up by site and
 * the reader's scope are one index range on (review, site, status).
 */
export const assetReviewUnits = pgTable(
  'asset_review_units',
  {
    reviewId: uuid('review_id')
      .notNull()
      .references(() => assetReviews.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    unitPath: text('unit_path').notNull(),
    unitCode: text('unit_code').notNull(),
    siteId: uuid('site_id').references(() => orgUnits.id, { onDelete: 'restrict' }),
    status: text('status', { enum: ['pending', 'confirmed'] })
      .notNull()
      .default('pending'),
    outcome: text('outcome', { enum: ASSET_REVIEW_OUTCOMES }),
    comment: text('comment').notNull().default(''),
    /** the unit's ledger (active assets per class) when it was confirmed */
    ledger: jsonb('ledger').$type<{ total: number; byClass: Record<string, number> }>(),
    confirmedBy: uuid('confirmed_by').references(() => users.id, { onDelete: 'set null' }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    /** the jobs' stamps: one reminder before the due date, one escalation after it */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.reviewId, t.unitId] }),
    index('asset_review_units_rollup_idx').on(t.reviewId, t.siteId, t.status, t.outcome),
    index('asset_review_units_list_idx').on(t.reviewId, t.unitCode),
    index('asset_review_units_path_idx').using('btree', t.reviewId, sql`${t.unitPath} text_pattern_ops`),
    index('asset_review_units_pending_idx')
      .on(t.reviewId)
      .where(sql`${t.status} = 'pending'`),
  ],
);
