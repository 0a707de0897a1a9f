import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { versionColumn } from '../../platform/records/version';

export const orgUnits = pgTable(
  'org_units',
  {
    /** row version, bumped by a trigger on every update: the record's ETag */
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgUnits.id, { onDelete: 'restrict' }),
    code: text('code').notNull().unique(),
    kind: text('kind', { enum: ['company', 'site', 'department', 'section'] }).notNull(),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en').notNull(),
    /** Materialized path of ids, '/root/…/self/': a subtree is `path LIKE prefix || '%'`. */
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('org_units_parent_idx').on(t.parentId, t.nameEn),
    index('org_units_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
  ],
);

export const people = pgTable(
  'people',
  {
    /** row version, bumped by a trigger on every update: the record's ETag */
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    employeeNo: text('employee_no').notNull().unique(),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en').notNull(),
    email: text('email'),
    kind: text('kind', { enum: ['employee', 'contractor', 'temporary'] }).notNull(),
    status: text('status', { enum: ['active', 'left'] })
      .notNull()
      .default('active'),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    /** Set when the person changes org unit or leaves: the ID review compares it with the account's last review. */
    changedAt: timestamp('changed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The list's btree indexes (by unit, by name, by employee number) carry the filter columns in INCLUDE,
    // which drizzle cannot declare: they are in migration 0015 (people_org_browse_idx, people_name_browse_idx,
    // people_employee_browse_idx). See modules/org/people-browse.ts.
    index('people_name_en_trgm_idx').using('gin', sql`${t.nameEn} gin_trgm_ops`),
    index('people_name_ja_trgm_idx').using('gin', sql`${t.nameJa} gin_trgm_ops`),
    // prefix search for queries too short for trigrams (a kanji family name)
    index('people_name_ja_prefix_idx').using('btree', sql`${t.nameJa} text_pattern_ops`),
    index('people_name_en_prefix_idx').using('btree', sql`lower(${t.nameEn}) text_pattern_ops`),
  ],
);

/**
 * The ISMS profile of a company (an org unit of kind `company`, issue #22): who its CISO and CPO are, which unit is
 * its security office, its fiscal year, language and zone, its public identity and the modules it uses. One row per
 * company once a profile is saved; until then the defaults apply (modules/org/company-profile.ts).
 */
export const companyProfiles = pgTable('company_profiles', {
  rowVersion: versionColumn(),
  unitId: uuid('unit_id')
    .primaryKey()
    .references(() => orgUnits.id, { onDelete: 'cascade' }),
  cisoPersonId: uuid('ciso_person_id').references(() => people.id, { onDelete: 'set null' }),
  cpoPersonId: uuid('cpo_person_id').references(() => people.id, { onDelete: 'set null' }),
  securityOfficeUnitId: uuid('security_office_unit_id').references((): AnyPgColumn => orgUnits.id, { onDelete: 'set null' }),
  fiscalYearStartMonth: integer('fiscal_year_start_month').notNull().default(4),
  defaultLanguage: text('default_language', { enum: ['ja', 'en'] })
    .notNull()
    .default('ja'),
  timeZone: text('time_zone').notNull().default('Asia/Tokyo'),
  publicNameJa: text('public_name_ja').notNull().default(''),
  publicNameEn: text('public_name_en').notNull().default(''),
  psirtContact: text('psirt_contact').notNull().default(''),
  privacyWindow: text('privacy_window').notNull().default(''),
  modules: jsonb('modules').$type<string[]>().notNull().default([]),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
