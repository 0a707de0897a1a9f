import { PLAN_ACTIVITY_KINDS, PDCA_PHASES, PLAN_EVIDENCE, PLAN_LINK_KINDS, PLAN_STATUSES } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/tables';
import { versionColumn } from '../../../platform/records/version';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A version of a fiscal year's activity plan: draft → published (frozen forever) → superseded by the next published
 * version. At most one draft and one published version per fiscal year (partial unique indexes).
 */
export const plans = pgTable(
  'plans',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    fiscalYear: integer('fiscal_year').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: PLAN_STATUSES }).notNull().default('draft'),
    titleJa: text('title_ja').notNull(),
    titleEn: text('title_en').notNull(),
    copiedFrom: uuid('copied_from'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: ts('published_at'),
  },
  (t) => [
    unique('plans_version_uq').on(t.fiscalYear, t.version),
    uniqueIndex('plans_one_draft_uq')
      .on(t.fiscalYear)
      .where(sql`${t.status} = 'draft'`),
    uniqueIndex('plans_one_published_uq')
      .on(t.fiscalYear)
      .where(sql`${t.status} = 'published'`),
  ],
);

/**
 * One activity of a plan version. `key` stays the same when a new version copies the activity, so publishing the
 * new version keeps the tasks (and what units recorded on them) of the activities it carries over.
 */
export const planActivities = pgTable(
  'plan_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    key: uuid('key').notNull().defaultRandom(),
    position: integer('position').notNull(),
    kind: text('kind', { enum: PLAN_ACTIVITY_KINDS }).notNull(),
    phase: text('phase', { enum: PDCA_PHASES }).notNull(),
    titleJa: text('title_ja').notNull(),
    titleEn: text('title_en').notNull(),
    startDate: date('start_date', { mode: 'string' }),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    guide: text('guide').notNull().default(''),
    guideUrl: text('guide_url').notNull().default(''),
    /** the top units of the subtrees in scope (ids; a unit removed later simply drops out) */
    unitRoots: uuid('unit_roots').array().notNull(),
    unitKinds: text('unit_kinds').array().notNull(),
    roles: jsonb('roles').$type<string[]>().notNull().default([]),
    evidence: text('evidence', { enum: PLAN_EVIDENCE }).notNull(),
    linkKind: text('link_kind', { enum: PLAN_LINK_KINDS }),
    linkRef: text('link_ref').notNull().default(''),
    /** training: the percent of the unit's members who must have passed the linked course */
    linkThreshold: integer('link_threshold').notNull().default(100),
  },
  (t) => [unique('plan_activities_key_uq').on(t.planId, t.key), index('plan_activities_plan_idx').on(t.planId, t.position)],
);
