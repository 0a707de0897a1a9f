import type { CHECK_ANSWERS } from '@mamori/contracts';
import {
  BACKUP_FREQUENCIES,
  COVERAGE_SOURCE_KINDS,
  ERASURE_METHODS,
  GAP_KINDS,
  SERVICE_REVIEW_STATUSES,
  SERVICE_CERTIFICATIONS,
  SYSTEM_KINDS,
  SYSTEM_STATUSES,
} from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
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
import { users } from '../../platform/auth/tables';
import { assets } from '../assets/tables';
import { versionColumn } from '../../platform/records/version';
import { orgUnits, people } from '../org/tables';
import { partners } from '../partners/tables';
import { zones } from '../zones/tables';
import { bytea } from '../../db/columns';

const ts = (name: string) => timestamp(name, { withTimezone: true });
/**
 * A system of the group (issue #23): an IT system, a cloud service, a network or factory (OT) equipment, with its
 * protective measures. `unitPath` is the owning unit's path: the unit scope of systems:read/manage applies to it.
 */
export const systems = pgTable(
  'systems',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind', { enum: SYSTEM_KINDS }).notNull(),
    status: text('status', { enum: SYSTEM_STATUSES }).notNull().default('active'),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    unitPath: text('unit_path').notNull(),
    administratorPersonId: uuid('administrator_person_id').references(() => people.id, { onDelete: 'set null' }),
    providerPartnerId: uuid('provider_partner_id').references(() => partners.id, { onDelete: 'restrict' }),
    maxClassCode: text('max_class_code').notNull(),
    internetFacing: boolean('internet_facing').notNull().default(false),
    productionLine: text('production_line').notNull().default(''),
    zoneId: uuid('zone_id').references(() => zones.id, { onDelete: 'set null' }),
    conduits: text('conduits')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** factory equipment: the supplier's product name and version (FSIRT advisory matching) */
    product: text('product').notNull().default(''),
    productVersion: text('product_version').notNull().default(''),
    /** a cloud service: the approval in the register that covers it (its class limit applies to the assets stored) */
    approvedServiceId: uuid('approved_service_id').references((): AnyPgColumn => approvedServices.id, { onDelete: 'set null' }),
    epp: boolean('epp').notNull().default(false),
    edr: boolean('edr').notNull().default(false),
    mfa: boolean('mfa').notNull().default(false),
    waf: boolean('waf').notNull().default(false),
    backupFrequency: text('backup_frequency', { enum: BACKUP_FREQUENCIES }).notNull().default('none'),
    lastRestoreTestOn: date('last_restore_test_on', { mode: 'string' }),
    logRetentionDays: integer('log_retention_days').notNull().default(0),
    networkIsolated: boolean('network_isolated').notNull().default(false),
    notes: text('notes').notNull().default(''),
    retiredOn: date('retired_on', { mode: 'string' }),
    erasureMethod: text('erasure_method', { enum: ERASURE_METHODS }),
    contractorPartnerId: uuid('contractor_partner_id').references(() => partners.id, { onDelete: 'restrict' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('systems_unit_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.name, t.id),
    index('systems_name_idx').on(t.name, t.id),
    index('systems_admin_idx').on(t.administratorPersonId),
    check(
      'systems_retired_chk',
      sql`(${t.status} = 'active') = (${t.retiredOn} IS NULL) AND (${t.erasureMethod} IS NULL OR ${t.contractorPartnerId} IS NULL)`,
    ),
    check('systems_log_retention_chk', sql`${t.logRetentionDays} >= 0`),
  ],
);

/** The information assets stored in a system ("the assets stored there"): kept by the systems domain. */
export const systemAssets = pgTable(
  'system_assets',
  {
    systemId: uuid('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'cascade' }),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedAt: ts('added_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.assetId] }), index('system_assets_asset_idx').on(t.assetId)],
);

/** The erasure certificate of a retired system (2-5-5): the file as uploaded, checked by the file guard. */
export const systemCertificates = pgTable('system_certificates', {
  systemId: uuid('system_id')
    .primaryKey()
    .references(() => systems.id, { onDelete: 'cascade' }),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
  uploadedAt: ts('uploaded_at').notNull().defaultNow(),
});

