import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Outbox: a mail is written in the same transaction as the change that causes it, then sent by a job. */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    /** the sender display name of the recipient's mail template (platform/mail/template.ts); null: MAMORI_MAIL_FROM's */
    fromName: text('from_name'),
    /** the language the mail is written in (its recipient's, platform/mail/recipient.ts); null: both, Japanese first */
    language: text('language', { enum: ['ja', 'en'] }),
    /** the text; sealed (platform/secrets) when it carries a bearer link, such as an activation link */
    body: text('body').notNull(),
    /** the master key a sealed body is under; null: the body is in clear */
    sealedKeyId: text('sealed_key_id'),
    status: text('status', { enum: ['queued', 'sent', 'logged', 'failed'] })
      .notNull()
      .default('queued'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    error: text('error'),
  },
  (t) => [
    index('mail_outbox_status_idx').on(t.status, t.createdAt),
    // the sealed bodies alone, for the start-up check of keys and for rotation (a few among many mails)
    index('mail_outbox_sealed_idx')
      .on(t.sealedKeyId)
      .where(sql`${t.sealedKeyId} IS NOT NULL`),
  ],
);
