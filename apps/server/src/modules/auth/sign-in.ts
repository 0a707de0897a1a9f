import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { verifyPassword } from '../../platform/auth/password';
import { users } from '../../platform/auth/tables';
import { matchTotp } from '../../platform/auth/totp';
import { appendAudit, type Actor } from '../../platform/audit/record';
import { AppError } from '../../platform/errors/app-error';
import { findUserByEmail } from './users';

export const MAX_FAILURES = 5;
export const BASE_LOCK_MINUTES = 15;

/** Lock length after `failures` consecutive failures: none before 5, then 15 min doubling every further 5, at most a day. */
export function lockMinutes(failures: number): number {
  if (failures < MAX_FAILURES) return 0;
  return Math.min(BASE_LOCK_MINUTES * 2 ** Math.floor((failures - MAX_FAILURES) / MAX_FAILURES), 24 * 60);
}

const WRONG = () => new AppError('unauthenticated', 'The e-mail or password is wrong.');

async function recordFailure(db: Db, actor: Actor, user: typeof users.$inferSelect, why: string): Promise<void> {
  const failures = user.failedSignIns + 1;
  const minutes = lockMinutes(failures);
  const lockedUntil = minutes ? new Date(Date.now() + minutes * 60_000) : user.lockedUntil;
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await tx.update(users).set({ failedSignIns: failures, lockedUntil }).where(eq(users.id, user.id));
    await appendAudit(tx, actor, {
      action: 'auth.sign-in-failed',
      targetType: 'user',
      targetId: user.id,
      after: { reason: why, failures, lockedUntil },
    });
  });
}

/**
 * Checks credentials (and the TOTP code when MFA is on). Failures count towards a lock that grows
 * with repeated failures; they are committed even though the call then throws.
 */
export async function checkCredentials(db: Db, actor: Actor, email: string, password: string, totp: string | undefined) {
  const user = await findUserByEmail(db, email);
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user) throw WRONG();
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    throw new AppError('locked', `Too many failed sign-ins. Try again after ${user.lockedUntil.toISOString()}.`);
  }
  if (!passwordOk) {
    await recordFailure(db, actor, user, 'password');
    throw WRONG();
  }
  if (user.status !== 'active') throw new AppError('unauthenticated', 'This account is disabled.');
  let mfaStep: number | null = user.mfaLastStep;
  if (user.mfaEnabled && user.mfaSecret) {
    if (!totp) throw new AppError('mfa-required', 'Enter the 6-digit code from your authenticator app.');
    mfaStep = matchTotp(user.mfaSecret, totp, Date.now(), user.mfaLastStep);
    if (mfaStep === null) {
      await recordFailure(db, actor, user, 'totp');
      throw new AppError('mfa-required', 'The authentication code is wrong or already used.');
    }
  }
  return { user, mfaStep };
}