/** A saved column mapping for one console's CSV export (an EDR/EPP console, an MDM or directory). */
export const coverageSources = pgTable('coverage_sources', {
  rowVersion: versionColumn(),
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  kind: text('kind', { enum: COVERAGE_SOURCE_KINDS }).notNull(),
  columns: jsonb('columns').$type<Record<string, string | null>>().notNull(),
  lastImportAt: ts('last_import_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/**
 * A device (PC, server) as the consoles see it: one row per device name. The EDR columns come from `edr` sources,
 * the MDM columns from `mdm` sources; a device in the MDM and in no EDR source has no EDR.
 */
export const systemDevices = pgTable(
  'system_devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull().unique(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    unitPath: text('unit_path').notNull(),
    userName: text('user_name').notNull().default(''),
    systemId: uuid('system_id').references(() => systems.id, { onDelete: 'set null' }),
    edrSeenAt: ts('edr_seen_at'),
    agentVersion: text('agent_version').notNull().default(''),
    patternDate: date('pattern_date', { mode: 'string' }),
    mdmSeenAt: ts('mdm_seen_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('system_devices_unit_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`)],
);

/**
 * A coverage gap, open until the next computation finds it gone. One open finding per gap: per device for the
 * device gaps, per system for `no_mfa` (a partial unique index). Assigned to the system's administrator when known.
 */
export const systemFindings = pgTable(
  'system_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: GAP_KINDS }).notNull(),
    systemId: uuid('system_id').references(() => systems.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id').references(() => systemDevices.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    unitPath: text('unit_path').notNull(),
    ownerPersonId: uuid('owner_person_id').references(() => people.id, { onDelete: 'set null' }),
    openedAt: ts('opened_at').notNull().defaultNow(),
    closedAt: ts('closed_at'),
  },
  (t) => [
    uniqueIndex('system_findings_open_uq')
      .on(t.kind, sql`coalesce(${t.deviceId}, ${t.systemId})`)
      .where(sql`${t.closedAt} IS NULL`),
    index('system_findings_unit_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.openedAt),
    index('system_findings_system_idx').on(t.systemId),
    check('system_findings_target_chk', sql`${t.deviceId} IS NOT NULL OR ${t.systemId} IS NOT NULL`),
  ],
);

/** A unit's request to use a cloud service or new technology, and the security office's decision. */
export const serviceReviews = pgTable(
  'service_reviews',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    unitPath: text('unit_path').notNull(),
    requesterId: uuid('requester_id').references(() => users.id, { onDelete: 'set null' }),
    serviceName: text('service_name').notNull(),
    providerName: text('provider_name').notNull(),
    providerPartnerId: uuid('provider_partner_id').references(() => partners.id, { onDelete: 'restrict' }),
    purpose: text('purpose').notNull(),
    classCode: text('class_code').notNull(),
    personalData: boolean('personal_data').notNull(),
    storageCountry: text('storage_country').notNull(),
    certifications: text('certifications', { enum: SERVICE_CERTIFICATIONS })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ssoMfa: boolean('sso_mfa').notNull(),
    encryption: boolean('encryption').notNull(),
    logs: boolean('logs').notNull(),
    exitTerms: text('exit_terms').notNull().default(''),
    answers: jsonb('answers').$type<{ code: string; answer: (typeof CHECK_ANSWERS)[number]; note: string }[]>().notNull(),
    status: text('status', { enum: SERVICE_REVIEW_STATUSES }).notNull().default('pending'),
    approvedClassCode: text('approved_class_code'),
    conditions: text('conditions').notNull().default(''),
    reasons: text('reasons').notNull().default(''),
    reReviewOn: date('re_review_on', { mode: 'string' }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: ts('decided_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('service_reviews_unit_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.createdAt),
    index('service_reviews_pending_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/** The register of approved services (one row per approval): readable by every internal account. */
export const approvedServices = pgTable(
  'approved_services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reviewId: uuid('review_id')
      .notNull()
      .unique()
      .references(() => serviceReviews.id, { onDelete: 'cascade' }),
    serviceName: text('service_name').notNull(),
    providerName: text('provider_name').notNull(),
    maxClassCode: text('max_class_code').notNull(),
    personalData: boolean('personal_data').notNull(),
    storageCountry: text('storage_country').notNull(),
    conditions: text('conditions').notNull().default(''),
    approvedOn: date('approved_on', { mode: 'string' }).notNull(),
    reReviewOn: date('re_review_on', { mode: 'string' }).notNull(),
  },
  (t) => [index('approved_services_name_idx').on(t.serviceName, t.id)],
);
