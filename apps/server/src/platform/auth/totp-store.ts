import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { isSealed, needsSealing, openStored, sealStored, type SecretsAtRest } from '../secrets/at-rest';
import type { Keyring } from '../secrets/keyring';
import { processKeyring } from '../secrets/keyring';
import { users } from './tables';

/** The two columns that hold a TOTP seed: the confirmed one and the one waiting for its first code. */
export type TotpColumn = 'mfaSecret' | 'mfaPendingSecret';
const COLUMN_NAME: Record<TotpColumn, string> = { mfaSecret: 'mfa_secret', mfaPendingSecret: 'mfa_pending_secret' };

/** Associated data of a sealed seed: its column and its user, so a seed copied to another account does not open. */
const placeOf = (userId: string, column: TotpColumn) => `users.${COLUMN_NAME[column]}|${userId}`;

/** The value to store for a user's TOTP seed: sealed with the `totp` purpose key. */
export const sealTotp = (userId: string, column: TotpColumn, secret: string, ring: Keyring = processKeyring()): string =>
  sealStored('totp', secret, placeOf(userId, column), ring);

/**
 * A user's TOTP seed in clear, or null. A seed still stored in clear (written before sealing, or by an older
 * process) is sealed now, written only if the row still holds it.
 */
export async function openTotp(db: Db, user: { id: string } & Partial<Record<TotpColumn, string | null>>, column: TotpColumn) {
  const stored = user[column];
  if (!stored) return null;
  const secret = openStored('totp', stored, placeOf(user.id, column));
  if (!isSealed(stored))
    await db
      .update(users)
      .set({ [column]: sealTotp(user.id, column, secret) })
      .where(and(eq(users.id, user.id), eq(users[column], stored)));
  return secret;
}

/** The TOTP seeds for the start-up step (platform/secrets/at-rest.ts). */
export const totpSecretsAtRest: SecretsAtRest = {
  name: 'users.mfa_secret',
  async keyIds(db) {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`SELECT DISTINCT split_part(v, '.', 2) AS id
            FROM users, LATERAL (VALUES (mfa_secret), (mfa_pending_secret)) AS s(v)
           WHERE v LIKE 'v1.%'`,
    );
    return rows.map((r) => r.id);
  },
  async sealAll(db, ring) {
    const current = `v1.${ring.current.id}.%`;
    let written = 0;
    for (;;) {
      const batch = await db
        .select({ id: users.id, mfaSecret: users.mfaSecret, mfaPendingSecret: users.mfaPendingSecret })
        .from(users)
        .where(
          sql`(${users.mfaSecret} IS NOT NULL AND ${users.mfaSecret} NOT LIKE ${current})
           OR (${users.mfaPendingSecret} IS NOT NULL AND ${users.mfaPendingSecret} NOT LIKE ${current})`,
        )
        .limit(500);
      if (!batch.length) return written;
      for (const row of batch) {
        const next = { mfaSecret: row.mfaSecret, mfaPendingSecret: row.mfaPendingSecret };
        for (const column of ['mfaSecret', 'mfaPendingSecret'] as const) {
          const value = row[column];
          if (needsSealing(value, ring))
            next[column] = sealTotp(row.id, column, openStored('totp', value, placeOf(row.id, column), ring), ring);
        }
        const same = (column: TotpColumn) =>
          row[column] === null ? sql`${users[column]} IS NULL` : eq(users[column], row[column]);
        const updated = await db
          .update(users)
          .set(next)
          .where(and(eq(users.id, row.id), same('mfaSecret'), same('mfaPendingSecret')))
          .returning({ id: users.id });
        written += updated.length;
      }
    }
  },
};
