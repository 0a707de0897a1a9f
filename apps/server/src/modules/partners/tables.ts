import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { PARTNER_TIERS as TIERS } from '@mamori/contracts';
import { orgUnits } from '../org/tables';
import { versionColumn } from '../../platform/records/version';

/**
 * Partner companies and what is shared with them. User ids (created_by, approved_by…) are plain uuids:
 * `users` references `partners`, and records of the programme outlive the accounts that made them.
 */
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const ts = (name: string) => timestamp(name, { withTimezone: true });
const score = (name: string) => numeric(name, { precision: 4, scale: 1, mode: 'number' });

export const partners = pgTable(
  'partners',
  {
    /** row version, bumped by a trigger on every update: the record's ETag */
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en').notNull(),
    /** 法人番号 (13 digits) for Japanese companies; other countries' registry number otherwise */
    corporateNumber: text('corporate_number').unique(),
    country: text('country').notNull(),
    status: text('status', { enum: ['active', 'ended'] })
      .notNull()
      .default('active'),
    /** Forms of confidential information shared: they decide the tier and which requirements apply. */
    sharesPapers: boolean('shares_papers').notNull().default(false),
    sharesDigitized: boolean('shares_digitized').notNull().default(false),
    sharesEmbodiments: boolean('shares_embodiments').notNull().default(false),
    sharesKnowHow: boolean('shares_know_how').notNull().default(false),
    strictlyConfidential: boolean('strictly_confidential').notNull().default(false),
    usesSubcontractors: boolean('uses_subcontractors').notNull().default(false),
    sharedInformation: text('shared_information').notNull().default(''),
    tier: text('tier', { enum: TIERS }).notNull(),
    /** hours within which the partner must report an incident to us (4-1 b, c) */
    incidentReportHours: integer('incident_report_hours').notNull().default(24),
    /** The latest scored assessment, copied here so the list filters and sorts by score on one table. */
    latestScore: score('latest_score'),
    latestAssessmentId: uuid('latest_assessment_id'),
    latestScoredAt: ts('latest_scored_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('partners_name_idx').on(t.nameEn, t.id),
    index('partners_score_idx').on(t.latestScore, t.id),
    index('partners_tier_idx').on(t.tier),
    index('partners_name_en_trgm_idx').using('gin', sql`${t.nameEn} gin_trgm_ops`),
    index('partners_name_ja_trgm_idx').using('gin', sql`${t.nameJa} gin_trgm_ops`),
  ],
);

/** Mamori org units that work with the partner: a site office sees the partners of its site. */
export const partnerOrgUnits = pgTable(
  'partner_org_units',
  {
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.orgUnitId] }), index('partner_org_units_unit_idx').on(t.orgUnitId)],
);

export const partnerContacts = pgTable(
  'partner_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    role: text('role', { enum: ['security', 'business', 'incident'] }).notNull(),
  },
  (t) => [index('partner_contacts_partner_idx').on(t.partnerId)],
);

/**
 * Outsourced companies of a partner, as a chain: parent null = directly under the partner. A sub-contractor
 * may receive confidential information (status active) only after the partner's written notice (2-8-1).
 */
export const partnerSubcontractors = pgTable(
  'partner_subcontractors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => partnerSubcontractors.id, { onDelete: 'restrict' }),
    /** 0 = outsourced by the partner itself, 1 = by one of those, …; also orders a backup parents first */
    depth: integer('depth').notNull().default(0),
    name: text('name').notNull(),
    country: text('country').notNull(),
    work: text('work').notNull().default(''),
    status: text('status', { enum: ['pending_notice', 'active', 'ended'] })
      .notNull()
      .default('pending_notice'),
    priorNoticeReceivedOn: date('prior_notice_received_on'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('partner_subcontractors_partner_idx').on(t.partnerId),
    check('partner_subcontractors_notice', sql`${t.status} <> 'active' OR ${t.priorNoticeReceivedOn} IS NOT NULL`),
  ],
);

/** Files: signed NDAs, evidence for answers and improvement requests. Small (≤ 5 MB), kept in the database. */
export const partnerFiles = pgTable(
  'partner_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('partner_files_partner_idx').on(t.partnerId)],
);

/** One non-disclosure agreement; `provisions` says which of the twelve provisions a)–l) it contains. */
export const partnerNdas = pgTable(
  'partner_ndas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    signedOn: date('signed_on').notNull(),
    validFrom: date('valid_from').notNull(),
    /** null = no end date */
    validUntil: date('valid_until'),
    provisions: jsonb('provisions').$type<Record<string, boolean>>().notNull(),
    fileId: uuid('file_id').references(() => partnerFiles.id, { onDelete: 'set null' }),
    reminderSentAt: ts('reminder_sent_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('partner_ndas_partner_idx').on(t.partnerId, t.validUntil)],
);

/** Exchange log (2-2-1, 2-2-3, 2-8-4): what went out or came back, how, approved by whom; return or disposal. */
export const partnerExchanges = pgTable(
  'partner_exchanges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    subcontractorId: uuid('subcontractor_id').references(() => partnerSubcontractors.id, { onDelete: 'set null' }),
    direction: text('direction', { enum: ['to_partner', 'from_partner'] }).notNull(),
    form: text('form', { enum: ['papers', 'digitized', 'embodiment', 'know_how'] }).notNull(),
    description: text('description').notNull(),
    method: text('method').notNull(),
    occurredOn: date('occurred_on').notNull(),
    approvedBy: text('approved_by').notNull(),
    returnDueOn: date('return_due_on'),
    settlement: text('settlement', { enum: ['returned', 'disposed'] }),
    settledOn: date('settled_on'),
    settlementNote: text('settlement_note'),
    recordedBy: uuid('recorded_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('partner_exchanges_partner_idx').on(t.partnerId, t.occurredOn)],
);

/** Pass mark per tier; a tier without a row uses the default in thresholds.ts. */
export const partnerTierThresholds = pgTable('partner_tier_thresholds', {
  tier: text('tier', { enum: TIERS }).primaryKey(),
  threshold: integer('threshold').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
