import { BRING_IN_DEVICES, BRING_IN_STATUSES, BRINGER_KINDS, ENTRY_METHODS, ROLES, ZONE_KINDS } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/tables';
import { versionColumn } from '../../platform/records/version';
import { assets } from '../assets/tables';
import { orgUnits, people } from '../org/tables';

/**
 * A physical zone of a site (seed 002 2-3). `sitePath` is the site's org path: the offices' scope applies to it.
 * `maxClassCode` is a class of the site's classification scheme: no asset of a higher rank may be kept here.
 */
export const zones = pgTable(
  'zones',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    sitePath: text('site_path').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => zones.id, { onDelete: 'restrict' }),
    /** 0 for a site's top zones; kept by a trigger (migration 0038) so that backups write parents first */
    depth: integer('depth').notNull().default(0),
    kind: text('kind', { enum: ZONE_KINDS }).notNull(),
    code: text('code').notNull(),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en').notNull(),
    maxClassCode: text('max_class_code').notNull(),
    ownerPersonId: uuid('owner_person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'restrict' }),
    ownerUnitId: uuid('owner_unit_id').references(() => orgUnits.id, { onDelete: 'restrict' }),
    entryAll: boolean('entry_all').notNull().default(false),
    entryRoles: text('entry_roles', { enum: ROLES })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    entryMethods: text('entry_methods', { enum: ENTRY_METHODS }).array().notNull(),
    cameras: boolean('cameras').notNull().default(false),
    retentionDays: integer('retention_days').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('zones_site_code_uq').on(t.siteId, t.code),
    index('zones_path_idx').using('btree', sql`${t.sitePath} text_pattern_ops`),
    index('zones_parent_idx').on(t.parentId),
    index('zones_owner_idx').on(t.ownerPersonId),
    check('zones_retention_chk', sql`${t.retentionDays} > 0`),
  ],
);

/** People named as allowed to enter a zone (beyond "all staff" and the roles). */
export const zoneEntrants = pgTable(
  'zone_entrants',
  {
    zoneId: uuid('zone_id')
      .notNull()
      .references(() => zones.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.zoneId, t.personId] }), index('zone_entrants_person_idx').on(t.personId)],
);

/**
 * Where an asset is kept: at most one zone per asset. Owned by zones (the assets ledger knows nothing of it but
 * calls zones/service.ts `checkZoneForAsset` when an asset's class changes).
 */
export const zoneAssets = pgTable(
  'zone_assets',
  {
    assetId: uuid('asset_id')
      .primaryKey()
      .references(() => assets.id, { onDelete: 'cascade' }),
    zoneId: uuid('zone_id')
      .notNull()
      .references(() => zones.id, { onDelete: 'restrict' }),
    placedBy: uuid('placed_by').references(() => users.id, { onDelete: 'set null' }),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('zone_assets_zone_idx').on(t.zoneId, t.assetId)],
);

/** A request to bring a device or media into a zone (2-3-5), decided by the zone's owner. */
export const bringIns = pgTable(
  'bring_ins',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    zoneId: uuid('zone_id')
      .notNull()
      .references(() => zones.id, { onDelete: 'restrict' }),
    sitePath: text('site_path').notNull(),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    bringerKind: text('bringer_kind', { enum: BRINGER_KINDS }).notNull(),
    bringerName: text('bringer_name').notNull(),
    bringerCompany: text('bringer_company').notNull().default(''),
    device: text('device', { enum: BRING_IN_DEVICES }).notNull(),
    deviceNote: text('device_note').notNull().default(''),
    purpose: text('purpose').notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    status: text('status', { enum: BRING_IN_STATUSES }).notNull().default('pending'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'restrict' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    comment: text('comment').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('bring_ins_requester_idx').on(t.requesterId, t.createdAt),
    index('bring_ins_zone_idx').on(t.zoneId, t.createdAt),
    index('bring_ins_pending_idx')
      .on(t.zoneId, t.periodTo)
      .where(sql`${t.status} = 'pending'`),
    check('bring_ins_period_chk', sql`${t.periodFrom} <= ${t.periodTo}`),
  ],
);

/** One entry into a zone (the visitor log, 2-3-4): a person of the group, or a visitor by name with a host. */
export const zoneVisits = pgTable(
  'zone_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    zoneId: uuid('zone_id')
      .notNull()
      .references(() => zones.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    visitorName: text('visitor_name').notNull().default(''),
    visitorCompany: text('visitor_company').notNull().default(''),
    hostPersonId: uuid('host_person_id').references(() => people.id, { onDelete: 'set null' }),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    leftAt: timestamp('left_at', { withTimezone: true }),
    source: text('source', { enum: ['manual', 'import'] }).notNull(),
  },
  (t) => [
    index('zone_visits_zone_idx').on(t.zoneId, t.enteredAt),
    index('zone_visits_entered_idx').on(t.enteredAt),
    check('zone_visits_who_chk', sql`${t.personId} IS NOT NULL OR ${t.visitorName} <> ''`),
  ],
);

/** A visit the daily check found wrong: a person where they may not enter, or a visitor without a host. */
export const zoneFindings = pgTable(
  'zone_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    visitId: uuid('visit_id')
      .notNull()
      .unique()
      .references(() => zoneVisits.id, { onDelete: 'cascade' }),
    zoneId: uuid('zone_id')
      .notNull()
      .references(() => zones.id, { onDelete: 'cascade' }),
    reason: text('reason', { enum: ['not_allowed', 'unescorted'] }).notNull(),
    foundOn: date('found_on', { mode: 'string' }).notNull(),
    mailedAt: timestamp('mailed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => users.id, { onDelete: 'set null' }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('zone_findings_open_idx')
      .on(t.zoneId, t.foundOn)
      .where(sql`${t.closedAt} IS NULL`),
  ],
);
