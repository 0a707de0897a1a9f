import { DRILL_AUTOMATED_REASONS, DRILL_ROLE_GROUPS, DRILL_STATUSES } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { versionColumn } from '../../../platform/records/version';
import { orgUnits, people } from '../../org/tables';

/**
 * A targeted-mail drill (標的型攻撃メール訓練). Owned by the security office as a team (drills:manage): no owner
 * column, the audit log says who did what. `targets` is the list of (unit subtree, role group) rules as designed.
 */
export const drills = pgTable(
  'drills',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    status: text('status', { enum: DRILL_STATUSES }).notNull().default('draft'),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    windowHours: smallint('window_hours').notNull(),
    fiscalYear: smallint('fiscal_year').notNull(),
    reportLink: boolean('report_link').notNull().default(true),
    targets: jsonb('targets')
      .$type<{ unitId: string | null; roleGroup: (typeof DRILL_ROLE_GROUPS)[number] | null }[]>()
      .notNull(),
    recipientCount: integer('recipient_count').notNull().default(0),
    queuedAt: timestamp('queued_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('drills_window_idx').on(t.windowStart, t.id)],
);

/** A mail of a drill, in both languages; each recipient gets one template in their language. */
export const drillTemplates = pgTable(
  'drill_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    drillId: uuid('drill_id')
      .notNull()
      .references(() => drills.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    senderNameJa: text('sender_name_ja').notNull(),
    subjectJa: text('subject_ja').notNull(),
    bodyJa: text('body_ja').notNull(),
    senderNameEn: text('sender_name_en').notNull(),
    subjectEn: text('subject_en').notNull(),
    bodyEn: text('body_en').notNull(),
    attachmentName: text('attachment_name'),
  },
  (t) => [uniqueIndex('drill_templates_position_idx').on(t.drillId, t.position)],
);

/**
 * One mail of a drill: written set-based when the drill is queued, sent by the `drills.send` job in batches.
 * `tokenHash` is the SHA-256 of the random token put in the mail's links, set when the mail is sent (the token
 * itself is never stored). The first human open/click/report is stamped here; every hit is in drill_hits.
 */
export const drillRecipients = pgTable(
  'drill_recipients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    drillId: uuid('drill_id')
      .notNull()
      .references(() => drills.id, { onDelete: 'cascade' }),
    templateId: uuid('template_id')
      .notNull()
      .references(() => drillTemplates.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    lang: text('lang', { enum: ['ja', 'en'] }).notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    unitPath: text('unit_path').notNull(),
    roleGroup: text('role_group', { enum: DRILL_ROLE_GROUPS }).notNull(),
    sendAt: timestamp('send_at', { withTimezone: true }).notNull(),
    tokenHash: text('token_hash'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    error: text('error'),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    clickedAt: timestamp('clicked_at', { withTimezone: true }),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('drill_recipients_token_idx').on(t.tokenHash),
    uniqueIndex('drill_recipients_person_idx').on(t.drillId, t.personId),
    // the sending job reads the due, unsent mails in send order
    index('drill_recipients_due_idx')
      .on(t.sendAt)
      .where(sql`${t.sentAt} IS NULL AND ${t.failedAt} IS NULL`),
    index('drill_recipients_path_idx').using('btree', t.drillId, sql`${t.unitPath} text_pattern_ops`),
  ],
);

/** Every hit on a tracked link or image, with the reason it was judged automated (null: a person). */
export const drillHits = pgTable(
  'drill_hits',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    drillId: uuid('drill_id')
      .notNull()
      .references(() => drills.id, { onDelete: 'cascade' }),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => drillRecipients.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['open', 'click', 'report'] }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** the caller's network (/24 for IPv4, /48 for IPv6): many hits from one network in a burst are a scanner */
    net: text('net').notNull(),
    userAgent: text('user_agent').notNull().default(''),
    automated: text('automated', { enum: DRILL_AUTOMATED_REASONS }),
  },
  (t) => [index('drill_hits_net_idx').on(t.drillId, t.net, t.at), index('drill_hits_recipient_idx').on(t.recipientId)],
);

/**
 * A follow-up course owed by a person who clicked: pending until the training domain assigns it
 * (modules/training/service.ts), then `assignedAt` is stamped.
 */
export const drillFollowUps = pgTable(
  'drill_follow_ups',
  {
    drillId: uuid('drill_id')
      .notNull()
      .references(() => drills.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.drillId, t.personId] }),
    index('drill_follow_ups_pending_idx')
      .on(t.createdAt)
      .where(sql`${t.assignedAt} IS NULL`),
  ],
);
