import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Settings a company may set for itself (classification scheme, risk method, …). `scope` is 'group' for the
 * group's value or the id of an org unit of kind `company` for that company's own value. Read them only through
 * `effectiveSetting` (platform/settings/effective.ts), which resolves group → company for the unit at hand.
 */
export const scopedSettings = pgTable(
  'scoped_settings',
  {
    key: text('key').notNull(),
    scope: text('scope').notNull(),
    value: jsonb('value').notNull(),
    /** 1 at the first save, +1 on every change: the ETag of the setting and the key of its history. */
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.key, t.scope] })],
);

/** Every saved version of a scoped setting, kept for ever: the history a security office reads. */
export const scopedSettingVersions = pgTable(
  'scoped_setting_versions',
  {
    key: text('key').notNull(),
    scope: text('scope').notNull(),
    version: integer('version').notNull(),
    value: jsonb('value').notNull(),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.key, t.scope, t.version] })],
);
