import { REVIEW_ACTION_STATUSES, REVIEW_STATUSES, type ReviewPack } from '@mamori/contracts';
import { date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/tables';
import { versionColumn } from '../../../platform/records/version';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A management review (ISO/IEC 27001 9.3), one per fiscal year. The office enters the inputs and assembles the pack
 * (a snapshot of the other domains' figures at that moment: the review discusses what was true when it was prepared);
 * the CISO records the decisions and closes it.
 */
export const managementReviews = pgTable('management_reviews', {
  rowVersion: versionColumn(),
  id: uuid('id').primaryKey().defaultRandom(),
  fiscalYear: integer('fiscal_year').notNull().unique(),
  title: text('title').notNull(),
  heldOn: date('held_on', { mode: 'string' }).notNull(),
  status: text('status', { enum: REVIEW_STATUSES }).notNull().default('preparation'),
  attendees: jsonb('attendees').$type<{ name: string; role: string }[]>().notNull().default([]),
  internalIssues: text('internal_issues').notNull().default(''),
  externalIssues: text('external_issues').notNull().default(''),
  interestedParties: text('interested_parties').notNull().default(''),
  decisions: text('decisions').notNull().default(''),
  pack: jsonb('pack').$type<ReviewPack>(),
  packAssembledAt: ts('pack_assembled_at'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  closedBy: uuid('closed_by').references(() => users.id, { onDelete: 'set null' }),
  closedAt: ts('closed_at'),
});

/**
 * An action the review decided (owner, due date). `fiscalYear` is the year the action is to be carried out in (the
 * year after the review's), so next year's plan reads the open ones (`openReviewActions`).
 */
export const managementReviewActions = pgTable(
  'management_review_actions',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => managementReviews.id, { onDelete: 'restrict' }),
    fiscalYear: integer('fiscal_year').notNull(),
    title: text('title').notNull(),
    owner: text('owner').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status', { enum: REVIEW_ACTION_STATUSES }).notNull().default('open'),
    outcome: text('outcome').notNull().default(''),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('management_review_actions_review_idx').on(t.reviewId, t.dueOn),
    index('management_review_actions_year_idx').on(t.fiscalYear, t.status),
  ],
);
