import { DOCUMENT_KINDS, DOCUMENT_VERSION_STATUSES } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/tables';
import { versionColumn } from '../../../platform/records/version';
import { orgUnits, people } from '../../org/tables';
import { bytea } from '../../../db/columns';

const ts = (name: string) => timestamp(name, { withTimezone: true });
/**
 * A policy, guideline or standard guide (規程・ガイドライン・標準手引書). Who it applies to — a unit's subtree (null:
 * the whole group) and roles (empty: everyone) — and whether readers must acknowledge it belong to the document;
 * the text lives in its versions. `scopePath` is copied from the unit so the portal's filter is one index probe.
 */
export const governanceDocuments = pgTable(
  'governance_documents',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull().unique(),
    kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
    activity: text('activity'),
    scopeUnitId: uuid('scope_unit_id').references(() => orgUnits.id, { onDelete: 'restrict' }),
    scopePath: text('scope_path'),
    roles: text('roles')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    requiresAck: boolean('requires_ack').notNull().default(false),
    /** the yearly review date: a year after each publication or review */
    reviewDueOn: date('review_due_on', { mode: 'string' }),
    /** set when the reminder for this review date went out (cleared when the date moves) */
    reviewRemindedAt: ts('review_reminded_at'),
    /** the published version (null before the first publication) */
    publishedNumber: integer('published_number'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('governance_documents_scope_idx').on(t.scopePath),
    index('governance_documents_review_idx')
      .on(t.reviewDueOn)
      .where(sql`${t.reviewRemindedAt} IS NULL`),
  ],
);

/**
 * A version of a document: draft → review → approved (the CISO) → published → superseded by the next. Only a draft
 * may be edited; at most one version is open (not yet published) per document, whatever code path writes.
 */
export const governanceDocumentVersions = pgTable(
  'governance_document_versions',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => governanceDocuments.id, { onDelete: 'restrict' }),
    number: integer('number').notNull(),
    status: text('status', { enum: DOCUMENT_VERSION_STATUSES }).notNull().default('draft'),
    titleJa: text('title_ja').notNull(),
    titleEn: text('title_en').notNull(),
    bodyJa: text('body_ja').notNull().default(''),
    bodyEn: text('body_en').notNull().default(''),
    /** what changed and why (the review that opened this version) */
    changeSummary: text('change_summary').notNull().default(''),
    returnReason: text('return_reason'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    submittedAt: ts('submitted_at'),
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
    approvedAt: ts('approved_at'),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: ts('published_at'),
  },
  (t) => [
    unique('governance_document_versions_number_uq').on(t.documentId, t.number),
    uniqueIndex('governance_document_versions_one_open_uq')
      .on(t.documentId)
      .where(sql`${t.status} IN ('draft', 'review', 'approved')`),
    index('governance_document_versions_review_idx')
      .on(t.status, t.submittedAt)
      .where(sql`${t.status} = 'review'`),
  ],
);

/** An attached file (a form, a template) of one version, kept in the database with its SHA-256. */
export const governanceDocumentFiles = pgTable(
  'governance_document_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => governanceDocumentVersions.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    uploadedAt: ts('uploaded_at').notNull().defaultNow(),
  },
  (t) => [index('governance_document_files_version_idx').on(t.versionId)],
);

/**
 * A reader's acknowledgement of one published version (既読・同意). The person and their unit at the time are
 * kept, so the roll-up per unit counts people, not accounts.
 */
export const governanceDocumentAcks = pgTable(
  'governance_document_acks',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => governanceDocumentVersions.id, { onDelete: 'restrict' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    acknowledgedAt: ts('acknowledged_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.userId] }),
    index('governance_document_acks_person_idx').on(t.versionId, t.personId),
  ],
);
