import type { IncidentFacts, PartnerReportFacts } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/tables';
import { orgUnits } from '../org/tables';
import { partners } from '../partners/tables';
import { versionColumn } from '../../platform/records/version';
import { bytea } from '../../db/columns';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * An incident or near miss. Scope comes from its org unit's current path (a join), so a unit moved in
 * the tree takes its cases along; `siteId` is the site the unit belonged to when reported (statistics).
 */
export const incidents = pgTable(
  'incidents',
  {
    /** row version, bumped by a trigger on every update: the record's ETag */
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    /** INC-2026-00001: per calendar year (Asia/Tokyo) of the report */
    number: text('number').notNull().unique(),
    typeId: text('type_id').notNull(),
    severity: text('severity', { enum: ['low', 'medium', 'high', 'critical'] }).notNull(),
    nearMiss: boolean('near_miss').notNull().default(false),
    status: text('status', {
      enum: ['reported', 'initial_response', 'investigation', 'notification', 'public_statement', 'prevention', 'closed'],
    })
      .notNull()
      .default('reported'),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** what information, and how much */
    information: text('information').notNull().default(''),
    location: text('location').notNull().default(''),
    language: text('language', { enum: ['ja', 'en'] })
      .notNull()
      .default('ja'),
    occurredAt: ts('occurred_at'),
    discoveredAt: ts('discovered_at').notNull(),
    /** when the company became aware: the regulatory clocks start here (default: the report) */
    awareAt: ts('aware_at').notNull(),
    reportedAt: ts('reported_at').notNull().defaultNow(),
    /** 'YYYY-MM' of the report in Asia/Tokyo, set once: the statistics group by it without a per-row time-zone conversion */
    reportedMonth: text('reported_month').notNull(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    siteId: uuid('site_id').references(() => orgUnits.id, { onDelete: 'set null' }),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    facts: jsonb('facts').$type<IncidentFacts>().notNull(),
    causeCategory: text('cause_category'),
    rootCause: text('root_cause').notNull().default(''),
    containedAt: ts('contained_at'),
    closedAt: ts('closed_at'),
    /** the business partner whose user reported the case from the portal (4-1 b, c); its users see the report */
    partnerId: uuid('partner_id').references(() => partners.id, { onDelete: 'restrict' }),
    /** what the partner said beside the report: its kind, whether our information is involved, the agreed time */
    partnerReport: jsonb('partner_report').$type<PartnerReportFacts>(),
    /** the earliest due time of a clock still running: kept by the deadlines service, for lists and reminders */
    nextDueAt: ts('next_due_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // Ascending on NOT NULL columns: scanned backwards it serves ORDER BY reported_at DESC, id DESC.
    index('incidents_reported_idx').on(t.reportedAt, t.id),
    index('incidents_open_idx')
      .on(t.reportedAt, t.id)
      .where(sql`status <> 'closed'`),
    index('incidents_reporter_idx').on(t.reporterId, t.reportedAt),
    index('incidents_unit_idx').on(t.orgUnitId, t.reportedAt),
    index('incidents_status_idx').on(t.status, t.reportedAt, t.id),
    index('incidents_type_idx').on(t.typeId, t.reportedAt, t.id),
    index('incidents_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
    index('incidents_partner_idx')
      .on(t.partnerId, t.reportedAt, t.id)
      .where(sql`partner_id IS NOT NULL`),
  ],
);

/** Counter for incident numbers, one row per year: a row lock serialises numbering. */
export const incidentCounters = pgTable('incident_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

/** People added to a case: they may read it and contribute (timeline, evidence, their tasks). */
export const incidentMembers = pgTable(
  'incident_members',
  {
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'restrict' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    note: text('note').notNull().default(''),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedAt: ts('added_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.userId] }), index('incident_members_user_idx').on(t.userId)],
);

/** The record of 4-2 e): append-only (a trigger refuses UPDATE and DELETE); a correction is a new entry. */
export const incidentTimeline = pgTable(
  'incident_timeline',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'restrict' }),
    kind: text('kind').notNull(),
    at: ts('at').notNull(),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'restrict' }),
    text: text('text').notNull(),
    data: jsonb('data'),
    /**
     * The entry this one corrects (same incident, checked by the service). No foreign key: the backup
     * writes self-referencing tables by a level column, and entries are never deleted anyway (trigger).
     */
    corrects: uuid('corrects'),
  },
  (t) => [
    index('incident_timeline_incident_idx').on(t.incidentId, t.seq),
    index('incident_timeline_corrects_idx').on(t.corrects),
  ],
);

export interface CustodyRecord {
  at: string;
  action: string;
  by: string;
  to: string | null;
  note: string;
}

export const incidentEvidence = pgTable(
  'incident_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    description: text('description').notNull().default(''),
    collectedBy: uuid('collected_by').references(() => users.id, { onDelete: 'restrict' }),
    collectedAt: ts('collected_at').notNull().defaultNow(),
    /** chain of custody, appended to (never rewritten) by the evidence service */
    custody: jsonb('custody').$type<CustodyRecord[]>().notNull(),
  },
  (t) => [index('incident_evidence_incident_idx').on(t.incidentId, t.collectedAt)],
);

/**
 * Evidence content, in the database: the same on PGlite and PostgreSQL, in every backup, shared by
 * every Mamori process, and inside the change's transaction. Kept apart so lists never load it.
 */
export const incidentEvidenceContent = pgTable('incident_evidence_content', {
  evidenceId: uuid('evidence_id')
    .primaryKey()
    .references(() => incidentEvidence.id, { onDelete: 'restrict' }),
  content: bytea('content').notNull(),
});

export const incidentTasks = pgTable(
  'incident_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'restrict' }),
    step: text('step').notNull(),
    titleJa: text('title_ja').notNull(),
    titleEn: text('title_en').notNull(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    dueAt: ts('due_at'),
    doneAt: ts('done_at'),
    doneBy: uuid('done_by').references(() => users.id, { onDelete: 'set null' }),
    /** set when the task was settled as not needed (at closing), with why; doneAt/doneBy then say when and by whom */
    notNeededReason: text('not_needed_reason'),
    fromTemplate: boolean('from_template').notNull().default(false),
    position: integer('position').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('incident_tasks_incident_idx').on(t.incidentId, t.position), index('incident_tasks_owner_idx').on(t.ownerId)],
);

/** A regulatory or contractual clock of a case (rules in catalogs/incident-deadline-rules.json). */
export const incidentDeadlines = pgTable(
  'incident_deadlines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'restrict' }),
    ruleId: text('rule_id').notNull(),
    /** the customer of a contractual clock; '' otherwise */
    customer: text('customer').notNull().default(''),
    hard: boolean('hard').notNull(),
    startAt: ts('start_at').notNull(),
    warnAt: ts('warn_at').notNull(),
    dueAt: ts('due_at').notNull(),
    metAt: ts('met_at'),
    metHow: text('met_how'),
    metBy: uuid('met_by').references(() => users.id, { onDelete: 'set null' }),
    waivedAt: ts('waived_at'),
    waivedReason: text('waived_reason'),
    /** set when the facts changed and the rule no longer applies (kept: nothing is deleted) */
    obsoleteAt: ts('obsolete_at'),
    lastRemindedAt: ts('last_reminded_at'),
    escalatedAt: ts('escalated_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('incident_deadlines_rule_unique').on(t.incidentId, t.ruleId, t.customer),
    // The reminder job reads only running clocks.
    index('incident_deadlines_running_idx')
      .on(t.warnAt)
      .where(sql`met_at IS NULL AND waived_at IS NULL AND obsolete_at IS NULL`),
  ],
);
