import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  CRA_CATEGORIES,
  FINDING_SEVERITIES,
  FINDING_STATUSES,
  LIFECYCLE_STAGES,
  PROTECTED_KINDS,
  RELEASE_STATUSES,
  RISK_LEVELS,
  SBOM_FORMATS,
  STRIDE,
  TEST_KINDS,
} from '@mamori/contracts';
import { users } from '../../platform/auth/tables';
import { orgUnits } from '../org/tables';
import { versionColumn } from '../../platform/records/version';

/** A product, owned by a division (an org unit): its org path is the product's scope. */
export const products = pgTable(
  'products',
  {
    /** row version, bumped by a trigger on every update: the record's ETag */
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en').notNull(),
    productLine: text('product_line'),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    stage: text('stage', { enum: LIFECYCLE_STAGES }).notNull().default('plan'),
    shipGateSeverity: text('ship_gate_severity', { enum: FINDING_SEVERITIES }).notNull().default('medium'),
    /** CRA (issue 17): in the regulation's scope; on the EU market since (null: not); category; support period end */
    craInScope: boolean('cra_in_scope').notNull().default(false),
    euMarketSince: date('eu_market_since'),
    craCategory: text('cra_category', { enum: CRA_CATEGORIES }).notNull().default('default'),
    supportPeriodEnd: date('support_period_end'),
    /** ISO 3166-1 alpha-2 of the member state of the manufacturer's main establishment (the coordinating CSIRT) */
    mainEstablishment: text('main_establishment'),
    /** the member states where the product is made available */
    euMarkets: text('eu_markets')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('products_org_name_idx').on(t.orgUnitId, t.nameEn, t.id),
    index('products_name_idx').on(t.nameEn, t.id),
    index('products_line_idx').on(t.productLine),
  ],
);

export const releases = pgTable(
  'product_releases',
  {
    /** row version, bumped by a trigger on every update: the record's ETag */
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    version: text('version').notNull(),
    status: text('status', { enum: RELEASE_STATUSES }).notNull().default('planned'),
    releasedOn: date('released_on'),
    sbomFormat: text('sbom_format', { enum: SBOM_FORMATS }),
    sbomSpecVersion: text('sbom_spec_version'),
    sbomSha256: text('sbom_sha256'),
    sbomImportedAt: timestamp('sbom_imported_at', { withTimezone: true }),
    componentCount: integer('component_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('product_releases_version_idx').on(t.productId, t.version)],
);

/**
 * The components a release ships, from its SBOM (replaced on each import). product_id is copied here so the
 * answer needs no join to filter. Where-used is an index lookup on (name_key, version_key): `ecosystem` (the purl
 * type), `name_key` (the ecosystem's canonical name: Composer vendor/name, Maven group:artifact, npm
 * @scope/name, PyPI PEP 503) and `version_key` (lower-case, no leading `v`) are derived data, set by the
 * trigger `sbom_components_keys` on every write (import, demo, restore) from name, version and purl, by the SQL
 * functions of migration 0019 that where-used also applies to its query (modules/products/sbom.ts).
 */
export const components = pgTable(
  'sbom_components',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    releaseId: uuid('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    version: text('version'),
    purl: text('purl'),
    type: text('type'),
    licences: text('licences')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ecosystem: text('ecosystem'),
    nameKey: text('name_key'),
    versionKey: text('version_key'),
  },
  (t) => [
    index('sbom_components_keys_idx').on(t.nameKey, t.versionKey, t.releaseId),
    index('sbom_components_release_idx').on(t.releaseId),
    index('sbom_components_purl_idx').on(t.purl),
  ],
);

/** A pre-shipment security test of a release (black-box, fuzzing, penetration, static analysis). */
export const testRuns = pgTable(
  'security_test_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    releaseId: uuid('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: TEST_KINDS }).notNull(),
    performedOn: date('performed_on').notNull(),
    summary: text('summary'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('security_test_runs_release_idx').on(t.releaseId)],
);

/** A finding of a test run. risk_accepted records the named approver (accepted_by) and the reason. */
export const findings = pgTable(
  'security_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    testRunId: uuid('test_run_id')
      .notNull()
      .references(() => testRuns.id, { onDelete: 'cascade' }),
    releaseId: uuid('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    severity: text('severity', { enum: FINDING_SEVERITIES }).notNull(),
    status: text('status', { enum: FINDING_STATUSES }).notNull().default('open'),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'restrict' }),
    acceptanceReason: text('acceptance_reason'),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('security_findings_release_idx').on(t.releaseId, t.status)],
);

/** What a product's threat analysis protects: its assets (data, keys, firmware) and functions. */
export const protectedAssets = pgTable(
  'product_protected_assets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: PROTECTED_KINDS }).notNull(),
    name: text('name').notNull(),
    description: text('description'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('product_protected_assets_product_idx').on(t.productId)],
);

/** STRIDE threats of a product (or of one release): attack path, likelihood × impact, mitigations, residual risk. */
export const threats = pgTable(
  'product_threats',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    releaseId: uuid('release_id').references(() => releases.id, { onDelete: 'cascade' }),
    assetId: uuid('asset_id').references(() => protectedAssets.id, { onDelete: 'set null' }),
    category: text('category', { enum: STRIDE }).notNull(),
    title: text('title').notNull(),
    attackPath: text('attack_path'),
    likelihood: text('likelihood', { enum: RISK_LEVELS }).notNull(),
    impact: text('impact', { enum: RISK_LEVELS }).notNull(),
    mitigations: text('mitigations'),
    residualRisk: text('residual_risk', { enum: RISK_LEVELS }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('product_threats_product_idx').on(t.productId)],
);

/** The review of a product's threat analysis at a stage gate: leaving a stage needs one for that stage. */
export const threatReviews = pgTable(
  'product_threat_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: LIFECYCLE_STAGES }).notNull(),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'restrict' }),
    note: text('note'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('product_threat_reviews_product_idx').on(t.productId, t.stage)],
);
