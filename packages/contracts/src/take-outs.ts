import { z } from 'zod';
import { DayInput, ListQuery, Str } from './common';
import { APPROVERS, HANDLING_CONDITIONS, HANDLING_DECISIONS } from './classification';

/**
 * Take-outs (持ち出し, seed 002 2-2): an employee asks to take assets (or a copy of them) out of the premises; the
 * take_out rule of each asset's class decides whether it is forbidden, which conditions must be met (encryption,
 * an NDA) and who approves, in the order org head → site office → CISO.
 */
export const TAKE_OUT_MEDIA = ['paper', 'laptop', 'usb_media', 'smartphone', 'cloud_share', 'other'] as const;
export type TakeOutMedium = (typeof TAKE_OUT_MEDIA)[number];

/** Stored status. `out` and `overdue` are derived from an approved take-out's period (see TAKE_OUT_STATES). */
export const TAKE_OUT_STATUSES = ['pending', 'approved', 'rejected', 'cancelled', 'returned', 'disposed'] as const;
export type TakeOutStatus = (typeof TAKE_OUT_STATUSES)[number];
/** What a reader sees: an approved take-out is `out` from its first day, and `overdue` after its last one. */
export const TAKE_OUT_STATES = [
  'pending',
  'approved',
  'out',
  'overdue',
  'rejected',
  'cancelled',
  'returned',
  'disposed',
] as const;
export type TakeOutState = (typeof TAKE_OUT_STATES)[number];

export const TakeOutItemInput = z
  .object({
    assetId: z.uuid(),
    /** a copy (reproduction) of the asset is taken out, the original stays */
    copy: z.boolean().default(false),
  })
  .strict();

export const CreateTakeOutBody = z
  .object({
    items: z.array(TakeOutItemInput).min(1).max(50),
    purpose: Str().trim().min(1).max(1000),
    destination: Str().trim().min(1).max(300),
    periodFrom: DayInput(),
    periodTo: DayInput(),
    medium: z.enum(TAKE_OUT_MEDIA),
    mediumNote: Str().trim().max(200).default(''),
    encrypted: z.boolean(),
    encryptionMethod: Str().trim().max(200).default(''),
    /** the requester confirms an NDA with the destination is in force (asked when a class rule names `nda`) */
    ndaConfirmed: z.boolean().default(false),
  })
  .strict();
export type CreateTakeOutBody = z.input<typeof CreateTakeOutBody>;

export const TakeOutRule = z.object({
  decision: z.enum(HANDLING_DECISIONS),
  approvers: z.array(z.enum(APPROVERS)),
  conditions: z.array(z.enum(HANDLING_CONDITIONS)),
  noteJa: z.string(),
  noteEn: z.string(),
});
export type TakeOutRule = z.infer<typeof TakeOutRule>;

const Name = z.object({ ja: z.string(), en: z.string() });

/** An asset the requester may pick, with its class's take-out rule (shown before submitting). */
export const TakeOutAsset = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  unit: Name,
  classCode: z.string(),
  className: Name,
  classColour: z.string(),
  rule: TakeOutRule,
});
export type TakeOutAsset = z.infer<typeof TakeOutAsset>;

export const TakeOutAssetQuery = ListQuery.pick({ q: true })
  .extend({ limit: z.coerce.number().int().min(1).max(100).default(30) })
  .strict();

export const TakeOutItem = z.object({
  assetId: z.uuid(),
  name: z.string(),
  classCode: z.string(),
  className: Name,
  copy: z.boolean(),
});

export const TakeOutStep = z.object({
  position: z.number().int(),
  approver: z.enum(APPROVERS),
  /** the people who may decide this step (resolved when the step became current) */
  approvers: z.array(z.object({ id: z.uuid(), name: z.string() })),
  decision: z.enum(['approved', 'rejected']).nullable(),
  decidedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  decidedAt: z.iso.datetime().nullable(),
  comment: z.string(),
});
export type TakeOutStep = z.infer<typeof TakeOutStep>;

export const TakeOut = z.object({
  id: z.uuid(),
  requester: z.object({ id: z.uuid(), name: z.string() }),
  unit: z.object({ id: z.uuid(), ja: z.string(), en: z.string() }),
  items: z.array(TakeOutItem),
  purpose: z.string(),
  destination: z.string(),
  periodFrom: z.iso.date(),
  periodTo: z.iso.date(),
  medium: z.enum(TAKE_OUT_MEDIA),
  mediumNote: z.string(),
  encrypted: z.boolean(),
  encryptionMethod: z.string(),
  ndaConfirmed: z.boolean(),
  status: z.enum(TAKE_OUT_STATUSES),
  state: z.enum(TAKE_OUT_STATES),
  /** the position of the step waiting for a decision (null unless pending) */
  currentStep: z.number().int().nullable(),
  steps: z.array(TakeOutStep),
  closedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  closedAt: z.iso.datetime().nullable(),
  closeComment: z.string(),
  createdAt: z.iso.datetime(),
  /** what the reader may do now */
  can: z.object({ decide: z.boolean(), close: z.boolean(), cancel: z.boolean() }),
});
export type TakeOut = z.infer<typeof TakeOut>;

export const TakeOutListItem = z.object({
  id: z.uuid(),
  requester: z.string(),
  unit: Name,
  firstAsset: z.string(),
  assetCount: z.number().int(),
  destination: z.string(),
  periodFrom: z.iso.date(),
  periodTo: z.iso.date(),
  medium: z.enum(TAKE_OUT_MEDIA),
  status: z.enum(TAKE_OUT_STATUSES),
  state: z.enum(TAKE_OUT_STATES),
  /** who must decide now (pending only) */
  waitingFor: z.enum(APPROVERS).nullable(),
  createdAt: z.iso.datetime(),
});
export type TakeOutListItem = z.infer<typeof TakeOutListItem>;

export const TAKE_OUT_VIEWS = ['mine', 'to-approve', 'all'] as const;
export const TakeOutListQuery = ListQuery.pick({ limit: true, cursor: true })
  .extend({ view: z.enum(TAKE_OUT_VIEWS).default('mine'), status: z.enum(TAKE_OUT_STATUSES).optional() })
  .strict();
export type TakeOutListQuery = z.infer<typeof TakeOutListQuery>;

export const DecideTakeOutBody = z
  .object({
    /** the step the approver saw: a decision on a step already decided by someone else is a 409 */
    step: z.number().int().min(0).max(2),
    decision: z.enum(['approve', 'reject']),
    comment: Str().trim().max(1000).default(''),
  })
  .strict();
export type DecideTakeOutBody = z.input<typeof DecideTakeOutBody>;

export const CloseTakeOutBody = z
  .object({
    outcome: z.enum(['returned', 'disposed']),
    comment: Str().trim().max(1000).default(''),
  })
  .strict();
export type CloseTakeOutBody = z.input<typeof CloseTakeOutBody>;

/** The take-out history of one asset (on the asset's page). */
export const AssetTakeOut = z.object({
  id: z.uuid(),
  requester: z.string(),
  destination: z.string(),
  periodFrom: z.iso.date(),
  periodTo: z.iso.date(),
  copy: z.boolean(),
  status: z.enum(TAKE_OUT_STATUSES),
  state: z.enum(TAKE_OUT_STATES),
  createdAt: z.iso.datetime(),
});
