import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { newSecret, sha256 } from '../../../platform/auth/secrets';
import { notFound } from '../../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { scimTokens } from './tables';

/** SCIM client tokens: created by a system administrator, shown once, kept as their SHA-256, revocable. */
export const SCIM_TOKEN_PREFIX = 'mmr_scim_';

type Row = typeof scimTokens.$inferSelect;

export const presentToken = (r: Row) => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.createdAt.toISOString(),
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  revokedAt: r.revokedAt?.toISOString() ?? null,
});

export const listTokens = async (db: Db) =>
  (await db.select().from(scimTokens).orderBy(desc(scimTokens.createdAt)).limit(500)).map(presentToken);

/** Creates a token; the answer holds the token itself, which is not kept and cannot be shown again. */
export async function createToken(ctx: Ctx, name: string) {
  const token = SCIM_TOKEN_PREFIX + newSecret(32);
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(scimTokens)
      .values({
        name,
        prefix: token.slice(0, SCIM_TOKEN_PREFIX.length + 6),
        tokenHash: sha256(token),
        createdBy: ctx.actor.userId,
      })
      .returning();
    await audit({
      action: 'scim.token-create',
      targetType: 'scim_token',
      targetId: row!.id,
      after: { name, prefix: row!.prefix },
    });
    return { ...presentToken(row!), token };
  });
}

export async function revokeToken(ctx: Ctx, id: string) {
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .update(scimTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(scimTokens.id, id), isNull(scimTokens.revokedAt)))
      .returning();
    if (!row) {
      const [exists] = await tx.select({ id: scimTokens.id }).from(scimTokens).where(eq(scimTokens.id, id));
      if (!exists) throw notFound();
      return;
    }
    await audit({
      action: 'scim.token-revoke',
      targetType: 'scim_token',
      targetId: id,
      before: { name: row.name, prefix: row.prefix },
    });
  });
}

/** The token's id and name when it is known and not revoked; null otherwise. */
export async function resolveToken(db: Db, token: string): Promise<{ id: string; name: string } | null> {
  if (!token.startsWith(SCIM_TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({ id: scimTokens.id, name: scimTokens.name, lastUsedAt: scimTokens.lastUsedAt })
    .from(scimTokens)
    .where(and(eq(scimTokens.tokenHash, sha256(token)), isNull(scimTokens.revokedAt)));
  if (!row) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)
    await db.update(scimTokens).set({ lastUsedAt: new Date() }).where(eq(scimTokens.id, row.id));
  return { id: row.id, name: row.name };
}
