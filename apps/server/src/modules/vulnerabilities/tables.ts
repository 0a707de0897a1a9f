import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  type AdvisoryDocument,
  COORDINATION_KINDS,
  PRODUCT_STATUSES,
  CVSS_SEVERITIES,
  ROOT_CAUSE_PHASES,
  TASK_KINDS,
  VEX_JUSTIFICATIONS,
  VULNERABILITY_STATUSES,
} from '@mamori/contracts';
import { users } from '../../platform/auth/tables';
import { orgUnits } from '../org/tables';
import { products } from '../products/tables';
import { versionColumn } from '../../platform/records/version';
import { bytea } from '../../db/columns';

/** A vulnerability case: from the public form (source 'report') or opened by the PSIRT. Confidential until disclosed. */
export const vulnerabilities = pgTable(
  'vulnerabilities',
  {
    /** row version, bumped by a trigger on every update: the record's ETag */
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    number: serial('number').notNull().unique(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    status: text('status', { enum: VULNERABILITY_STATUSES }).notNull().default('new'),
    source: text('source', { enum: ['report', 'internal', 'import'] }).notNull(),
    reportedProduct: text('reported_product'),
    reporterName: text('reporter_name'),
    reporterEmail: text('reporter_email'),
    language: text('language', { enum: ['ja', 'en'] })
      .notNull()
      .default('en'),
    /** SHA-256 of the reporter's tracking token; the token itself is shown once and never stored. */
    trackingTokenHash: text('tracking_token_hash').unique(),
    cvss31Vector: text('cvss31_vector'),
    cvss31Score: doublePrecision('cvss31_score'),
    cvss31Severity: text('cvss31_severity', { enum: CVSS_SEVERITIES }),
    cvss40Vector: text('cvss40_vector'),
    cvss40Score: doublePrecision('cvss40_score'),
    cvss40Severity: text('cvss40_severity', { enum: CVSS_SEVERITIES }),
    cveId: text('cve_id').unique(),
    cwe: text('cwe'),
    embargoUntil: timestamp('embargo_until', { withTimezone: true }),
    /** The original case (checked by the service; no FK: backups write a self-referencing table parents first only by a depth column). */
    duplicateOfId: uuid('duplicate_of_id'),
    /** Recurrence prevention, recorded at closure: the development phase the flaw came from, why, and the check added. */
    rootCausePhase: text('root_cause_phase', { enum: ROOT_CAUSE_PHASES }),
    rootCause: text('root_cause'),
    checkAdded: text('check_added'),
    /** the PSIRT member handling the case (a holder of vulnerabilities:manage when assigned) */
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('vulnerabilities_created_idx').on(t.createdAt, t.id),
    index('vulnerabilities_status_idx').on(t.status, t.createdAt),
    index('vulnerabilities_assignee_idx').on(t.assigneeId),
  ],
);

export const vulnerabilityProducts = pgTable(
  'vulnerability_products',
  {
    vulnerabilityId: uuid('vulnerability_id')
      .notNull()
      .references(() => vulnerabilities.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    status: text('status', { enum: PRODUCT_STATUSES }).notNull(),
    justification: text('justification', { enum: VEX_JUSTIFICATIONS }),
    affectedVersions: text('affected_versions'),
    fixedVersion: text('fixed_version'),
    remediation: text('remediation'),
  },
  (t) => [primaryKey({ columns: [t.vulnerabilityId, t.productId] }), index('vulnerability_products_product_idx').on(t.productId)],
);

/** Messages exchanged with the reporter through the tracking link. */
export const vulnerabilityMessages = pgTable(
  'vulnerability_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    vulnerabilityId: uuid('vulnerability_id')
      .notNull()
      .references(() => vulnerabilities.id, { onDelete: 'cascade' }),
    from: text('from', { enum: ['reporter', 'psirt'] }).notNull(),
    body: text('body').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('vulnerability_messages_case_idx').on(t.vulnerabilityId, t.createdAt)],
);

/**
 * A published advisory: `document` is the public snapshot (AdvisoryDocument) taken at each publishing.
 * Only rows of this table are ever public; the case behind it stays confidential.
 */
export const advisories = pgTable(
  'advisories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    vulnerabilityId: uuid('vulnerability_id')
      .notNull()
      .unique()
      .references(() => vulnerabilities.id, { onDelete: 'restrict' }),
    trackingId: text('tracking_id').notNull().unique(),
    revision: integer('revision').notNull(),
    document: jsonb('document').$type<AdvisoryDocument>().notNull(),
    initialReleaseAt: timestamp('initial_release_at', { withTimezone: true }).notNull(),
    currentReleaseAt: timestamp('current_release_at', { withTimezone: true }).notNull(),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('advisories_release_idx').on(t.currentReleaseAt, t.id)],
);

