import { CRA_DRAFT_STAGES, CRA_RECIPIENTS, CRA_REGIMES } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/tables';
import { products } from '../../products/tables';
import { vulnerabilities } from '../tables';

/**
 * A case reportable under the CRA (art. 14): marked actively exploited (or a severe incident) with when the PSIRT
 * became aware and the evidence; the fix's availability starts the final report's clock.
 */
export const vulnerabilityCra = pgTable('vulnerability_cra', {
  vulnerabilityId: uuid('vulnerability_id')
    .primaryKey()
    .references(() => vulnerabilities.id, { onDelete: 'cascade' }),
  regime: text('regime', { enum: CRA_REGIMES }).notNull(),
  awareAt: timestamp('aware_at', { withTimezone: true }).notNull(),
  evidence: text('evidence').notNull(),
  fixAvailableAt: timestamp('fix_available_at', { withTimezone: true }),
  fixNote: text('fix_note'),
  markedBy: uuid('marked_by').references(() => users.id, { onDelete: 'set null' }),
  markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A report draft saved for review: the generated JSON exactly as stored (`document`, text so its SHA-256 is over the
 * very bytes), the stage and product it is for, who saved it; reviewed by another person (four eyes) or by its author
 * with the reason; `reviewed_sha256` is the hash approved, so a draft edited after its review no longer matches and
 * cannot be submitted. Submitted: it never changes again.
 */
export const vulnerabilityCraDrafts = pgTable(
  'vulnerability_cra_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    vulnerabilityId: uuid('vulnerability_id')
      .notNull()
      .references(() => vulnerabilities.id, { onDelete: 'cascade' }),
    productId: uuid('product_id').references(() => products.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: CRA_DRAFT_STAGES }).notNull(),
    ruleId: text('rule_id').notNull(),
    lang: text('lang', { enum: ['ja', 'en'] }).notNull(),
    document: text('document').notNull(),
    sha256: text('sha256').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedSha256: text('reviewed_sha256'),
    selfReviewReason: text('self_review_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [index('vulnerability_cra_drafts_case_idx').on(t.vulnerabilityId, t.createdAt)],
);

/**
 * One stage's clock (a rule of catalogs/regulatory-reporting-rules.json) for one affected product in the CRA's
 * scope and on the EU market, and its submission (a product off the EU market has none). Rows without a product
 * are case-wide clocks kept from before the clocks were per product (migration 0063_cra_products); they stay as they are. A stage waiting for
 * its start (the fix, an earlier submission) has no due time. A submitted stage is history: later changes of the
 * rules or of the events never move it.
 */
export const vulnerabilityCraClocks = pgTable(
  'vulnerability_cra_clocks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    vulnerabilityId: uuid('vulnerability_id')
      .notNull()
      .references(() => vulnerabilities.id, { onDelete: 'cascade' }),
    productId: uuid('product_id').references(() => products.id, { onDelete: 'cascade' }),
    ruleId: text('rule_id').notNull(),
    stage: text('stage').notNull(),
    hard: boolean('hard').notNull(),
    startAt: timestamp('start_at', { withTimezone: true }),
    warnAt: timestamp('warn_at', { withTimezone: true }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** { event } or { submitted }: what a waiting stage waits for */
    waitingFor: jsonb('waiting_for').$type<{ event: string } | { submitted: string } | null>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    recipient: text('recipient', { enum: CRA_RECIPIENTS }),
    reference: text('reference'),
    text: text('text'),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    /** the reviewed draft submitted and its SHA-256 as reviewed (null: a text recorded without a saved draft) */
    draftId: uuid('draft_id').references(() => vulnerabilityCraDrafts.id, { onDelete: 'set null' }),
    draftSha256: text('draft_sha256'),
    /** the reminder at warnAt and the escalation at dueAt, each sent once (stamped in the transaction of its mail) */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('vulnerability_cra_clocks_product_rule_uq').on(t.vulnerabilityId, t.productId, t.ruleId),
    // "Needs my attention": the running stages by due time.
    index('vulnerability_cra_clocks_due_idx')
      .on(t.dueAt)
      .where(sql`${t.submittedAt} IS NULL AND ${t.dueAt} IS NOT NULL`),
  ],
);
