import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { grantsColumn, hasPasskeyColumn, personUnitColumn, type UserWithGrants } from './principal-loader';
import { newSecret, sha256 } from './secrets';
import { apiTokens, users } from './tables';

export const TOKEN_PREFIX = 'mmr_';

export interface CreatedApiToken {
  token: string;
  row: typeof apiTokens.$inferSelect;
}

export async function createApiToken(db: Db, userId: string, name: string, expiresInDays: number): Promise<CreatedApiToken> {
  const token = TOKEN_PREFIX + newSecret(32);
  const [row] = await db
    .insert(apiTokens)
    .values({
      userId,
      name,
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + expiresInDays * 86_400_000),
    })
    .returning();
  return { token, row: row! };
}

/** The lookup behind every token-authenticated request, prepared once per database (and per pool connection). */
const tokenLookup = (db: Db) =>
  db
    .select({
      id: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      user: users,
      grants: grantsColumn(users.id),
      hasPasskey: hasPasskeyColumn(users.id),
      unitId: personUnitColumn(users.personId),
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, sql.placeholder('hash')),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, sql`now()`),
        eq(users.status, 'active'),
      ),
    )
    .prepare('mamori_api_token');
const prepared = new WeakMap<Db, ReturnType<typeof tokenLookup>>();

/** The token's user (with grants) when the token is known, unrevoked and unexpired, and its user active. */
export async function resolveApiToken(db: Db, token: string): Promise<UserWithGrants | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  let lookup = prepared.get(db);
  if (!lookup) prepared.set(db, (lookup = tokenLookup(db)));
  const [row] = await lookup.execute({ hash: sha256(token) });
  if (!row) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return { user: row.user, grants: row.grants, hasPasskey: row.hasPasskey, unitId: row.unitId };
}
