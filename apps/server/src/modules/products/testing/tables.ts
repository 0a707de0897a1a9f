import {
  TEST_CASE_OUTCOMES,
  TEST_DEPTH_KINDS,
  TEST_FINDING_STATUSES,
  TEST_METHODS,
  TEST_RUN_SOURCES,
  TEST_SEVERITIES,
  TESTER_INDEPENDENCE,
} from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/tables';
import { versionColumn } from '../../../platform/records/version';
import { products, releases } from '../tables';
import { bytea } from '../../../db/columns';

const ts = (name: string) => timestamp(name, { withTimezone: true });
/** A security test plan of one release: scope, depth (CAL or SL), methods, named interfaces, who tests, who allowed it. */
export const testPlans = pgTable(
  'product_test_plans',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    releaseId: uuid('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    scope: text('scope'),
    depthKind: text('depth_kind', { enum: TEST_DEPTH_KINDS }),
    depthLevel: integer('depth_level'),
    methods: text('methods', { enum: TEST_METHODS }).array().notNull(),
    interfaces: text('interfaces')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    testerIndependence: text('tester_independence', { enum: TESTER_INDEPENDENCE }).notNull(),
    testerName: text('tester_name'),
    authorisation: text('authorisation'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('product_test_plans_release_idx').on(t.releaseId), index('product_test_plans_product_idx').on(t.productId)],
);

/**
 * A test case of a plan. goal/requirement/attack-path references are the TARA's ids kept as text: the TARA room
 * owns those tables, and a test case outlives a re-rated analysis.
 */
export const testCases = pgTable(
  'product_test_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => testPlans.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    method: text('method', { enum: TEST_METHODS }).notNull(),
    interface: text('interface'),
    goalRef: text('goal_ref'),
    requirementRef: text('requirement_ref'),
    attackPathRef: text('attack_path_ref'),
    lastOutcome: text('last_outcome', { enum: TEST_CASE_OUTCOMES }),
    lastRunAt: ts('last_run_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('product_test_cases_title_idx').on(t.planId, t.title)],
);

/** One run of a plan: a SARIF or JUnit import, or a manual retest. The file itself is kept only by its hash. */
export const testPlanRuns = pgTable(
  'product_test_plan_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => testPlans.id, { onDelete: 'cascade' }),
    source: text('source', { enum: TEST_RUN_SOURCES }).notNull(),
    method: text('method', { enum: TEST_METHODS }).notNull(),
    interface: text('interface'),
    tool: text('tool'),
    performedOn: date('performed_on').notNull(),
    retest: boolean('retest').notNull().default(false),
    fileSha256: text('file_sha256'),
    results: integer('results').notNull().default(0),
    importedBy: uuid('imported_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('product_test_plan_runs_plan_idx').on(t.planId, t.createdAt)],
);

/**
 * A finding of a plan, one row per fingerprint (de-duplicated across the plan's runs): first and last run that
 * reported it; fixed pending retest when a run of the same method no longer reports it; closed by a retest.
 */
export const testFindings = pgTable(
  'product_test_findings',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => testPlans.id, { onDelete: 'cascade' }),
    releaseId: uuid('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    fingerprint: text('fingerprint').notNull(),
    method: text('method', { enum: TEST_METHODS }).notNull(),
    tool: text('tool').notNull(),
    ruleId: text('rule_id').notNull(),
    message: text('message').notNull(),
    uri: text('uri'),
    startLine: integer('start_line'),
    severity: text('severity', { enum: TEST_SEVERITIES }).notNull(),
    status: text('status', { enum: TEST_FINDING_STATUSES }).notNull().default('open'),
    firstSeenRunId: uuid('first_seen_run_id')
      .notNull()
      .references(() => testPlanRuns.id, { onDelete: 'cascade' }),
    lastSeenRunId: uuid('last_seen_run_id')
      .notNull()
      .references(() => testPlanRuns.id, { onDelete: 'cascade' }),
    acceptanceReason: text('acceptance_reason'),
    acceptanceRequestedBy: uuid('acceptance_requested_by').references(() => users.id, { onDelete: 'set null' }),
    acceptanceApprovedBy: uuid('acceptance_approved_by').references(() => users.id, { onDelete: 'set null' }),
    acceptedUntil: date('accepted_until'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('product_test_findings_fingerprint_idx').on(t.planId, t.fingerprint),
    index('product_test_findings_release_idx').on(t.releaseId, t.status),
  ],
);

/** A test case's result in a JUnit run. */
export const testCaseResults = pgTable(
  'product_test_case_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id')
      .notNull()
      .references(() => testPlanRuns.id, { onDelete: 'cascade' }),
    caseId: uuid('case_id').references(() => testCases.id, { onDelete: 'set null' }),
    suite: text('suite'),
    name: text('name').notNull(),
    outcome: text('outcome', { enum: TEST_CASE_OUTCOMES }).notNull(),
    message: text('message'),
  },
  (t) => [index('product_test_case_results_run_idx').on(t.runId)],
);

/** An evidence file of a plan (a report, a capture, a photo of the board), kept with its SHA-256 so backups hold it. */
export const testEvidence = pgTable(
  'product_test_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => testPlans.id, { onDelete: 'cascade' }),
    runId: uuid('run_id').references(() => testPlanRuns.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    uploadedAt: ts('uploaded_at').notNull().defaultNow(),
  },
  (t) => [index('product_test_evidence_plan_idx').on(t.planId)],
);
