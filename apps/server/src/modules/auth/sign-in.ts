import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { verifyPassword } from '../../platform/auth/password';
import { users } from '../../platform/auth/tables';
import { matchTotp } from '../../platform/auth/totp';
import { openTotp } from '../../platform/auth/totp-store';
import { appendAudit, type Actor } from '../../platform/audit/record';
import { AppError, msg } from '../../platform/errors/app-error';
import { assertSignInAllowed, clearSignInFailures, recordSignInFailure } from '../../platform/throttle/sign-in';
import { assertLocalSignIn } from './local-sign-in';
import { hasPasskey } from './passkeys/store';
import { findUserByEmail } from './users';

type UserRow = typeof users.$inferSelect;

/** The second factor sent with a password: a TOTP code, or a passkey assertion checked by `passkey`. */
export interface SecondFactor {
  totp?: string | undefined;
  /** checks the passkey answer for this account; throws when it is refused */
  passkey?: ((user: UserRow) => Promise<void>) | undefined;
}

const WRONG = () => new AppError('unauthenticated', msg('auth.wrong_credentials'));

/**
 * One failed try, committed even though the call then throws: it counts towards the (e-mail, address) throttle
 * and is audited. Known and unknown e-mails take the same path (one transaction, one audit event), so neither the
 * answer nor its timing tells whether the account exists.
 */
export async function recordFailure(
  db: Db,
  actor: Actor,
  email: string,
  user: typeof users.$inferSelect | undefined,
  why: string,
) {
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const failures = await recordSignInFailure(tx, email, actor.ip);
    if (user)
      await tx
        .update(users)
        .set({ failedSignIns: sql`${users.failedSignIns} + 1` })
        .where(eq(users.id, user.id));
    await appendAudit(tx, actor, {
      action: 'auth.sign-in-failed',
      targetType: 'user',
      targetId: user?.id ?? null,
      after: { reason: why, failures, ...(user ? {} : { email: email.trim().toLowerCase().slice(0, 254) }) },
    });
  });
}

/**
 * Checks credentials, and the second factor when the account has one (a TOTP code, or a passkey: either is
 * accepted when both are set up). Repeated failures for one e-mail from one address are throttled (429 with a
 * growing Retry-After, platform/throttle/sign-in.ts); nothing locks the account itself, so nobody can lock its
 * owner out. When local sign-in is limited to break-glass administrators, others are refused once the password
 * is right (so the refusal tells nothing to someone without it).
 */
export async function checkCredentials(db: Db, actor: Actor, email: string, password: string, second: SecondFactor) {
  await assertSignInAllowed(db, email, actor.ip);
  const user = await findUserByEmail(db, email);
  // Always one argon2 verification: against a dummy hash when the e-mail is unknown.
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !passwordOk) {
    await recordFailure(db, actor, email, user, user ? 'password' : 'unknown-account');
    throw WRONG();
  }
  if (user.status !== 'active') throw new AppError('unauthenticated', msg('auth.disabled'));
  await assertLocalSignIn(db, actor, user);
  let mfaStep: number | null = user.mfaLastStep;
  let mfa: 'totp' | 'passkey' | null = null;
  const secret = user.mfaEnabled ? await openTotp(db, user, 'mfaSecret') : null;
  const passkeyOn = await hasPasskey(db, user.id);
  if (passkeyOn && second.passkey) {
    try {
      await second.passkey(user);
    } catch (err) {
      await recordFailure(db, actor, email, user, 'passkey');
      throw err;
    }
    mfa = 'passkey';
  } else if (secret && second.totp) {
    mfaStep = matchTotp(secret, second.totp, Date.now(), user.mfaLastStep);
    if (mfaStep === null) {
      await recordFailure(db, actor, email, user, 'totp');
      throw new AppError('mfa-required', msg('auth.totp_wrong'));
    }
    mfa = 'totp';
  } else if (secret || passkeyOn) {
    throw new AppError('mfa-required', msg(passkeyOn ? 'auth.passkey_needed' : 'auth.totp_needed'));
  }
  await clearSignInFailures(db, email, actor.ip);
  return { user, mfaStep, mfa };
}
