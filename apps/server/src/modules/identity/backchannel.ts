import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sessions } from '../../platform/auth/tables';
import { inTransaction, type Ctx } from '../../platform/tx';
import { verifyJws, JwsError, SIGNING_ALGS, type Jwk } from './jws';
import { configurationOf, issuerAllowed } from './oidc';
import { providerById, type ProviderRow } from './providers';
import { oidcLogoutTokens } from './tables';

/**
 * OpenID Connect Back-Channel Logout 1.0, the relying party's side (docs/identity.md): the provider posts a signed
 * logout token when a person's session there ends, and Mamori ends the sessions that sign-in opened. The token is
 * checked as the spec's §2.6 asks: signature against the provider's JWKS (as the ID token), `iss`, `aud`, `iat`
 * (at most LOGOUT_TOKEN_MAX_AGE_S old), `exp` when present, the back-channel logout event, no `nonce`, a `sub` or a
 * `sid`, and a `jti` never accepted before from this provider (kept in PostgreSQL, so every process refuses a replay).
 */
export const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
export const LOGOUT_TOKEN_MAX_AGE_S = 10 * 60;
const SKEW_S = 60;
const MAX_JWKS_BYTES = 256 * 1024;
/** a key set is fetched again when a token names a key it lacks, at most this often per provider */
const REFETCH_AFTER_MS = 30_000;

/** A logout token that is refused: the answer is 400, the reason audited. */
export class LogoutTokenError extends Error {}

const keySets = new Map<string, { keys: Promise<Jwk[]>; at: number }>();

async function fetchJwks(uri: string): Promise<Jwk[]> {
  if (!issuerAllowed(uri)) throw new LogoutTokenError(`the provider's jwks_uri ${uri} is not https`);
  const res = await fetch(uri, {
    redirect: 'error',
    signal: AbortSignal.timeout(10_000),
    headers: { accept: 'application/json' },
  });
  if (!res.ok) throw new LogoutTokenError(`the provider's JWKS answered ${res.status}`);
  const body = await res.text();
  if (body.length > MAX_JWKS_BYTES) throw new LogoutTokenError("the provider's JWKS is too large");
  const keys = (JSON.parse(body) as { keys?: unknown }).keys;
  if (!Array.isArray(keys)) throw new LogoutTokenError("the provider's JWKS has no keys");
  return keys.filter((k): k is Jwk => !!k && typeof k === 'object');
}

/** The provider's signing keys, cached per provider version; `fresh` fetches them again (a rotated key). */
function providerKeys(row: ProviderRow, uri: string, fresh: boolean): Promise<Jwk[]> {
  const key = `${row.id}|${row.updatedAt.getTime()}`;
  const cached = keySets.get(key);
  if (cached && !(fresh && Date.now() - cached.at > REFETCH_AFTER_MS)) return cached.keys;
  const keys = fetchJwks(uri);
  keys.catch(() => keySets.delete(key));
  if (keySets.size > 100) keySets.clear();
  keySets.set(key, { keys, at: Date.now() });
  return keys;
}

const nonEmpty = (v: unknown, max = 500): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** The claims a logout token must carry (§2.4), checked once its signature holds. */
function checkClaims(row: ProviderRow, issuer: string, claims: Record<string, unknown>, nowS: number) {
  if (claims.iss !== issuer) throw new LogoutTokenError('iss is not the provider');
  const aud = claims.aud;
  if (!(aud === row.clientId || (Array.isArray(aud) && aud.includes(row.clientId))))
    throw new LogoutTokenError('aud is not this client');
  const iat = claims.iat;
  if (typeof iat !== 'number') throw new LogoutTokenError('no iat');
  if (iat > nowS + SKEW_S) throw new LogoutTokenError('iat is in the future');
  if (iat < nowS - LOGOUT_TOKEN_MAX_AGE_S - SKEW_S) throw new LogoutTokenError('the token is too old (iat)');
  if (claims.exp !== undefined && (typeof claims.exp !== 'number' || claims.exp < nowS - SKEW_S))
    throw new LogoutTokenError('the token has expired (exp)');
  if (!nonEmpty(claims.jti, 255)) throw new LogoutTokenError('no jti');
  const events = claims.events;
  const event =
    events && typeof events === 'object' && !Array.isArray(events)
      ? (events as Record<string, unknown>)[BACKCHANNEL_EVENT]
      : undefined;
  if (!event || typeof event !== 'object' || Array.isArray(event)) throw new LogoutTokenError('no back-channel logout event');
  if (claims.nonce !== undefined) throw new LogoutTokenError('a logout token must not carry a nonce');
  const sub = claims.sub === undefined ? undefined : claims.sub;
  const sid = claims.sid === undefined ? undefined : claims.sid;
  if (sub !== undefined && !nonEmpty(sub)) throw new LogoutTokenError('sub is not a string');
  if (sid !== undefined && !nonEmpty(sid)) throw new LogoutTokenError('sid is not a string');
  if (sub === undefined && sid === undefined) throw new LogoutTokenError('neither sub nor sid');
  return { jti: claims.jti, sub, sid, iat };
}

