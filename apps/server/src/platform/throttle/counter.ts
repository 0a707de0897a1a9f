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
 * Counts one hit for `key` in the current fixed window of `windowMs` and returns the count, in one atomic
 * statement (INSERT … ON CONFLICT DO UPDATE … RETURNING), so concurrent hits from any number of processes
 * are all counted. The window is cut on the database's clock, the one clock every process shares.
 */
export async function countHit(db: Db, key: string, windowMs: number): Promise<Hit> {
  const w = Math.max(1, Math.trunc(windowMs));
  const [row] = await queryRows<{ hits: number; ttl_ms: string | number }>(
    db,
    sql`WITH w AS (
          SELECT to_timestamp(floor(extract(epoch FROM clock_timestamp()) * 1000 / ${w}::bigint) * ${w}::bigint / 1000.0) AS start
        )
        INSERT INTO rate_limit_hits (key, window_start, hits, expires_at)
        SELECT ${key}::text, w.start, 1, w.start + ${w}::bigint * interval '1 millisecond' FROM w
        ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1
        RETURNING hits, floor(extract(epoch FROM (expires_at - clock_timestamp())) * 1000) AS ttl_ms`,
  );
  return { current: Number(row!.hits), ttl: Math.max(0, Number(row!.ttl_ms)) };
}

/** Deletes the counters whose window has ended and sign-in failures older than `failureDays`. Run by a job. */
export async function purgeThrottle(db: Db, failureDays = 1, now = new Date()): Promise<void> {
  await db.delete(rateLimitHits).where(lt(rateLimitHits.expiresAt, now));
  await db.delete(signInFailures).where(lt(signInFailures.lastFailureAt, new Date(now.getTime() - failureDays * 86_400_000)));
}
