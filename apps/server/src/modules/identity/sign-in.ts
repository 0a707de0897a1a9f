import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import { appendAudit } from '../../platform/audit/record';
import { createSession, setSessionCookie } from '../../platform/auth/sessions';
import { users } from '../../platform/auth/tables';
import { inTransaction } from '../../platform/tx';
import type { SsoFailure } from './failure';
import type { UserRow } from './link';
import type { ProviderRow } from './providers';
import { sealIdToken } from './id-token';
import { recordSsoGroups } from './scim/role-rules';

export interface SsoSignIn {
  user: UserRow;
  provider: ProviderRow;
  subject: string;
  via: 'oidc' | 'saml';
  /** the groups the provider asserted, from the signed token or assertion: its group → role rules read them */
  groups: string[];
  /** the provider said it did multi-factor authentication (OIDC `amr`/`acr` counted for it): the session counts as MFA */
  mfa?: boolean;
  /** OIDC: the ID token, kept sealed with the session for the provider's logout */
  idToken?: string;
  /** OIDC: the provider's session id (`sid` of the ID token), which a back-channel logout token may name */
  sid?: string;
}

/** Group values of a claim or attribute: a list, or one value. */
export const groupsOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).filter(
    (v): v is string => typeof v === 'string',
  );

/** The end of a sign-in through a provider, OIDC or SAML: audited, then a session like a password sign-in's. */
export async function completeSsoSignIn(
  req: FastifyRequest,
  reply: FastifyReply,
  config: Config,
  { user, provider, subject, via, groups, mfa = false, idToken, sid }: SsoSignIn,
): Promise<void> {
  await inTransaction({ ...req.ctx, actor: { ...req.ctx.actor, userId: user.id, label: user.email } }, async (tx, audit) => {
    await tx.update(users).set({ lastActiveAt: new Date() }).where(eq(users.id, user.id));
    await recordSsoGroups(tx, audit, provider.id, user.id, groups);
    await audit({
      action: 'auth.sign-in',
      targetType: 'user',
      targetId: user.id,
      after: { via, provider: provider.id, subject, ...(mfa ? { mfa: 'idp' } : {}) },
    });
  });
  const { secret, maxAgeSeconds } = await createSession(
    req.ctx.db,
    user.id,
    req.ip,
    req.headers['user-agent'] ?? null,
    mfa ? 'idp' : null,
    via === 'oidc'
      ? { providerId: provider.id, idTokenSealed: idToken ? sealIdToken(user.id, idToken) : null, subject, sid: sid ?? null }
      : null,
  );
  setSessionCookie(config, req, reply, secret, maxAgeSeconds);
}

/** A refused sign-in: audited with the reason; the sign-in page to send the browser back to, which says why. */
export async function refuseSsoSignIn(req: FastifyRequest, via: 'oidc' | 'saml', err: SsoFailure): Promise<string> {
  req.log.warn({ reason: err.reason, via }, 'single sign-on refused');
  await appendAudit(req.ctx.db, req.ctx.actor, {
    action: 'auth.sign-in-failed',
    targetType: 'user',
    targetId: null,
    after: { via, reason: err.code, detail: err.reason.slice(0, 500) },
  });
  return `/sign-in?sso_error=${encodeURIComponent(err.code)}`;
}
