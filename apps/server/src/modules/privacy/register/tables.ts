import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/tables';
import { versionColumn } from '../../../platform/records/version';
import { incidents } from '../../incidents/tables';
import { orgUnits } from '../../org/tables';

export interface Transfer {
  country: string;
  recipient: string;
  basis: string;
}

/**
 * One entry of the personal-data register (個人情報取扱台帳): what a unit's service handles, why, for whom and where
 * it goes. Lists of ids (storage assets, handlers, processors) are arrays read through the owning domains' services:
 * the entry names them, it does not own them. `laws`, `special_care`, `my_number` are derived on every write from
 * the catalogue (catalogs/privacy.json) so lists filter on them. `search` is lower(service + purpose) for the
 * trigram index the search uses.
 */
export const processingActivities = pgTable(
  'processing_activities',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    unitPath: text('unit_path').notNull(),
    service: text('service').notNull(),
    purpose: text('purpose').notNull(),
    subjectKinds: text('subject_kinds')
      .array()
      .notNull()
      .default(sql`'{}'`),
    subjectCount: integer('subject_count'),
    subjectCountries: text('subject_countries')
      .array()
      .notNull()
      .default(sql`'{}'`),
    categories: text('categories')
      .array()
      .notNull()
      .default(sql`'{}'`),
    specialCare: boolean('special_care').notNull().default(false),
    myNumber: boolean('my_number').notNull().default(false),
    specialCareBasis: text('special_care_basis').notNull().default(''),
    source: text('source').notNull().default(''),
    storageAssetIds: uuid('storage_asset_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
    retention: text('retention').notNull().default(''),
    deletion: text('deletion').notNull().default(''),
    handlerPersonIds: uuid('handler_person_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
    processorPartnerIds: uuid('processor_partner_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
    transfers: jsonb('transfers').$type<Transfer[]>().notNull().default([]),
    laws: text('laws')
      .array()
      .notNull()
      .default(sql`'{}'`),
    search: text('search').notNull(),
    status: text('status', { enum: ['active', 'retired'] })
      .notNull()
      .default('active'),
    /** the day the next yearly review is due (Asia/Tokyo) */
    reviewDueOn: date('review_due_on', { mode: 'string' }).notNull(),
    lastReviewedAt: timestamp('last_reviewed_at', { withTimezone: true }),
    /** the review reminder job's stamp for the current due day: each reminder is sent once */
    reviewRemindedFor: date('review_reminded_for', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('processing_activities_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.service, t.id),
    index('processing_activities_order_idx').on(t.service, t.id),
    index('processing_activities_search_idx').using('gin', sql`${t.search} gin_trgm_ops`),
    index('processing_activities_review_idx')
      .on(t.reviewDueOn)
      .where(sql`${t.status} = 'active'`),
  ],
);

/** The yearly reviews of an entry, signed off by the unit's head (kept: the history of who confirmed what when). */
export const processingActivityReviews = pgTable(
  'processing_activity_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => processingActivities.id, { onDelete: 'cascade' }),
    reviewedBy: uuid('reviewed_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull().defaultNow(),
    note: text('note').notNull().default(''),
  },
  (t) => [index('processing_activity_reviews_activity_idx').on(t.activityId, t.reviewedAt)],
);

/** The register entries an incident involves: the incident's personal-data facts were prefilled from them. */
export const incidentProcessingActivities = pgTable(
  'incident_processing_activities',
  {
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => processingActivities.id, { onDelete: 'restrict' }),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.activityId] }),
    index('incident_processing_activities_activity_idx').on(t.activityId),
  ],
);
