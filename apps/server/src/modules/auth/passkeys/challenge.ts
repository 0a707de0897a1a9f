import { lt } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import { secureCookie } from '../../../platform/auth/sessions';
import { webauthnChallenges } from '../../../platform/auth/tables';
import { AppError, msg } from '../../../platform/errors/app-error';
import { processKeyring } from '../../../platform/secrets/keyring';
import { seal, unseal } from '../../../platform/secrets/seal';

/**
 * A WebAuthn ceremony in progress, from its options to its answer. The challenge is not kept in a table: it travels
 * in this cookie, sealed (AES-256-GCM, `webauthn` purpose key), so any process can take the answer, and only the
 * browser that asked for the options can answer them (no login CSRF with an attacker's own passkey). A registration
 * is bound to the session that asked for it. Used challenges go to `webauthn_challenges`: each is used once.
 */
export const CEREMONY_COOKIE = 'mamori_webauthn';
const COOKIE_PATH = '/api';
const PLACE = 'cookie.mamori_webauthn';
export const CEREMONY_TTL_SECONDS = 5 * 60;

export interface Ceremony {
  /** the challenge (base64url) */
  c: string;
  k: 'register' | 'sign-in';
  /** registration: the account and the session that asked */
  u?: string;
  s?: string;
  /** expiry, ms since epoch */
  exp: number;
}

export function setCeremony(config: Config, req: FastifyRequest, reply: FastifyReply, ceremony: Omit<Ceremony, 'exp'>) {
  const value: Ceremony = { ...ceremony, exp: Date.now() + CEREMONY_TTL_SECONDS * 1000 };
  reply.setCookie(CEREMONY_COOKIE, seal(processKeyring(), 'webauthn', JSON.stringify(value), PLACE), {
    httpOnly: true,
    sameSite: 'strict',
    secure: secureCookie(config, req),
    path: COOKIE_PATH,
    maxAge: CEREMONY_TTL_SECONDS,
  });
}

const expired = () => new AppError('unauthenticated', msg('auth.passkey_expired'));

/**
 * Opens this browser's ceremony of the given kind and marks its challenge used (in every process, on the primary
 * key of `webauthn_challenges`); the cookie is cleared. Throws when there is none, it is of another kind, it
 * expired, or its challenge was already answered.
 */
export async function takeCeremony(db: Db, req: FastifyRequest, reply: FastifyReply, kind: Ceremony['k']): Promise<Ceremony> {
  const cookie = req.cookies[CEREMONY_COOKIE];
  reply.clearCookie(CEREMONY_COOKIE, { path: COOKIE_PATH });
  if (!cookie) throw expired();
  let ceremony: Ceremony;
  try {
    ceremony = JSON.parse(unseal(processKeyring(), 'webauthn', cookie, PLACE)) as Ceremony;
  } catch {
    throw expired();
  }
  if (ceremony.k !== kind || ceremony.exp < Date.now()) throw expired();
  await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, new Date()));
  const [fresh] = await db
    .insert(webauthnChallenges)
    .values({ challenge: ceremony.c, expiresAt: new Date(ceremony.exp) })
    .onConflictDoNothing()
    .returning({ challenge: webauthnChallenges.challenge });
  if (!fresh) throw expired();
  return ceremony;
}
