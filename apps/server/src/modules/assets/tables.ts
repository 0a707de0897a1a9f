import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { versionColumn } from '../../platform/records/version';
import { orgUnits, people } from '../org/tables';
import { partners } from '../partners/tables';

export const ASSET_KINDS = ['paper', 'electronic', 'system', 'device', 'media'] as const;

/**
 * The information asset ledger (情報資産台帳), one row per asset, kept per org unit. The class is the code of a
 * class of the effective classification scheme (setting `assets.classification`); C/I/A values are 1–3.
 * `unitPath` copies the unit's materialized path so that a site's or the group's ledger is one index range.
 */
export const assets = pgTable(
  'assets',
  {
    /** row version, bumped by a trigger on every update: the record's ETag */
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    unitPath: text('unit_path').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ASSET_KINDS }).notNull(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => people.id, { onDelete: 'restrict' }),
    classCode: text('class_code').notNull(),
    confidentiality: smallint('confidentiality').notNull(),
    integrity: smallint('integrity').notNull(),
    availability: smallint('availability').notNull(),
    location: text('location').notNull().default(''),
    personalData: boolean('personal_data').notNull().default(false),
    /** the categories of personal data held (customers, employees, applicants, …); empty when none */
    personalCategories: jsonb('personal_categories').$type<string[]>().notNull().default([]),
    retention: text('retention').notNull().default(''),
    disposal: text('disposal').notNull().default(''),
    /** a copy or reproduction is managed with its original (2-1-2) */
    originalId: uuid('original_id').references((): AnyPgColumn => assets.id, { onDelete: 'restrict' }),
    /**
     * 0 for an original, 1 for a copy (set by a trigger from original_id; a copy of a copy is refused). A backup
     * writes this self-referencing table by level, so every original is restored before its copies.
     */
    level: smallint('level').notNull().default(0),
    /** values of the custom fields the security office defined (setting `assets.customFields`), by field key */
    custom: jsonb('custom').$type<Record<string, string | number | null>>().notNull().default({}),
    status: text('status', { enum: ['active', 'disposed'] })
      .notNull()
      .default('active'),
    /** when and how a disposed asset was disposed of (2-1: disposal is recorded, the asset stays in the ledger) */
    disposedOn: date('disposed_on'),
    disposedMethod: text('disposed_method'),
    /**
     * What the text search matches: the name and the values of the text custom fields, written by the service
     * (ledger/search-text.ts) on every write; trigram-indexed.
     */
    searchText: text('search_text').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('assets_unit_idx').on(t.unitId, t.classCode, t.name, t.id),
    index('assets_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.classCode),
    index('assets_owner_idx').on(t.ownerId),
    index('assets_original_idx').on(t.originalId),
    index('assets_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    // The ledger's order, by unit then name: a unit's or a site's first page is one index range (unit_path is in the
    // "C" collation, set in migration 0029, so the same btree serves LIKE 'prefix%' and the order). Migration 0029
    // also gives it INCLUDE (class_code, status, kind), which drizzle cannot declare, for index-only filtering.
    index('assets_browse_idx').on(t.unitPath, t.name, t.id),
  ],
);

/** The business partners an asset is shared with (checked against the partner programme when shared). */
export const assetPartners = pgTable(
  'asset_partners',
  {
    assetId: uuid('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'restrict' }),
    sharedBy: uuid('shared_by'),
    /** the information went out encrypted (the class's share rule may require it) */
    encrypted: boolean('encrypted').notNull().default(false),
    /** who approved the share and when, when the class's share rule needs an approval */
    approvedBy: text('approved_by'),
    approvedOn: date('approved_on'),
    sharedAt: timestamp('shared_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assetId, t.partnerId] }), index('asset_partners_partner_idx').on(t.partnerId)],
);
