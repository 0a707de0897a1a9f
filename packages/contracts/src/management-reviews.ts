import { z } from 'zod';
import { DayInput, RowVersion, Str } from './common';

/**
 * Management review (マネジメントレビュー, ISO/IEC 27001 9.3, issue #12). A review per fiscal year: its date,
 * attendees, the inputs the office enters (internal and external issues, interested parties' requirements), a pack
 * assembled from the other domains' data at the time of assembling (kept as a snapshot), and the CISO's decisions
 * and actions. Actions carry a fiscal year, so next year's plan draft can take the open ones.
 */
export const REVIEW_STATUSES = ['preparation', 'done'] as const;
export const REVIEW_ACTION_STATUSES = ['open', 'done', 'dropped'] as const;
/** The pack's sections, in order. A source whose domain is not built yet answers `available: false`. */
export const REVIEW_PACK_SOURCES = [
  'previousActions',
  'issues',
  'incidents',
  'audits',
  'planCompletion',
  'risks',
  'soa',
  'partners',
  'education',
] as const;
export type ReviewPackSourceKey = (typeof REVIEW_PACK_SOURCES)[number];

const Text = (max: number) => Str().trim().max(max);

export const ReviewParams = z.object({ id: z.uuid() }).strict();
export const ReviewActionParams = z.object({ id: z.uuid(), actionId: z.uuid() }).strict();

export const Attendee = z.object({ name: Text(100).min(1), role: Text(100) }).strict();

export const CreateReviewBody = z
  .object({
    fiscalYear: z.number().int().min(2000).max(2200),
    heldOn: DayInput(),
    title: Text(200).min(1),
  })
  .strict();

export const UpdateReviewBody = z
  .object({
    heldOn: DayInput().optional(),
    title: Text(200).min(1).optional(),
    attendees: z.array(Attendee).max(100).optional(),
    internalIssues: Text(20_000).optional(),
    externalIssues: Text(20_000).optional(),
    interestedParties: Text(20_000).optional(),
    decisions: Text(20_000).optional(),
  })
  .strict();

export const CreateReviewActionBody = z
  .object({
    title: Text(500).min(1),
    owner: Text(200).min(1),
    dueOn: DayInput(),
  })
  .strict();

export const UpdateReviewActionBody = z
  .object({
    title: Text(500).min(1).optional(),
    owner: Text(200).min(1).optional(),
    dueOn: DayInput().optional(),
    status: z.enum(REVIEW_ACTION_STATUSES).optional(),
    outcome: Text(2000).optional(),
  })
  .strict();

export const ReviewAction = z.object({
  id: z.uuid(),
  rowVersion: RowVersion,
  reviewId: z.uuid(),
  fiscalYear: z.number().int(),
  title: z.string(),
  owner: z.string(),
  dueOn: z.string(),
  status: z.enum(REVIEW_ACTION_STATUSES),
  outcome: z.string(),
});
export type ReviewAction = z.infer<typeof ReviewAction>;

/** One named section of the pack: its data as assembled, or `available: false` while its domain does not exist. */
export const ReviewPackSection = z.object({
  key: z.enum(REVIEW_PACK_SOURCES),
  available: z.boolean(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type ReviewPackSection = z.infer<typeof ReviewPackSection>;
export const ReviewPack = z.object({ assembledAt: z.string(), sections: z.array(ReviewPackSection) });
export type ReviewPack = z.infer<typeof ReviewPack>;

export const ReviewSummary = z.object({
  id: z.uuid(),
  rowVersion: RowVersion,
  fiscalYear: z.number().int(),
  title: z.string(),
  heldOn: z.string(),
  status: z.enum(REVIEW_STATUSES),
  packAssembledAt: z.string().nullable(),
  actions: z.object({ total: z.number().int(), open: z.number().int() }),
});
export type ReviewSummary = z.infer<typeof ReviewSummary>;

export const Review = ReviewSummary.extend({
  attendees: z.array(z.object({ name: z.string(), role: z.string() })),
  internalIssues: z.string(),
  externalIssues: z.string(),
  interestedParties: z.string(),
  decisions: z.string(),
  closedAt: z.string().nullable(),
  pack: ReviewPack.nullable(),
  actionItems: z.array(ReviewAction),
  canManage: z.boolean(),
  canDecide: z.boolean(),
});
export type Review = z.infer<typeof Review>;

export const ReviewPdfQuery = z.object({ lang: z.enum(['ja', 'en']).optional() }).strict();
