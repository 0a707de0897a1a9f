import type { PasskeyAssertion } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import type { Actor } from '../../../platform/audit/record';
import { users } from '../../../platform/auth/tables';
import { AppError, msg } from '../../../platform/errors/app-error';
import { assertSignInAllowed, clearSignInFailures } from '../../../platform/throttle/sign-in';
import { assertLocalSignIn } from '../local-sign-in';
import { recordFailure } from '../sign-in';
import { passkeyByCredentialId, recordUse, type PasskeyRow } from './store';
import { verifyAssertion } from './webauthn';

type UserRow = typeof users.$inferSelect;

/** The WebAuthn user handle of an account: its uuid's 16 bytes, base64url. */
const handleOf = (userId: string) => Buffer.from(userId.replace(/-/g, ''), 'hex').toString('base64url');

/**
 * Checks an assertion by a stored passkey and records the use (the counter moves forward once: of two answers
 * checked at once, one is refused as a clone). `owner`: the account it must belong to (the second factor after a
 * password); `requireUserVerification`: for a passwordless sign-in.
 */
export async function checkPasskey(
  db: Db,
  config: Config,
  response: PasskeyAssertion,
  challenge: string,
  opts: { owner?: string; requireUserVerification: boolean },
): Promise<PasskeyRow> {
  const passkey = await passkeyByCredentialId(db, response.id);
  if (!passkey || (opts.owner !== undefined && passkey.userId !== opts.owner))
    throw new AppError('unauthenticated', msg('auth.passkey_unknown'));
  const handle = response.response.userHandle;
  if (handle && handle !== handleOf(passkey.userId)) throw new AppError('unauthenticated', msg('auth.passkey_unknown'));
  const info = await verifyAssertion(config, response, challenge, passkey, opts.requireUserVerification);
  if (!(await recordUse(db, passkey, info.newCounter, info.credentialDeviceType, info.credentialBackedUp)))
    throw new AppError('unauthenticated', msg('auth.passkey_cloned'));
  return passkey;
}

/**
 * A passwordless sign-in: a discoverable passkey with user verification (itself two factors, counted as MFA).
 * Throttled like a password sign-in, keyed by the credential and the client address; failures audited.
 */
export async function signInWithPasskey(
  db: Db,
  config: Config,
  actor: Actor,
  response: PasskeyAssertion,
  challenge: string,
): Promise<UserRow> {
  const key = `passkey:${response.id}`;
  await assertSignInAllowed(db, key, actor.ip);
  const stored = await passkeyByCredentialId(db, response.id);
  const [user] = stored ? await db.select().from(users).where(eq(users.id, stored.userId)) : [];
  try {
    await checkPasskey(db, config, response, challenge, { requireUserVerification: true });
  } catch (err) {
    await recordFailure(db, actor, key, user, user ? 'passkey' : 'passkey-unknown');
    throw err;
  }
  if (!user || user.status !== 'active') throw new AppError('unauthenticated', msg('auth.disabled'));
  await assertLocalSignIn(db, actor, user);
  await clearSignInFailures(db, key, actor.ip);
  return user;
}
