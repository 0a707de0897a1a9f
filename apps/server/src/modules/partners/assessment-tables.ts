import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  ANSWER_VALUES,
  ASSESSMENT_STATUSES,
  IR_STATUSES,
  PARTNER_TIERS as TIERS,
  REOPEN_REQUEST_STATUSES,
} from '@mamori/contracts';
import { partnerFiles, partners } from './tables';
import { versionColumn } from '../../platform/records/version';

const ts = (name: string) => timestamp(name, { withTimezone: true });
const score = (name: string) => numeric(name, { precision: 4, scale: 1, mode: 'number' });

/** A check-sheet round (e.g. yearly) for a set of partners. */
export const partnerCampaigns = pgTable('partner_campaigns', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  catalogVersion: integer('catalog_version').notNull(),
  dueOn: date('due_on').notNull(),
  /** reminders go out this many days before the due date */
  reminderDays: jsonb('reminder_days').$type<number[]>().notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/**
 * One partner's check sheet in a campaign. `requirementIds` fixes, at creation, exactly the requirements of
 * its catalogue version that apply to the partner; scores are columns so lists sort and filter on them.
 */
export const partnerAssessments = pgTable(
  'partner_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => partnerCampaigns.id, { onDelete: 'restrict' }),
    catalogVersion: integer('catalog_version').notNull(),
    requirementIds: text('requirement_ids').array().notNull(),
    tier: text('tier', { enum: TIERS }).notNull(),
    status: text('status', { enum: ASSESSMENT_STATUSES }).notNull().default('draft'),
    dueOn: date('due_on').notNull(),
    submittedAt: ts('submitted_at'),
    submittedBy: uuid('submitted_by'),
    reopenReason: text('reopen_reason'),
    score: score('score'),
    score1: score('score_1'),
    score2: score('score_2'),
    score3: score('score_3'),
    score4: score('score_4'),
    score5: score('score_5'),
    threshold: integer('threshold'),
    passed: boolean('passed'),
    lastReminderDays: integer('last_reminder_days'),
    /** when the office last reminded this sheet by hand (POST /api/partner-campaigns/{id}/remind): once a day at most */
    remindedAt: ts('reminded_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('partner_assessments_campaign_partner').on(t.campaignId, t.partnerId),
    index('partner_assessments_partner_idx').on(t.partnerId, t.createdAt),
    index('partner_assessments_open_due_idx')
      .on(t.dueOn)
      .where(sql`${t.status} IN ('draft', 'reopened')`),
  ],
);

/** Answers exist only once given: an assessment's unanswered requirements have no row. */
export const partnerAnswers = pgTable(
  'partner_answers',
  {
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => partnerAssessments.id, { onDelete: 'cascade' }),
    requirementId: text('requirement_id').notNull(),
    value: text('value', { enum: ANSWER_VALUES }).notNull(),
    reason: text('reason'),
    comment: text('comment'),
    evidenceFileIds: uuid('evidence_file_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.requirementId] })],
);

/** One failing requirement to improve: the partner answers with a plan and evidence, the office decides. */
export const improvementRequests = pgTable(
  'improvement_requests',
  {
    /** row version, bumped by a trigger on every update: the record's ETag */
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => partnerAssessments.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    requirementId: text('requirement_id').notNull(),
    reason: text('reason', { enum: ['below_threshold', 'critical'] }).notNull(),
    ownerId: uuid('owner_id'),
    dueOn: date('due_on').notNull(),
    status: text('status', { enum: IR_STATUSES }).notNull().default('open'),
    plan: text('plan'),
    evidenceFileIds: uuid('evidence_file_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    answeredAt: ts('answered_at'),
    decisionComment: text('decision_comment'),
    decidedAt: ts('decided_at'),
    decidedBy: uuid('decided_by'),
    escalatedAt: ts('escalated_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('improvement_requests_assessment_requirement').on(t.assessmentId, t.requirementId),
    index('improvement_requests_partner_idx').on(t.partnerId, t.status),
    index('improvement_requests_status_due_idx').on(t.status, t.dueOn, t.id),
  ],
);

/** On-site verification visits and what they found. */
export const partnerVisits = pgTable(
  'partner_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    visitedOn: date('visited_on').notNull(),
    visitors: text('visitors').notNull(),
    summary: text('summary').notNull(),
    findings: jsonb('findings')
      .$type<{ requirementId: string | null; severity: 'info' | 'minor' | 'major'; note: string }[]>()
      .notNull(),
    reportFileId: uuid('report_file_id').references(() => partnerFiles.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('partner_visits_partner_idx').on(t.partnerId, t.visitedOn)],
);

/**
 * A partner's request to reopen one of its submitted check sheets. At most one is pending per check sheet;
 * the office approves (the sheet goes back to answering) or refuses it with a reason.
 */
export const partnerReopenRequests = pgTable(
  'partner_reopen_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => partnerAssessments.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    status: text('status', { enum: REOPEN_REQUEST_STATUSES }).notNull().default('pending'),
    requestedBy: uuid('requested_by'),
    requestedAt: ts('requested_at').notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    decisionReason: text('decision_reason'),
  },
  (t) => [
    uniqueIndex('partner_reopen_requests_one_pending')
      .on(t.assessmentId)
      .where(sql`${t.status} = 'pending'`),
    index('partner_reopen_requests_assessment_idx').on(t.assessmentId, t.requestedAt),
    index('partner_reopen_requests_status_idx').on(t.status, t.requestedAt, t.id),
  ],
);

/** The scores of a submission that was later reopened: resubmitting overwrites the sheet's, not these. */
export const partnerAssessmentRounds = pgTable(
  'partner_assessment_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => partnerAssessments.id, { onDelete: 'cascade' }),
    submittedAt: ts('submitted_at'),
    submittedBy: uuid('submitted_by'),
    score: score('score'),
    score1: score('score_1'),
    score2: score('score_2'),
    score3: score('score_3'),
    score4: score('score_4'),
    score5: score('score_5'),
    threshold: integer('threshold'),
    passed: boolean('passed'),
    reopenedAt: ts('reopened_at').notNull().defaultNow(),
    reopenedBy: uuid('reopened_by'),
    reopenReason: text('reopen_reason').notNull(),
    reopenRequestId: uuid('reopen_request_id').references(() => partnerReopenRequests.id, { onDelete: 'set null' }),
  },
  (t) => [index('partner_assessment_rounds_assessment_idx').on(t.assessmentId, t.reopenedAt)],
);
