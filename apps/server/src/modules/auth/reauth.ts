import type { PasskeyAssertion, ReauthResult } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { verifyPassword } from '../../platform/auth/password';
import { markAuthenticated, reauthState } from '../../platform/auth/reauth';
import { users } from '../../platform/auth/tables';
import { appendAudit } from '../../platform/audit/record';
import { AppError, fieldError, invalid, msg } from '../../platform/errors/app-error';
import type { MessageCode } from '@mamori/contracts';
import { assertSignInAllowed, clearSignInFailures, recordSignInFailure } from '../../platform/throttle/sign-in';
import { inTransaction } from '../../platform/tx';
import { takeCeremony } from './passkeys/challenge';
import { checkPasskey } from './passkeys/sign-in';

/**
 * `POST /api/auth/reauth`: the signed-in person proves again who they are — with the password, or with one of
 * their passkeys — and the session may take sensitive actions for the next few minutes (platform/auth/reauth.ts).
 * Throttled with the sign-in's (e-mail, address) counter, so guessing the password here is no faster than at the
 * sign-in page; each failure is audited `auth.reauth-failed`, each success `auth.reauth`. A refusal is a 400 naming
 * the field (never a 401, which would tell the web app the session is gone).
 */
export async function reauthenticate(
  db: Db,
  config: Config,
  request: FastifyRequest,
  reply: FastifyReply,
  body: { password?: string | undefined; passkey?: PasskeyAssertion | undefined },
): Promise<ReauthResult> {
  const p = request.principal!;
  if (p.via !== 'session' || !p.sessionId) throw new AppError('bad-request', msg('auth.reauth_session_only'));
  if ((body.password === undefined) === (body.passkey === undefined))
    throw invalid([fieldError('body.password', 'validation.required'), fieldError('body.passkey', 'validation.required')]);
  const [user] = await db.select().from(users).where(eq(users.id, p.userId));
  if (!user) throw new AppError('unauthenticated');
  const actor = request.ctx.actor;
  await assertSignInAllowed(db, user.email, actor.ip);

  const fail = async (method: 'password' | 'passkey', field: string, code: MessageCode): Promise<never> => {
    await db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const failures = await recordSignInFailure(tx, user.email, actor.ip);
      await appendAudit(tx, actor, {
        action: 'auth.reauth-failed',
        targetType: 'user',
        targetId: user.id,
        after: { method, reason: code, failures },
      });
    });
    throw invalid([fieldError(field, code)], msg(code));
  };

  let method: 'password' | 'passkey';
  if (body.password !== undefined) {
    method = 'password';
    if (!user.passwordHash) throw invalid([fieldError('body.password', 'auth.reauth_no_method')], msg('auth.reauth_no_method'));
    if (!(await verifyPassword(user.passwordHash, body.password))) await fail(method, 'body.password', 'auth.reauth_wrong');
  } else {
    method = 'passkey';
    try {
      const ceremony = await takeCeremony(db, request, reply, 'sign-in');
      // presence is enough, as for the second factor: the session already holds the first one
      await checkPasskey(db, config, body.passkey!, ceremony.c, { owner: user.id, requireUserVerification: false });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      await fail(method, 'body.passkey', err.detailMessage?.code ?? 'auth.passkey_not_verified');
    }
  }
  await clearSignInFailures(db, user.email, actor.ip);
  await inTransaction(request.ctx, async (tx, audit) => {
    await markAuthenticated(tx, p.sessionId!);
    await audit({ action: 'auth.reauth', targetType: 'user', targetId: user.id, after: { method } });
  });
  const state = await reauthState(db, p.sessionId);
  if (!state) throw new AppError('unauthenticated');
  return { authenticatedAt: state.authenticatedAt.toISOString(), validUntil: state.validUntil.toISOString() };
}
