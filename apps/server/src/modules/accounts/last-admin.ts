import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { roleAssignments, users } from '../../platform/auth/tables';
import { conflict, msg } from '../../platform/errors/app-error';
import { lockName } from '../../platform/records/lock';

/**
 * The group always keeps one active system administrator. Removing an administrator's role and disabling accounts
 * take this lock first, then make their change, then call `refuseIfNoAdminLeft`: two administrators removing each
 * other at the same moment queue on the lock, and the second finds that it would leave none (its transaction is
 * rolled back, nothing changed).
 */
export async function lockAdministrators(tx: Db): Promise<number> {
  await lockName(tx, 'accounts.system-administrators', 'exclusive');
  return activeAdministrators(tx);
}

/** Active accounts holding system_admin (read under the lock). */
export async function activeAdministrators(tx: Db): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.role, 'system_admin'), eq(users.status, 'active')));
  return Number(row?.n ?? 0);
}

/** Refuses a change that took the count of active administrators from `before` (> 0) to none. */
export async function refuseIfNoAdminLeft(tx: Db, before: number): Promise<void> {
  if (before > 0 && (await activeAdministrators(tx)) === 0) throw conflict(msg('account.last_admin'));
}
