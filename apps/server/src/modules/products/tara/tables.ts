import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  ATTACK_NODE_KINDS,
  CS_PROPERTIES,
  STRIDE,
  TARA_METHOD_STATUSES,
  TARA_REVIEW_SOURCES,
  TARA_TREATMENTS,
  type ImpactRating,
  type TaraMethodDefinition,
} from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import { users } from '../../../platform/auth/tables';
import { versionColumn } from '../../../platform/records/version';
import { products, releases } from '../tables';

/** A version of the group's TARA method (docs/tara.md). An approved version is never changed again. */
export const taraMethods = pgTable('tara_methods', {
  rowVersion: versionColumn(),
  id: uuid('id').primaryKey().defaultRandom(),
  version: integer('version').notNull().unique(),
  status: text('status', { enum: TARA_METHOD_STATUSES }).notNull().default('draft'),
  basedOnVersion: integer('based_on_version'),
  note: text('note'),
  definition: jsonb('definition').$type<TaraMethodDefinition>().notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'restrict' }),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
});

/** A TARA of an item: a product, optionally one of its releases. Every change of its parts bumps its row version. */
export const taraAnalyses = pgTable(
  'tara_analyses',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    releaseId: uuid('release_id').references(() => releases.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    methodVersion: integer('method_version')
      .notNull()
      .references(() => taraMethods.version, { onDelete: 'restrict' }),
    boundary: text('boundary'),
    functions: text('functions'),
    environment: text('environment'),
    assumptions: text('assumptions'),
    riskOwnerId: uuid('risk_owner_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('tara_analyses_product_idx').on(t.productId)],
);

const analysisId = () =>
  uuid('analysis_id')
    .notNull()
    .references(() => taraAnalyses.id, { onDelete: 'cascade' });

export const taraAssets = pgTable(
  'tara_assets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    analysisId: analysisId(),
    name: text('name').notNull(),
    description: text('description'),
    properties: text('properties', { enum: CS_PROPERTIES }).array().notNull(),
  },
  (t) => [index('tara_assets_analysis_idx').on(t.analysisId)],
);

export const taraDamages = pgTable(
  'tara_damage_scenarios',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    analysisId: analysisId(),
    title: text('title').notNull(),
    description: text('description'),
    /** impact category code → rating */
    impacts: jsonb('impacts').$type<Record<string, ImpactRating>>().notNull(),
  },
  (t) => [index('tara_damage_scenarios_analysis_idx').on(t.analysisId)],
);

export const taraThreats = pgTable(
  'tara_threat_scenarios',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    analysisId: analysisId(),
    title: text('title').notNull(),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => taraAssets.id, { onDelete: 'restrict' }),
    property: text('property', { enum: CS_PROPERTIES }).notNull(),
    cause: text('cause'),
    stride: text('stride', { enum: STRIDE }),
    /** UN R155 Annex 5 Part A threat numbers this scenario covers (catalogs/tara/r155-annex5.json) */
    r155Threats: text('r155_threats').array().notNull().default([]),
  },
  (t) => [index('tara_threat_scenarios_analysis_idx').on(t.analysisId)],
);

/** Which damage scenarios a threat scenario leads to (many-to-many). */
export const taraThreatDamages = pgTable(
  'tara_threat_damages',
  {
    analysisId: analysisId(),
    threatId: uuid('threat_id')
      .notNull()
      .references(() => taraThreats.id, { onDelete: 'cascade' }),
    damageId: uuid('damage_id')
      .notNull()
      .references(() => taraDamages.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.threatId, t.damageId] }), index('tara_threat_damages_analysis_idx').on(t.analysisId)],
);

/** A node of a threat's attack tree: an AND or OR gate, or a leaf with attack-potential ratings. */
export const taraNodes = pgTable(
  'tara_attack_nodes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    analysisId: analysisId(),
    threatId: uuid('threat_id')
      .notNull()
      .references(() => taraThreats.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id'),
    kind: text('kind', { enum: ATTACK_NODE_KINDS }).notNull(),
    title: text('title').notNull(),
    position: integer('position').notNull().default(0),
    /** factor code → level code, on leaves only */
    ratings: jsonb('ratings').$type<Record<string, string>>(),
  },
  (t) => [index('tara_attack_nodes_analysis_idx').on(t.analysisId), index('tara_attack_nodes_parent_idx').on(t.parentId)],
);

/** The treatment of one risk (threat scenario × damage scenario); its value is derived, never stored. */
export const taraTreatments = pgTable(
  'tara_treatments',
  {
    analysisId: analysisId(),
    threatId: uuid('threat_id')
      .notNull()
      .references(() => taraThreats.id, { onDelete: 'cascade' }),
    damageId: uuid('damage_id')
      .notNull()
      .references(() => taraDamages.id, { onDelete: 'cascade' }),
    treatment: text('treatment', { enum: TARA_TREATMENTS }).notNull(),
    statement: text('statement').notNull(),
    cal: integer('cal'),
    rationale: text('rationale'),
    residualValue: integer('residual_value'),
    signedBy: uuid('signed_by').references(() => users.id, { onDelete: 'restrict' }),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.threatId, t.damageId] }), index('tara_treatments_analysis_idx').on(t.analysisId)],
);

/** An UN R155 Annex 5 threat the analysis rules out, with the reason (the coverage check, docs/tara.md). */
export const taraR155Exclusions = pgTable(
  'tara_r155_exclusions',
  {
    analysisId: analysisId(),
    code: text('code').notNull(),
    reason: text('reason').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.analysisId, t.code] })],
);

/**
 * After release: an event that asks for the analysis to be reviewed — a vulnerability case found the product
 * affected, or someone flagged it — open until the risk owner records the review (which threat scenarios were
 * re-assessed, and the conclusion). An analysis with an open one "needs review" (docs/tara.md, "After release").
 * The case is named by id and reference only: the vulnerabilities domain owns its table.
 */
export const taraReviews = pgTable(
  'tara_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    analysisId: uuid('analysis_id')
      .notNull()
      .references(() => taraAnalyses.id, { onDelete: 'cascade' }),
    source: text('source', { enum: TARA_REVIEW_SOURCES }).notNull(),
    vulnerabilityId: uuid('vulnerability_id'),
    reference: text('reference').notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolution: text('resolution'),
    reassessedThreatIds: uuid('reassessed_threat_ids').array(),
  },
  (t) => [
    index('tara_reviews_analysis_idx').on(t.analysisId),
    // one open review per analysis and case: a case saved again does not flag the analysis twice
    uniqueIndex('tara_reviews_open_case_idx')
      .on(t.analysisId, t.vulnerabilityId)
      .where(sql`${t.resolvedAt} IS NULL AND ${t.vulnerabilityId} IS NOT NULL`),
  ],
);
