import type { Passkey } from '@mamori/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { passkeys } from '../../../platform/auth/tables';
import { notFound } from '../../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../../platform/tx';

export type PasskeyRow = typeof passkeys.$inferSelect;

export const presentPasskey = (r: PasskeyRow): Passkey => ({
  id: r.id,
  name: r.name,
  deviceType: r.deviceType,
  backedUp: r.backedUp,
  transports: r.transports,
  createdAt: r.createdAt.toISOString(),
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
});

/** What the audit log keeps of a passkey: never its public key. */
const auditView = (r: PasskeyRow) => ({ name: r.name, credentialId: r.credentialId.slice(0, 16), deviceType: r.deviceType });

export const passkeysOf = (db: Db, userId: string) =>
  db.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(asc(passkeys.createdAt));

export async function hasPasskey(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, userId)).limit(1);
  return row !== undefined;
}

export async function passkeyByCredentialId(db: Db, credentialId: string): Promise<PasskeyRow | null> {
  const [row] = await db.select().from(passkeys).where(eq(passkeys.credentialId, credentialId));
  return row ?? null;
}

/**
 * Records a use: the new signature counter and the time. Conditional on the counter read before the check, so of
 * two answers checked at once against the same counter only one is accepted (the other reads as a clone).
 */
export async function recordUse(
  db: Db,
  row: PasskeyRow,
  newCounter: number,
  deviceType: string,
  backedUp: boolean,
): Promise<boolean> {
  const updated = await db
    .update(passkeys)
    .set({ counter: newCounter, lastUsedAt: new Date(), deviceType, backedUp })
    .where(and(eq(passkeys.id, row.id), eq(passkeys.counter, row.counter)))
    .returning({ id: passkeys.id });
  return updated.length === 1;
}

export type NewPasskey = Omit<typeof passkeys.$inferInsert, 'id' | 'createdAt' | 'lastUsedAt'>;

/** Stores a verified credential; null when that credential is already registered (to anyone). */
export function addPasskey(ctx: Ctx, values: NewPasskey): Promise<PasskeyRow | null> {
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx.insert(passkeys).values(values).onConflictDoNothing().returning();
    if (!row) return null;
    await audit({ action: 'passkey.create', targetType: 'user', targetId: row.userId, after: auditView(row) });
    return row;
  });
}

export function renamePasskey(ctx: Ctx, id: string, name: string): Promise<PasskeyRow> {
  const userId = ctx.principal!.userId;
  return inTransaction(ctx, async (tx, audit) => {
    const [before] = await tx
      .select()
      .from(passkeys)
      .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
      .for('update');
    if (!before) throw notFound('The passkey');
    const [row] = await tx.update(passkeys).set({ name }).where(eq(passkeys.id, id)).returning();
    await audit({
      action: 'passkey.rename',
      targetType: 'user',
      targetId: userId,
      before: auditView(before),
      after: auditView(row!),
    });
    return row!;
  });
}

export function deletePasskey(ctx: Ctx, id: string): Promise<void> {
  const userId = ctx.principal!.userId;
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .delete(passkeys)
      .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
      .returning();
    if (!row) throw notFound('The passkey');
    await audit({ action: 'passkey.delete', targetType: 'user', targetId: userId, before: auditView(row) });
  });
}