/**
 * The draft of a case's advisory, before it is published: the texts in ja and en the PSIRT starts the publishing
 * form from (the CRA art. 14(8) user notice, pre-filled from the case), the CRA stage it answers, and — once the
 * advisory is published — the advisory (the case ↔ advisory link both ways).
 */
export const advisoryDrafts = pgTable('advisory_drafts', {
  vulnerabilityId: uuid('vulnerability_id')
    .primaryKey()
    .references(() => vulnerabilities.id, { onDelete: 'cascade' }),
  titleJa: text('title_ja').notNull(),
  titleEn: text('title_en').notNull(),
  summaryJa: text('summary_ja').notNull(),
  summaryEn: text('summary_en').notNull(),
  /** the CRA stage (rule id) whose "inform the users" this notice answers; null: not a CRA user notice */
  craRuleId: text('cra_rule_id'),
  advisoryId: uuid('advisory_id').references(() => advisories.id, { onDelete: 'set null' }),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The CSAF files of a published advisory, as distributed under /.well-known/csaf/white/: the exact bytes
 * serialised at publishing (English original and Japanese translation), their SHA-512 and a detached
 * OpenPGP signature over those bytes. Replaced at each new revision; never rebuilt on read, so the hash
 * and the signature always match what is served.
 */
export const advisoryFiles = pgTable(
  'advisory_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    advisoryId: uuid('advisory_id')
      .notNull()
      .references(() => advisories.id, { onDelete: 'cascade' }),
    lang: text('lang', { enum: ['en', 'ja'] }).notNull(),
    trackingId: text('tracking_id').notNull(),
    /** `<year>/<file name>.json`, the path under /.well-known/csaf/white/ */
    path: text('path').notNull().unique(),
    revision: integer('revision').notNull(),
    content: bytea('content').notNull(),
    sha512: text('sha512').notNull(),
    signature: text('signature').notNull(),
    signingKeyFingerprint: text('signing_key_fingerprint').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('advisory_files_lang_key').on(t.advisoryId, t.lang)],
);

/** Files a reporter sends (proof of concept, logs): kept with their SHA-256, served only as downloads to the PSIRT. */
export const vulnerabilityAttachments = pgTable(
  'vulnerability_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    vulnerabilityId: uuid('vulnerability_id')
      .notNull()
      .references(() => vulnerabilities.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('vulnerability_attachments_case_idx').on(t.vulnerabilityId)],
);

export const vulnerabilityTasks = pgTable(
  'vulnerability_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    vulnerabilityId: uuid('vulnerability_id')
      .notNull()
      .references(() => vulnerabilities.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: TASK_KINDS }).notNull(),
    title: text('title').notNull(),
    /** the organisation the task is given to (the product division, usually) */
    ownerOrgUnitId: uuid('owner_org_unit_id').references(() => orgUnits.id, { onDelete: 'set null' }),
    dueOn: date('due_on'),
    done: boolean('done').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('vulnerability_tasks_case_idx').on(t.vulnerabilityId)],
);

/** Coordination with CERTs (JPCERT/CC, …), suppliers and other vendors: who was told what, when. */
export const vulnerabilityCoordination = pgTable(
  'vulnerability_coordination',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    vulnerabilityId: uuid('vulnerability_id')
      .notNull()
      .references(() => vulnerabilities.id, { onDelete: 'cascade' }),
    organisation: text('organisation').notNull(),
    reference: text('reference'),
    kind: text('kind', { enum: COORDINATION_KINDS }).notNull(),
    occurredOn: date('occurred_on').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('vulnerability_coordination_case_idx').on(t.vulnerabilityId, t.occurredOn)],
);
