import { NOTIFICATION_KINDS, type NotificationKind, type NotificationParam } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/tables';

/**
 * In-app notifications, one row per recipient. Written in the transaction of the change that causes them
 * (next to the mail outbox); the text is an i18n key and its values, rendered in the reader's language.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS as [NotificationKind, ...NotificationKind[]] }).notNull(),
    titleKey: text('title_key').notNull(),
    bodyKey: text('body_key').notNull(),
    params: jsonb('params').$type<Record<string, NotificationParam>>().notNull(),
    /** a path inside the web app */
    link: text('link').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    // one's own list, newest first, paged by (created_at, id): read backwards. (A DESC NULLS LAST index, what
    // drizzle's .desc() gives, does not serve ORDER BY … DESC, which puts nulls first; the planner scanned the table.)
    index('notifications_recipient_idx').on(t.recipientId, t.createdAt, t.id),
    // the unread count of the bell, polled every minute by every open tab
    index('notifications_unread_idx')
      .on(t.recipientId)
      .where(sql`read_at IS NULL`),
  ],
);
