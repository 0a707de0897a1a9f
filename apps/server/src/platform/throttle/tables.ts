import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Request counters of the rate limits (sign-in, set-up, activation, public forms), one row per key: the hits of
 * its current window, which starts at the key's first hit. Kept in the database so that every Mamori process
 * counts against the same limit; rows whose window has ended are deleted by the `throttle.purge` job.
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    /** `<method> <route>|<client address>` */
    key: text('key').primaryKey(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull().default(1),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limit_hits_expires_idx').on(t.expiresAt)],
);

/**
 * Failed sign-ins per (submitted e-mail, client address): the throttle that replaces an account lock. The key is
 * the e-mail as typed (normalised), known account or not, so the answer never tells whether an account exists,
 * and failures from one address never slow the owner down at another.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    /** sha256 of `<e-mail>|<client address>` */
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sign_in_failures_last_idx').on(t.lastFailureAt)],
);
