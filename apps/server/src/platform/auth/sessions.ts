import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { grantsColumn, hasPasskeyColumn, personUnitColumn, type UserWithGrants } from './principal-loader';
import { signInRulesFor, signInRulesOfAccount } from './sign-in-rules';
import { newSecret, sha256 } from './secrets';
import { sessions, users } from './tables';

export const SESSION_COOKIE = 'mamori_session';

/** Whether a cookie set in answer to this request is `Secure`: MAMORI_SECURE_COOKIES, or `auto` (over https). */
export const secureCookie = (config: Pick<Config, 'secureCookies'>, request: FastifyRequest) =>
  config.secureCookies === 'auto' ? request.protocol === 'https' : config.secureCookies;

export function setSessionCookie(config: Config, request: FastifyRequest, reply: FastifyReply, secret: string, maxAge: number) {
  reply.setCookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookie(config, request),
    path: '/',
    maxAge,
  });
}

export type SessionMfa = (typeof sessions.$inferSelect)['mfa'];

/**
 * A new session; `mfa` is the second factor the sign-in proved (null: none); `sso`: opened through an OpenID
 * Connect provider, with its ID token already sealed (for the provider's logout) and the `sub` and `sid` a
 * back-channel logout names. It lasts at most the session length
 * of the person's company (the group's, or the company's own when shorter).
 */
export async function createSession(
  db: Db,
  userId: string,
  ip: string | null,
  userAgent: string | null,
  mfa: SessionMfa = null,
  sso: { providerId: string; idTokenSealed: string | null; subject?: string; sid?: string | null } | null = null,
) {
  const secret = newSecret();
  const s = await signInRulesOfAccount(db, userId);
  const now = new Date();
  await db.insert(sessions).values({
    id: sha256(secret),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + s.sessionMaxHours * 3600_000),
    ip,
    userAgent: userAgent?.slice(0, 300) ?? null,
    mfa,
    ssoProviderId: sso?.providerId ?? null,
    ssoIdTokenSealed: sso?.idTokenSealed ?? null,
    ssoSubject: sso?.subject ?? null,
    ssoSid: sso?.sid ?? null,
  });
  return { secret, maxAgeSeconds: s.sessionMaxHours * 3600 };
}

const TOUCH_EVERY_MS = 60_000;

/** The lookup behind every cookie-authenticated request, prepared once per database (and per pool connection). */
const sessionLookup = (db: Db) =>
  db
    .select({
      session: sessions,
      user: users,
      grants: grantsColumn(users.id),
      hasPasskey: hasPasskeyColumn(users.id),
      unitId: personUnitColumn(users.personId),
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('mamori_session');
const prepared = new WeakMap<Db, ReturnType<typeof sessionLookup>>();

/** The session's user if the session is live (not past its absolute expiry nor idle too long); refreshes lastSeen. */
export async function resolveSession(db: Db, secret: string): Promise<({ sessionId: string } & UserWithGrants) | null> {
  const id = sha256(secret);
  let lookup = prepared.get(db);
  if (!lookup) prepared.set(db, (lookup = sessionLookup(db)));
  const [joined] = await lookup.execute({ id });
  if (!joined) return null;
  const row = joined.session;
  const now = Date.now();
  // The idle and absolute limits of the person's company as they are now: a company that shortens them ends
  // the sessions already open past the new limits too.
  const s = await signInRulesFor(db, joined.unitId);
  if (
    row.expiresAt.getTime() <= now ||
    row.createdAt.getTime() + s.sessionMaxHours * 3600_000 <= now ||
    row.lastSeenAt.getTime() + s.sessionIdleMinutes * 60_000 <= now
  ) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    const at = new Date(now);
    await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
    await db.update(users).set({ lastActiveAt: at }).where(eq(users.id, row.userId));
  }
  return {
    sessionId: id,
    user: joined.user,
    grants: joined.grants,
    hasPasskey: joined.hasPasskey,
    sessionMfa: row.mfa,
    unitId: joined.unitId,
  };
}

export const deleteSession = (db: Db, sessionId: string) => db.delete(sessions).where(eq(sessions.id, sessionId));
export const deleteUserSessions = (db: Db, userId: string) => db.delete(sessions).where(eq(sessions.userId, userId));

export async function purgeExpiredSessions(db: Db, idleMinutes: number): Promise<void> {
  const now = new Date();
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - idleMinutes * 60_000))));
}

export const sessionsOf = (db: Db, userId: string) =>
  db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId)));
