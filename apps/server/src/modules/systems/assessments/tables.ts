import type { CsvMapping } from '@mamori/contracts';
import {
  ASSESSMENT_FORMATS,
  ASSESSMENT_KINDS,
  EXCEPTION_STATUSES,
  FINDING_EVENT_KINDS,
  VULN_SEVERITIES,
} from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/tables';
import { versionColumn } from '../../../platform/records/version';
import { incidents } from '../../incidents/tables';
import { orgUnits, people } from '../../org/tables';
import { systems } from '../tables';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** A periodic vulnerability assessment (scanner run, penetration test, configuration audit) of named systems. */
export const assessments = pgTable(
  'assessments',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ASSESSMENT_KINDS }).notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    unitPath: text('unit_path').notNull(),
    csvMapping: jsonb('csv_mapping').$type<CsvMapping | null>(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('assessments_unit_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.createdAt)],
);

/** A system an assessment covers, with the host names and addresses its scanners report for it. */
export const assessmentTargets = pgTable(
  'assessment_targets',
  {
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    systemId: uuid('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    hosts: text('hosts')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.systemId] }), index('assessment_targets_system_idx').on(t.systemId)],
);

/** One imported result file of an assessment, with what it changed. */
export const assessmentRuns = pgTable(
  'assessment_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    format: text('format', { enum: ASSESSMENT_FORMATS }).notNull(),
    full: boolean('full').notNull(),
    fileName: text('file_name').notNull().default(''),
    sha256: text('sha256').notNull(),
    results: integer('results').notNull(),
    opened: integer('opened').notNull(),
    reopened: integer('reopened').notNull(),
    fixed: integer('fixed').notNull(),
    seen: integer('seen').notNull(),
    importedBy: uuid('imported_by').references(() => users.id, { onDelete: 'set null' }),
    importedAt: ts('imported_at').notNull().defaultNow(),
  },
  (t) => [index('assessment_runs_assessment_idx').on(t.assessmentId, t.importedAt)],
);

/**
 * A finding, one per system + rule (or CVE) + location across all runs: first and last seen, fixed when a later
 * full run of the assessment that last saw it no longer reports it, reopened when it returns. `unitPath` is the
 * system's owning unit (the scope of systems:read applies to it).
 */
export const assessmentFindings = pgTable(
  'assessment_findings',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    systemId: uuid('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    ruleKey: text('rule_key').notNull(),
    location: text('location').notNull(),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    unitPath: text('unit_path').notNull(),
    ownerPersonId: uuid('owner_person_id').references(() => people.id, { onDelete: 'set null' }),
    ruleId: text('rule_id').notNull(),
    title: text('title').notNull(),
    severity: text('severity', { enum: VULN_SEVERITIES }).notNull(),
    cves: text('cves')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    cwes: text('cwes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    knownExploited: boolean('known_exploited').notNull().default(false),
    fixed: boolean('fixed').notNull().default(false),
    firstSeenAt: ts('first_seen_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    /** when the current open period began (first seen, or the last reopening): the SLA counts from here */
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    fixedAt: ts('fixed_at'),
    lastRunId: uuid('last_run_id').references(() => assessmentRuns.id, { onDelete: 'set null' }),
    incidentId: uuid('incident_id').references(() => incidents.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('assessment_findings_key_uq').on(t.systemId, t.ruleKey, t.location),
    index('assessment_findings_unit_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.dueOn, t.id),
    index('assessment_findings_assessment_idx').on(t.assessmentId, t.fixed),
    // the lists' order (most urgent first): a unit's first page reads the index in order and stops after 50 of its
    // rows, instead of sorting the whole subtree (bench/README.md, assessments: p95 236 → see there)
    index('assessment_findings_due_idx').on(t.dueOn, t.id),
    index('assessment_findings_cves_idx').using('gin', t.cves),
    // the incident board's KEV flag looks findings up by their incident
    index('assessment_findings_incident_idx')
      .on(t.incidentId)
      .where(sql`${t.incidentId} IS NOT NULL`),
  ],
);

/** What happened to a finding: opened, fixed, reopened by a run; exceptions asked and decided; an incident. */
export const assessmentFindingEvents = pgTable(
  'assessment_finding_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    findingId: uuid('finding_id')
      .notNull()
      .references(() => assessmentFindings.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: FINDING_EVENT_KINDS }).notNull(),
    runId: uuid('run_id').references(() => assessmentRuns.id, { onDelete: 'set null' }),
    by: uuid('by').references(() => users.id, { onDelete: 'set null' }),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('assessment_finding_events_finding_idx').on(t.findingId, t.at)],
);

/** A risk acceptance: reason, expiry (required), the approver (never the requester). At most one undecided at once. */
export const assessmentExceptions = pgTable(
  'assessment_exceptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    findingId: uuid('finding_id')
      .notNull()
      .references(() => assessmentFindings.id, { onDelete: 'cascade' }),
    status: text('status', { enum: EXCEPTION_STATUSES }).notNull().default('requested'),
    reason: text('reason').notNull(),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    requestedAt: ts('requested_at').notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: ts('decided_at'),
    note: text('note').notNull().default(''),
  },
  (t) => [
    index('assessment_exceptions_finding_idx').on(t.findingId, t.expiresOn),
    uniqueIndex('assessment_exceptions_pending_uq')
      .on(t.findingId)
      .where(sql`${t.status} = 'requested'`),
  ],
);

/** The latest KEV catalogue (CISA Known Exploited Vulnerabilities JSON) the security office uploaded: one row. */
export const kevCatalogs = pgTable('kev_catalogs', {
  id: integer('id').primaryKey().default(1),
  fileName: text('file_name').notNull(),
  catalogVersion: text('catalog_version').notNull(),
  cves: text('cves').array().notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
  uploadedAt: ts('uploaded_at').notNull().defaultNow(),
});
