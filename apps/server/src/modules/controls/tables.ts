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
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/tables';
import { versionColumn } from '../../platform/records/version';
import { orgUnits } from '../org/tables';
import { bytea } from '../../db/columns';

const ts = (name: string) => timestamp(name, { withTimezone: true });
/**
 * One Statement of Applicability per ISMS scope; the scope is an org subtree named by its top unit (the group's
 * SoA has the root). The document itself lives in its versions.
 */
export const soas = pgTable('soas', {
  id: uuid('id').primaryKey().defaultRandom(),
  scopeUnitId: uuid('scope_unit_id')
    .notNull()
    .unique()
    .references(() => orgUnits.id, { onDelete: 'restrict' }),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const SOA_VERSION_STATUSES = ['draft', 'review', 'approved'] as const;

/**
 * A version of an SoA: draft → review → approved (frozen forever). At most one version is open (draft or
 * review) per SoA: a partial unique index says so, whatever code path writes. The row version is the ETag that
 * guards edits of its entries (If-Match on the version).
 */
export const soaVersions = pgTable(
  'soa_versions',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    soaId: uuid('soa_id')
      .notNull()
      .references(() => soas.id, { onDelete: 'restrict' }),
    number: integer('number').notNull(),
    status: text('status', { enum: SOA_VERSION_STATUSES }).notNull().default('draft'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: ts('submitted_at'),
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
    approvedAt: ts('approved_at'),
    returnReason: text('return_reason'),
  },
  (t) => [
    unique('soa_versions_number_uq').on(t.soaId, t.number),
    uniqueIndex('soa_versions_one_open_uq')
      .on(t.soaId)
      .where(sql`${t.status} <> 'approved'`),
  ],
);

/** One row per control per version (93 per version). */
export const soaEntries = pgTable(
  'soa_entries',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => soaVersions.id, { onDelete: 'restrict' }),
    controlId: text('control_id').notNull(),
    applicable: boolean('applicable'),
    justification: text('justification').notNull().default(''),
    status: text('status', { enum: ['not_started', 'partial', 'implemented'] })
      .notNull()
      .default('not_started'),
    policies: jsonb('policies').$type<string[]>().notNull().default([]),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.controlId] })],
);

/** The bytes of an evidence file, once; a new version's entries refer to the same content. */
export const soaEvidenceContent = pgTable('soa_evidence_content', {
  id: uuid('id').primaryKey().defaultRandom(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
});

/** An evidence file attached to one control's entry in one version (copied with the entry into a new draft). */
export const soaEvidence = pgTable(
  'soa_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => soaVersions.id, { onDelete: 'restrict' }),
    controlId: text('control_id').notNull(),
    contentId: uuid('content_id')
      .notNull()
      .references(() => soaEvidenceContent.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    uploadedAt: ts('uploaded_at').notNull().defaultNow(),
  },
  (t) => [index('soa_evidence_entry_idx').on(t.versionId, t.controlId)],
);

/** A request to the units in scope to state how far they implement chosen controls (管理施策の実施状況確認). */
export const controlStatusRequests = pgTable('control_status_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  controlIds: jsonb('control_ids').$type<string[]>().notNull(),
  /** the subtrees asked (their top units), for the record */
  rootUnitIds: jsonb('root_unit_ids').$type<string[]>().notNull(),
  dueDate: date('due_date', { mode: 'string' }).notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  /** set when the reminder before the due date went out (the job sends it once) */
  remindedAt: ts('reminded_at'),
});

export interface ControlStatusItem {
  controlId: string;
  status: 'not_started' | 'partial' | 'implemented';
  comment: string;
}

/** One unit's answer to a request; `unitPath` and `sitePath` are copied at creation for the scoped roll-up. */
export const controlStatusAnswers = pgTable(
  'control_status_answers',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => controlStatusRequests.id, { onDelete: 'restrict' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    unitPath: text('unit_path').notNull(),
    siteId: uuid('site_id').references(() => orgUnits.id, { onDelete: 'restrict' }),
    answers: jsonb('answers').$type<ControlStatusItem[]>().notNull().default([]),
    answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
    answeredAt: ts('answered_at'),
  },
  (t) => [
    unique('control_status_answers_unit_uq').on(t.requestId, t.unitId),
    index('control_status_answers_path_idx').using('btree', t.requestId, sql`${t.unitPath} text_pattern_ops`),
  ],
);