export interface LoggedOut {
  provider: ProviderRow;
  sub?: string;
  sid?: string;
  /** the accounts whose sessions ended, and how many sessions */
  users: string[];
  ended: number;
}

/** Validates the provider's logout token and ends the matching sessions (see above); throws LogoutTokenError. */
export async function backchannelLogout(ctx: Ctx, providerId: string, token: string): Promise<LoggedOut> {
  const row = await providerById(ctx.db, providerId);
  if (!row || row.kind !== 'oidc') throw new LogoutTokenError('no such OpenID Connect provider');
  let metadata;
  try {
    metadata = (await configurationOf(row)).serverMetadata();
  } catch (err) {
    throw new LogoutTokenError(`discovery of ${row.issuer} failed: ${(err as Error).message}`);
  }
  if (!metadata.jwks_uri) throw new LogoutTokenError('the provider announces no jwks_uri');
  const supported = metadata.id_token_signing_alg_values_supported ?? ['RS256'];
  const allowed = SIGNING_ALGS.filter((a) => supported.includes(a));
  let decoded;
  try {
    decoded = verifyJws(token, await providerKeys(row, metadata.jwks_uri, false), allowed);
    if (decoded.noKeyFits) decoded = verifyJws(token, await providerKeys(row, metadata.jwks_uri, true), allowed);
    if (decoded.noKeyFits) throw new JwsError("no key of the provider's JWKS fits the token");
  } catch (err) {
    if (err instanceof JwsError) throw new LogoutTokenError(err.message);
    throw err;
  }
  const typ = decoded.header.typ;
  if (typ !== undefined && !['logout+jwt', 'application/logout+jwt', 'jwt'].includes(String(typ).toLowerCase()))
    throw new LogoutTokenError(`typ ${String(typ)} is not a logout token`);
  const { jti, sub, sid, iat } = checkClaims(row, metadata.issuer, decoded.payload, Math.floor(Date.now() / 1000));

  return inTransaction(ctx, async (tx, audit) => {
    const [fresh] = await tx
      .insert(oidcLogoutTokens)
      .values({ providerId: row.id, jti, expiresAt: new Date((iat + LOGOUT_TOKEN_MAX_AGE_S + 2 * SKEW_S) * 1000) })
      .onConflictDoNothing()
      .returning({ jti: oidcLogoutTokens.jti });
    if (!fresh) throw new LogoutTokenError('jti already used (a replay)');
    const ended = await tx
      .delete(sessions)
      .where(
        and(
          eq(sessions.ssoProviderId, row.id),
          sid !== undefined ? eq(sessions.ssoSid, sid) : undefined,
          sub !== undefined ? eq(sessions.ssoSubject, sub) : undefined,
        ),
      )
      .returning({ userId: sessions.userId });
    const users = [...new Set(ended.map((e) => e.userId))].sort();
    await audit({
      action: 'auth.backchannel-logout',
      targetType: 'identity_provider',
      targetId: row.id,
      after: { ...(sub !== undefined ? { sub } : {}), ...(sid !== undefined ? { sid } : {}), sessions: ended.length, users },
    });
    return {
      provider: row,
      ...(sub !== undefined ? { sub } : {}),
      ...(sid !== undefined ? { sid } : {}),
      users,
      ended: ended.length,
    };
  });
}

/** Deletes the jtis that the age check refuses anyway (the `oidc.purge` job). */
export async function purgeLogoutTokens(db: Db): Promise<void> {
  await db.delete(oidcLogoutTokens).where(lt(oidcLogoutTokens.expiresAt, sql`now()`));
}
