import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { hashPassword, passwordProblems } from '../../platform/auth/password';
import { signInRulesFor } from '../../platform/auth/sign-in-rules';
import { roleAssignments, users } from '../../platform/auth/tables';
import { conflict, invalid, msg, fieldError } from '../../platform/errors/app-error';
import type { Audit } from '../../platform/tx';

export const userCount = async (db: Db) => {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
};

export const findUserByEmail = async (db: Db, email: string) =>
  (await db.select().from(users).where(eq(users.email, email.toLowerCase())))[0];

/** Public view of a user for audit before/after: never the password hash or MFA secret. */
export const auditView = (u: typeof users.$inferSelect) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  status: u.status,
  kind: u.kind,
  personId: u.personId,
  mfaEnabled: u.mfaEnabled,
});

export interface NewAdmin {
  email: string;
  password: string;
  name: string;
}

/** Creates an administrator (system_admin, whole group). Used by the setup page and `mamori admin create`. */
export async function createAdmin(tx: Db, audit: Audit, input: NewAdmin) {
  const email = input.email.toLowerCase();
  // an administrator has no person, so no company: the group's rule
  const { passwordMinLength } = await signInRulesFor(tx, null);
  const problems = passwordProblems(input.password, email, 'body.password', passwordMinLength);
  if (problems.length) throw invalid(problems, msg('password.policy'));
  if (await findUserByEmail(tx, email))
    throw conflict(msg('account.email_exists'), [fieldError('body.email', 'account.email_in_use')]);
  const [user] = await tx
    .insert(users)
    .values({ email, name: input.name, passwordHash: await hashPassword(input.password), lastActiveAt: new Date() })
    .returning();
  const [grant] = await tx
    .insert(roleAssignments)
    .values({ userId: user!.id, role: 'system_admin', orgUnitId: null })
    .returning();
  await audit({ action: 'user.create', targetType: 'user', targetId: user!.id, after: auditView(user!) });
  await audit({ action: 'role.assign', targetType: 'role_assignment', targetId: grant!.id, after: grant });
  return user!;
}
