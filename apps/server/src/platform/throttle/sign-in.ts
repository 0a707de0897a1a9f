import { normalizeIP } from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { sha256 } from '../auth/secrets';
import { msg, rateLimited } from '../errors/app-error';

/** Failures allowed from one address for one e-mail before each further try must wait. */
export const FREE_FAILURES = 5;
/** The longest wait, in seconds, however many failures. */
export const MAX_DELAY_SECONDS = 15 * 60;

/** The first wait, in seconds (2^4). */
const FIRST_DELAY_EXPONENT = 4;

/** Seconds to wait after the `failures`-th failure: none before FREE_FAILURES, then 16, 32, 64 … up to MAX_DELAY_SECONDS. */
export function delaySeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(2 ** Math.min(failures - FREE_FAILURES + FIRST_DELAY_EXPONENT, 30), MAX_DELAY_SECONDS);
}

/**
 * The throttle key: the e-mail as submitted (trimmed, lower-cased) with the client address, hashed. It does not
 * depend on whether the account exists, so a known and an unknown e-mail are throttled alike, and it includes the
 * address, so failures from an attacker's address never delay the owner signing in from elsewhere. An IPv6
 * address counts by its /64 (as the rate limits do), so an attacker cannot walk through the addresses of one network.
 */
const keyOf = (email: string, ip: string | null) => sha256(`${email.trim().toLowerCase()}|${ip ? normalizeIP(ip) : ''}`);

/** Throws 429 (with Retry-After) while this e-mail is throttled for this address. Checked before the password. */
export async function assertSignInAllowed(db: Db, email: string, ip: string | null): Promise<void> {
  const [row] = await queryRows<{ wait: string | number }>(
    db,
    sql`SELECT ceil(extract(epoch FROM (blocked_until - clock_timestamp()))) AS wait
          FROM sign_in_failures WHERE key = ${keyOf(email, ip)} AND blocked_until > clock_timestamp()`,
  );
  if (row) {
    throw rateLimited(Number(row.wait), msg('auth.throttled', { seconds: Number(row.wait) }));
  }
}

/** Counts one failure (atomically, whichever process) and sets the wait before the next try. */
export async function recordSignInFailure(db: Db, email: string, ip: string | null): Promise<number> {
  const [row] = await queryRows<{ failures: number }>(
    db,
    sql`INSERT INTO sign_in_failures (key, failures, blocked_until, last_failure_at)
        VALUES (${keyOf(email, ip)}, 1, NULL, clock_timestamp())
        ON CONFLICT (key) DO UPDATE SET failures = sign_in_failures.failures + 1, last_failure_at = clock_timestamp()
        RETURNING failures`,
  );
  const failures = Number(row!.failures);
  const wait = delaySeconds(failures);
  if (wait > 0) {
    await db.execute(
      sql`UPDATE sign_in_failures SET blocked_until = clock_timestamp() + ${wait}::int * interval '1 second'
           WHERE key = ${keyOf(email, ip)}`,
    );
  }
  return failures;
}

/** Forgets the failures of this e-mail from this address (after a successful sign-in). */
export async function clearSignInFailures(db: Db, email: string, ip: string | null): Promise<void> {
  await db.execute(sql`DELETE FROM sign_in_failures WHERE key = ${keyOf(email, ip)}`);
}
