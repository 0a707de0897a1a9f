import { lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { rateLimitHits, signInFailures } from './tables';

export interface Hit {
  /** hits in the current window, this one included */
  current: number;
  /** milliseconds until the window ends */
  ttl: number;
}

/**
 * Counts one hit for `key` in its current window of `windowMs` and returns the count, in one atomic statement
 * (INSERT … ON CONFLICT DO UPDATE … RETURNING: the row lock serialises concurrent hits from any number of
 * processes). A window starts at the first hit after the previous one ended, on the database's clock, the one
 * clock every process shares.
 */
export async function countHit(db: Db, key: string, windowMs: number): Promise<Hit> {
  const w = Math.max(1, Math.trunc(windowMs));
  const ended = sql`rate_limit_hits.expires_at <= clock_timestamp()`;
  const [row] = await queryRows<{ hits: number; ttl_ms: string | number }>(
    db,
    sql`INSERT INTO rate_limit_hits (key, window_start, hits, expires_at)
        VALUES (${key}::text, clock_timestamp(), 1, clock_timestamp() + ${w}::bigint * interval '1 millisecond')
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN ${ended} THEN 1 ELSE rate_limit_hits.hits + 1 END,
          window_start = CASE WHEN ${ended} THEN clock_timestamp() ELSE rate_limit_hits.window_start END,
          expires_at = CASE WHEN ${ended} THEN clock_timestamp() + ${w}::bigint * interval '1 millisecond'
                            ELSE rate_limit_hits.expires_at END
        RETURNING hits, floor(extract(epoch FROM (expires_at - clock_timestamp())) * 1000) AS ttl_ms`,
  );
  return { current: Number(row!.hits), ttl: Math.max(0, Number(row!.ttl_ms)) };
}

/** Deletes the counters whose window has ended and sign-in failures older than `failureDays`. Run by a job. */
export async function purgeThrottle(db: Db, failureDays = 1, now = new Date()): Promise<void> {
  await db.delete(rateLimitHits).where(lt(rateLimitHits.expiresAt, now));
  await db.delete(signInFailures).where(lt(signInFailures.lastFailureAt, new Date(now.getTime() - failureDays * 86_400_000)));
}
