import { APPROVERS, TAKE_OUT_MEDIA, TAKE_OUT_STATUSES } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import { boolean, date, index, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/tables';
import { versionColumn } from '../../../platform/records/version';
import { orgUnits } from '../../org/tables';
import { assets } from '../tables';

/**
 * A request to take assets out of the premises (持ち出し申請, seed 002 2-2). `unitId`/`unitPath` are the nearest unit
 * holding every asset of the request: the approvers are resolved for it and the offices' scope applies to it.
 * `out` and `overdue` are not stored: they follow from an approved request's period and today (Asia/Tokyo).
 */
export const takeOuts = pgTable(
  'take_outs',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    unitPath: text('unit_path').notNull(),
    purpose: text('purpose').notNull(),
    destination: text('destination').notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    medium: text('medium', { enum: TAKE_OUT_MEDIA }).notNull(),
    mediumNote: text('medium_note').notNull().default(''),
    encrypted: boolean('encrypted').notNull(),
    encryptionMethod: text('encryption_method').notNull().default(''),
    ndaConfirmed: boolean('nda_confirmed').notNull().default(false),
    status: text('status', { enum: TAKE_OUT_STATUSES }).notNull(),
    /** position of the step waiting for a decision; null unless pending */
    currentStep: smallint('current_step'),
    /** who confirmed the return or disposal, or cancelled the request */
    closedBy: uuid('closed_by').references(() => users.id, { onDelete: 'restrict' }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closeComment: text('close_comment').notNull().default(''),
    /** the overdue job's stamps: each reminder and escalation is sent once */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('take_outs_requester_idx').on(t.requesterId, t.createdAt, t.id),
    index('take_outs_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.createdAt),
    index('take_outs_created_idx').on(t.createdAt, t.id),
    // the overdue job reads approved requests by their last day
    index('take_outs_overdue_idx')
      .on(t.periodTo)
      .where(sql`${t.status} = 'approved'`),
  ],
);

/** The assets of a request (or a copy of each), in the order given. */
export const takeOutItems = pgTable(
  'take_out_items',
  {
    takeOutId: uuid('take_out_id')
      .notNull()
      .references(() => takeOuts.id, { onDelete: 'cascade' }),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'restrict' }),
    position: smallint('position').notNull(),
    copy: boolean('copy').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.takeOutId, t.assetId] }), index('take_out_items_asset_idx').on(t.assetId)],
);

/** The approval chain: one step per approver the class rules name, in the order org head → site office → CISO. */
export const takeOutSteps = pgTable(
  'take_out_steps',
  {
    takeOutId: uuid('take_out_id')
      .notNull()
      .references(() => takeOuts.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    approver: text('approver', { enum: APPROVERS }).notNull(),
    decision: text('decision', { enum: ['approved', 'rejected'] }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'restrict' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    comment: text('comment').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.takeOutId, t.position] })],
);

/** Who may decide a step: resolved when the step becomes current (the to-approve list reads it by user). */
export const takeOutApprovers = pgTable(
  'take_out_approvers',
  {
    takeOutId: uuid('take_out_id')
      .notNull()
      .references(() => takeOuts.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.takeOutId, t.position, t.userId] }),
    index('take_out_approvers_user_idx').on(t.userId, t.takeOutId),
  ],
);
