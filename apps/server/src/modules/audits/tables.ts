import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/tables';
import { versionColumn } from '../../platform/records/version';
import { orgUnits, people } from '../org/tables';
import { bytea } from '../../db/columns';

/**
 * Internal audits (内部監査). Not the audit LOG (`audit_events`, platform/audit): these tables hold the audit
 * programme, the audits of units, their findings and corrective actions.
 */
const ts = (name: string) => timestamp(name, { withTimezone: true });
const day = (name: string) => date(name, { mode: 'string' });
export interface TrainingRecord {
  date: string;
  title: string;
  hours?: number | undefined;
}

/** The register of qualified internal auditors (社内資格認定): one row per person. */
export const internalAuditors = pgTable(
  'internal_auditors',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .unique()
      .references(() => people.id, { onDelete: 'restrict' }),
    qualifiedOn: day('qualified_on').notNull(),
    expiresOn: day('expires_on').notNull(),
    /** 'training' when the education module recorded it (it will feed this register), 'manual' otherwise */
    qualificationSource: text('qualification_source', { enum: ['manual', 'training'] })
      .notNull()
      .default('manual'),
    training: jsonb('training').$type<TrainingRecord[]>().notNull().default([]),
    notes: text('notes').notNull().default(''),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [check('internal_auditors_dates_ck', sql`${t.expiresOn} >= ${t.qualifiedOn}`)],
);

/** A yearly audit programme over a scope (an org subtree named by its top unit). */
export const auditProgrammes = pgTable(
  'audit_programmes',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    fiscalYear: integer('fiscal_year').notNull(),
    scopeUnitId: uuid('scope_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    scopePath: text('scope_path').notNull(),
    title: text('title').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique('audit_programmes_fy_scope_uq').on(t.fiscalYear, t.scopeUnitId)],
);

export interface InterviewRecord {
  name: string;
  role: string;
  heldOn: string;
  notes: string;
}

/** One internal audit of one unit: planned → in_progress → reported → closed. */
export const internalAudits = pgTable(
  'internal_audits',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => auditProgrammes.id, { onDelete: 'restrict' }),
    fiscalYear: integer('fiscal_year').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    /** copied at creation: the scope test of every read is a prefix match on it */
    unitPath: text('unit_path').notNull(),
    state: text('state', { enum: ['planned', 'in_progress', 'reported', 'closed'] })
      .notNull()
      .default('planned'),
    mode: text('mode', { enum: ['on_site', 'remote'] })
      .notNull()
      .default('on_site'),
    plannedFrom: day('planned_from').notNull(),
    plannedTo: day('planned_to').notNull(),
    leadAuditorId: uuid('lead_auditor_id')
      .notNull()
      .references(() => internalAuditors.id, { onDelete: 'restrict' }),
    coAuditorIds: uuid('co_auditor_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    scope: text('scope').notNull().default(''),
    conclusion: text('conclusion').notNull().default(''),
    interviews: jsonb('interviews').$type<InterviewRecord[]>().notNull().default([]),
    followUpOf: uuid('follow_up_of'),
    startedAt: ts('started_at'),
    reportedAt: ts('reported_at'),
    closedAt: ts('closed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('internal_audits_programme_idx').on(t.programmeId, t.plannedFrom),
    index('internal_audits_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.fiscalYear),
    index('internal_audits_unit_idx').on(t.unitId, t.plannedTo),
    index('internal_audits_lead_idx').on(t.leadAuditorId, t.state),
    index('internal_audits_co_idx').using('gin', t.coAuditorIds),
    check('internal_audits_dates_ck', sql`${t.plannedTo} >= ${t.plannedFrom}`),
  ],
);

/** One checklist line of an audit: an applicable SoA control, a group rule, or an open finding (follow-ups). */
export const auditChecklistItems = pgTable(
  'audit_checklist_items',
  {
    auditId: uuid('audit_id')
      .notNull()
      .references(() => internalAudits.id, { onDelete: 'restrict' }),
    ref: text('ref').notNull(),
    position: integer('position').notNull(),
    source: text('source', { enum: ['control', 'rule', 'finding'] }).notNull(),
    reference: text('reference').notNull(),
    questionJa: text('question_ja').notNull(),
    questionEn: text('question_en').notNull(),
    result: text('result', { enum: ['conforming', 'nonconforming', 'observation', 'na'] }),
    notes: text('notes').notNull().default(''),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: ts('updated_at'),
  },
  (t) => [primaryKey({ columns: [t.auditId, t.ref] })],
);

/** An evidence file of an audit (kept in the database with its SHA-256, so backups include it). */
export const auditEvidence = pgTable(
  'audit_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => internalAudits.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    uploadedAt: ts('uploaded_at').notNull().defaultNow(),
  },
  (t) => [index('audit_evidence_audit_idx').on(t.auditId, t.uploadedAt)],
);

/**
 * A finding of an internal audit. Nonconformities (major / minor) carry the corrective action of the audited unit:
 * open (answer due by `dueDate`) → answered (action due by `dueDate`) → closed after the auditor's effectiveness
 * check, or back to open when reopened. Observations and good practice are `noted`.
 */
export const auditFindings = pgTable(
  'audit_findings',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => internalAudits.id, { onDelete: 'restrict' }),
    number: integer('number').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    unitPath: text('unit_path').notNull(),
    type: text('type', { enum: ['major', 'minor', 'observation', 'good_practice'] }).notNull(),
    referenceKind: text('reference_kind', { enum: ['clause', 'control'] }).notNull(),
    reference: text('reference').notNull(),
    statement: text('statement').notNull(),
    evidence: text('evidence').notNull().default(''),
    state: text('state', { enum: ['open', 'answered', 'closed', 'noted'] }).notNull(),
    dueDate: day('due_date'),
    rootCause: text('root_cause'),
    whySteps: jsonb('why_steps').$type<string[]>(),
    actionPlan: text('action_plan'),
    actionOwner: text('action_owner'),
    answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
    answeredAt: ts('answered_at'),
    effectivenessCheck: text('effectiveness_check'),
    verifiedBy: uuid('verified_by').references(() => users.id, { onDelete: 'set null' }),
    closedAt: ts('closed_at'),
    reopenReason: text('reopen_reason'),
    /** set when the overdue job escalated the current due date (cleared when the due date changes) */
    escalatedAt: ts('escalated_at'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('audit_findings_number_uq').on(t.auditId, t.number),
    index('audit_findings_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.fiscalYear),
    index('audit_findings_due_idx')
      .on(t.dueDate)
      .where(sql`${t.state} IN ('open', 'answered')`),
    check(
      'audit_findings_closed_checked_ck',
      sql`${t.state} <> 'closed' OR (${t.effectivenessCheck} IS NOT NULL AND length(trim(${t.effectivenessCheck})) > 0)`,
    ),
  ],
);
