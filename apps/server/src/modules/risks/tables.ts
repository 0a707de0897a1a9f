import type { RiskMethod } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { versionColumn } from '../../platform/records/version';
import { orgUnits, people } from '../org/tables';

/**
 * One row per version of the risk method (setting `risks.method`) that an assessment was made with: the snapshot.
 * Risks reference it instead of each copying the method, so 1,000 risks assessed under one version share one row,
 * and "assessed under another method" is a comparison of ids. A row is written the first time an assessment uses
 * that (scope, version) and never changes.
 */
export const riskMethodVersions = pgTable(
  'risk_method_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 'group', a company unit id, or 'default' (the built-in method, version 0) */
    scope: text('scope').notNull(),
    version: integer('version').notNull(),
    method: jsonb('method').$type<RiskMethod>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('risk_method_versions_scope_version_uq').on(t.scope, t.version)],
);

export const TREATMENT_VALUES = ['reduce', 'accept', 'avoid', 'transfer'] as const;
export const RISK_STATUS_VALUES = ['planned', 'in_progress', 'done'] as const;

/**
 * The risk register (リスク台帳): one row per assessed risk of an org unit. Levels are stored as the codes the
 * snapshot's matrix gave them when the likelihood/impact were set; their labels and colours come from the snapshot.
 */
export const risks = pgTable(
  'risks',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    unitPath: text('unit_path').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    assetIds: uuid('asset_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    threatId: text('threat_id').notNull(),
    vulnerability: text('vulnerability').notNull().default(''),
    methodId: uuid('method_id')
      .notNull()
      .references(() => riskMethodVersions.id, { onDelete: 'restrict' }),
    inherentLikelihood: smallint('inherent_likelihood').notNull(),
    inherentImpact: smallint('inherent_impact').notNull(),
    inherentLevel: text('inherent_level').notNull(),
    controlIds: text('control_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    residualLikelihood: smallint('residual_likelihood').notNull(),
    residualImpact: smallint('residual_impact').notNull(),
    residualLevel: text('residual_level').notNull(),
    treatment: text('treatment', { enum: TREATMENT_VALUES }).notNull(),
    plan: text('plan').notNull().default(''),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => people.id, { onDelete: 'restrict' }),
    dueDate: date('due_date', { mode: 'string' }),
    status: text('status', { enum: RISK_STATUS_VALUES }).notNull().default('planned'),
    /** acceptance by the owner: who (the name as it was) and when; cleared when the residual values change */
    acceptedBy: uuid('accepted_by').references(() => people.id, { onDelete: 'restrict' }),
    acceptedByName: text('accepted_by_name'),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    /** set when the risk was recorded on a step of a business-flow analysis */
    flowId: uuid('flow_id').references(() => businessFlows.id, { onDelete: 'restrict' }),
    flowStepId: uuid('flow_step_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('risks_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.updatedAt, t.id),
    index('risks_owner_idx').on(t.ownerId),
    index('risks_controls_idx').using('gin', t.controlIds),
    index('risks_flow_idx').on(t.flowId, t.flowStepId),
    index('risks_method_idx').on(t.methodId),
  ],
);

export interface FlowStepRow {
  id: string;
  kind: 'receive' | 'store' | 'use' | 'send' | 'dispose';
  description: string;
  assetIds: string[];
}

/** A business-flow analysis (業務フロー分析): the ordered steps a unit's information goes through. */
export const businessFlows = pgTable(
  'business_flows',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    unitPath: text('unit_path').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** the steps in order; a step keeps its id across edits so its risks stay linked */
    steps: jsonb('steps').$type<FlowStepRow[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('business_flows_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.updatedAt, t.id)],
);
