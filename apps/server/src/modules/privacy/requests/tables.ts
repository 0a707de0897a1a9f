import { PRIVACY_REQUEST_OUTCOMES, PRIVACY_REQUEST_STATUSES, PRIVACY_REQUEST_TYPES } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/tables';
import { versionColumn } from '../../../platform/records/version';
import { orgUnits } from '../../org/tables';

export interface StoredClock {
  ruleId: string;
  hard: boolean;
  startAt: string;
  warnAt: string;
  dueAt: string;
  /** runs to its rule's extended due date (GDPR art. 12(3)) */
  extended?: boolean;
}

/**
 * A data-subject request (開示等請求), received at a service's window (entered by staff) or through the public form.
 * A request without a unit is the privacy office's to triage (only group-wide holders see it). The clocks are
 * computed by the deadline engine from the request's facts when it is received or its facts change; `next_due_at`
 * is the earliest while it is open (lists, the reminder job, attention). `reminded_at`/`escalated_at` stamp each
 * reminder once.
 */
export const privacyRequests = pgTable(
  'privacy_requests',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull().unique(),
    type: text('type', { enum: PRIVACY_REQUEST_TYPES }).notNull(),
    channel: text('channel', { enum: ['window', 'public_form'] }).notNull(),
    status: text('status', { enum: PRIVACY_REQUEST_STATUSES }).notNull().default('received'),
    unitId: uuid('unit_id').references(() => orgUnits.id, { onDelete: 'restrict' }),
    unitPath: text('unit_path'),
    service: text('service').notNull().default(''),
    requesterName: text('requester_name').notNull(),
    requesterContact: text('requester_contact').notNull(),
    requesterCountry: text('requester_country').notNull().default('JP'),
    details: text('details').notNull().default(''),
    language: text('language', { enum: ['ja', 'en'] })
      .notNull()
      .default('ja'),
    activityIds: uuid('activity_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
    laws: text('laws')
      .array()
      .notNull()
      .default(sql`'{}'`),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    identityMethod: text('identity_method'),
    identityNote: text('identity_note').notNull().default(''),
    identityCheckedAt: timestamp('identity_checked_at', { withTimezone: true }),
    identityCheckedBy: uuid('identity_checked_by').references(() => users.id, { onDelete: 'restrict' }),
    clocks: jsonb('clocks').$type<StoredClock[]>().notNull().default([]),
    nextWarnAt: timestamp('next_warn_at', { withTimezone: true }),
    nextDueAt: timestamp('next_due_at', { withTimezone: true }),
    outcome: text('outcome', { enum: PRIVACY_REQUEST_OUTCOMES }),
    answer: text('answer').notNull().default(''),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'restrict' }),
    lateReason: text('late_reason').notNull().default(''),
    /** the GDPR art. 12(3) extension: once, with its reason, told to the requester (`extension_notice`) */
    extendedAt: timestamp('extended_at', { withTimezone: true }),
    extendedBy: uuid('extended_by').references(() => users.id, { onDelete: 'restrict' }),
    extensionReason: text('extension_reason').notNull().default(''),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('privacy_requests_received_idx').on(t.receivedAt, t.id),
    index('privacy_requests_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.receivedAt),
    index('privacy_requests_due_idx')
      .on(t.nextDueAt)
      .where(sql`${t.nextDueAt} IS NOT NULL`),
  ],
);
