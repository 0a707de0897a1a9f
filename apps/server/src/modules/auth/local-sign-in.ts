import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { appendAudit, type Actor } from '../../platform/audit/record';
import { roleAssignments, type users } from '../../platform/auth/tables';
import { AppError, msg } from '../../platform/errors/app-error';
import { getSettings } from '../../platform/settings/service';

/** The role whose holders keep local sign-in when it is limited to break-glass accounts. */
export const BREAK_GLASS_ROLE = 'system_admin';

/**
 * Refuses a local sign-in (password, passkey) when the setting `localSignIn` is `break_glass` and the account holds
 * no system administrator role: the person signs in through single sign-on instead (`auth.sso_only`). Audited.
 */
export async function assertLocalSignIn(db: Db, actor: Actor, user: typeof users.$inferSelect): Promise<void> {
  if ((await getSettings(db)).localSignIn !== 'break_glass') return;
  const [admin] = await db
    .select({ id: roleAssignments.id })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.userId, user.id), eq(roleAssignments.role, BREAK_GLASS_ROLE)))
    .limit(1);
  if (admin) return;
  await appendAudit(db, actor, {
    action: 'auth.sign-in-failed',
    targetType: 'user',
    targetId: user.id,
    after: { reason: 'sso-only' },
  });
  throw new AppError('forbidden', msg('auth.sso_only'));
}
