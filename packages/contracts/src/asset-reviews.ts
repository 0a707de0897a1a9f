import { z } from 'zod';
import { DayInput, ListQuery, Str } from './common';

/**
 * Inventory campaigns (棚卸): the security office asks every unit in scope to confirm its asset ledger by a due
 * date; each unit's org head confirms "no change" or "changed" with a comment; progress rolls up by site and group.
 */
export const ASSET_REVIEW_OUTCOMES = ['no_change', 'changed'] as const;
export const ASSET_REVIEW_UNIT_STATES = ['pending', 'overdue', 'confirmed'] as const;
export type AssetReviewUnitState = (typeof ASSET_REVIEW_UNIT_STATES)[number];

export const CreateAssetReviewBody = z
  .object({
    titleJa: Str().trim().min(1).max(200),
    titleEn: Str().trim().min(1).max(200),
    /** 'all': every unit in the office's scope; 'subtrees': the units below (and including) `unitIds` */
    units: z.enum(['all', 'subtrees']),
    unitIds: z.array(z.uuid()).max(200).default([]),
    dueOn: DayInput(),
  })
  .strict();
export type CreateAssetReviewBody = z.input<typeof CreateAssetReviewBody>;

export const ReviewCounts = z.object({
  total: z.number().int(),
  confirmed: z.number().int(),
  pending: z.number().int(),
  overdue: z.number().int(),
  changed: z.number().int(),
});
export type ReviewCounts = z.infer<typeof ReviewCounts>;

const Name = z.object({ id: z.uuid(), ja: z.string(), en: z.string() });

export const AssetReviewListItem = z.object({
  id: z.uuid(),
  titleJa: z.string(),
  titleEn: z.string(),
  dueOn: z.iso.date(),
  createdAt: z.iso.datetime(),
  /** counted over the units the reader may see */
  progress: ReviewCounts,
});
export type AssetReviewListItem = z.infer<typeof AssetReviewListItem>;

export const AssetReview = AssetReviewListItem.extend({
  createdBy: z.string(),
  /** by site (the site above each unit; null for units above any site), over the units the reader may see */
  bySite: z.array(ReviewCounts.extend({ site: Name.nullable() })),
});
export type AssetReview = z.infer<typeof AssetReview>;

export const AssetReviewListQuery = ListQuery.pick({ limit: true, cursor: true }).strict();

export const LedgerCounts = z.object({ total: z.number().int(), byClass: z.record(z.string(), z.number().int()) });

export const AssetReviewUnit = z.object({
  unit: Name.extend({ code: z.string() }),
  site: Name.nullable(),
  state: z.enum(ASSET_REVIEW_UNIT_STATES),
  outcome: z.enum(ASSET_REVIEW_OUTCOMES).nullable(),
  comment: z.string(),
  confirmedBy: z.string().nullable(),
  confirmedAt: z.iso.datetime().nullable(),
  /** the unit's ledger when it was confirmed; the current ledger while pending */
  ledger: LedgerCounts,
  /** may the reader confirm this unit */
  canConfirm: z.boolean(),
});
export type AssetReviewUnit = z.infer<typeof AssetReviewUnit>;

export const AssetReviewUnitsQuery = ListQuery.pick({ limit: true, cursor: true })
  .extend({
    state: z.enum(ASSET_REVIEW_UNIT_STATES).optional(),
    siteId: z.uuid().optional(),
    /** one unit (the confirmation page) */
    unitId: z.uuid().optional(),
  })
  .strict();
export type AssetReviewUnitsQuery = z.infer<typeof AssetReviewUnitsQuery>;

export const AssetReviewUnitParams = z.object({ id: z.uuid(), unitId: z.uuid() }).strict();

export const ConfirmAssetReviewBody = z
  .object({
    outcome: z.enum(ASSET_REVIEW_OUTCOMES),
    comment: Str().trim().max(2000).default(''),
  })
  .strict();
export type ConfirmAssetReviewBody = z.input<typeof ConfirmAssetReviewBody>;
