import { SUPPLIER_MATCH_KINDS, SUPPLIER_MATCH_STATES, SUPPLIER_STATUSES } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/tables';
import { products, releases } from '../../products/tables';
import { systems } from '../../systems/tables';
import type { ParsedSupplierAdvisory } from './parse';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A supplier's CSAF provider (its provider-metadata.json), fetched on a schedule: its ROLIE feeds list the
 * documents, and each document not seen in that version is imported like an upload.
 */
export const supplierAdvisoryProviders = pgTable('supplier_advisory_providers', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  metadataUrl: text('metadata_url').notNull().unique(),
  enabled: boolean('enabled').notNull().default(true),
  lastFetchedAt: ts('last_fetched_at'),
  /** the last fetch's outcome: a message code (`supplier_advisories.fetch_ok`, `…fetch_failed`) and counts */
  lastOutcome: jsonb('last_outcome').$type<{ code: string; imported: number; skipped: number; rejected: number }>(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/**
 * One version of a supplier's advisory (tracking id + version), kept whole: the document as received and what the
 * matcher read from it. `advisoryKey` (the publisher's namespace and the tracking id) joins the versions of one
 * advisory; `latest` marks the newest by tracking version, the one matches follow.
 */
export const supplierAdvisories = pgTable(
  'supplier_advisories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    advisoryKey: text('advisory_key').notNull(),
    publisherName: text('publisher_name').notNull(),
    publisherNamespace: text('publisher_namespace').notNull(),
    trackingId: text('tracking_id').notNull(),
    version: text('version').notNull(),
    trackingStatus: text('tracking_status').notNull(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    currentReleaseAt: ts('current_release_at').notNull(),
    latest: boolean('latest').notNull().default(true),
    document: jsonb('document').$type<Record<string, unknown>>().notNull(),
    parsed: jsonb('parsed').$type<ParsedSupplierAdvisory>().notNull(),
    sha256: text('sha256').notNull(),
    source: text('source', { enum: ['upload', 'provider'] }).notNull(),
    providerId: uuid('provider_id').references(() => supplierAdvisoryProviders.id, { onDelete: 'set null' }),
    sourceUrl: text('source_url'),
    importedBy: uuid('imported_by').references(() => users.id, { onDelete: 'set null' }),
    importedAt: ts('imported_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('supplier_advisories_version_idx').on(t.advisoryKey, t.version),
    index('supplier_advisories_latest_idx').on(t.latest, t.currentReleaseAt, t.id),
  ],
);

/**
 * A suggested case: a supplier's advisory names something we ship (a release's SBOM component) or run (a system's
 * supplier product), in a version it covers. One row per advisory and target (`targetKey`: `c:<release>:<name>` or
 * `s:<system>`); a newer version of the advisory updates it, and one that marks the target fixed or not affected
 * resolves a suggestion not yet decided. `orgPath` is the product's or system's unit path: the scope it is read in.
 */
export const supplierAdvisoryMatches = pgTable(
  'supplier_advisory_matches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    advisoryKey: text('advisory_key').notNull(),
    advisoryId: uuid('advisory_id')
      .notNull()
      .references(() => supplierAdvisories.id, { onDelete: 'cascade' }),
    targetKind: text('target_kind', { enum: SUPPLIER_MATCH_KINDS }).notNull(),
    targetKey: text('target_key').notNull(),
    productId: uuid('product_id').references(() => products.id, { onDelete: 'cascade' }),
    releaseId: uuid('release_id').references(() => releases.id, { onDelete: 'cascade' }),
    systemId: uuid('system_id').references(() => systems.id, { onDelete: 'cascade' }),
    /** the component's or the system's product name and version as we record them */
    name: text('name').notNull(),
    version: text('version').notNull(),
    orgPath: text('org_path').notNull(),
    /** the supplier's product ids that matched, and how (purl, cpe, name) */
    supplierProducts: jsonb('supplier_products').$type<{ productId: string; by: string }[]>().notNull(),
    supplierStatus: text('supplier_status', { enum: SUPPLIER_STATUSES }).notNull(),
    cves: text('cves')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    remediation: text('remediation').notNull().default(''),
    state: text('state', { enum: SUPPLIER_MATCH_STATES }).notNull().default('suggested'),
    reason: text('reason').notNull().default(''),
    vulnerabilityIds: uuid('vulnerability_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: ts('decided_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('supplier_advisory_matches_target_idx').on(t.advisoryKey, t.targetKey),
    index('supplier_advisory_matches_state_idx').on(t.state, t.createdAt, t.id),
    index('supplier_advisory_matches_advisory_idx').on(t.advisoryId),
    index('supplier_advisory_matches_system_idx').on(t.systemId),
    index('supplier_advisory_matches_release_idx').on(t.releaseId),
    check(
      'supplier_advisory_matches_target_chk',
      sql`(${t.targetKind} = 'component') = (${t.releaseId} IS NOT NULL AND ${t.productId} IS NOT NULL) AND (${t.targetKind} = 'system') = (${t.systemId} IS NOT NULL)`,
    ),
  ],
);
