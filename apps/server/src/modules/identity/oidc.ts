import * as oidc from 'openid-client';
import type { Db } from '../../db/client';
import { notFound } from '../../platform/errors/app-error';
import { processKeyring } from '../../platform/secrets/keyring';
import { seal, unseal } from '../../platform/secrets/seal';
import type { Ctx } from '../../platform/tx';
import { SsoFailure } from './failure';
import { unsealIdToken } from './id-token';
import { accountOf, text, type UserRow } from './link';
import { providerHasRules } from './scim/role-rules';
import { groupsOf } from './sign-in';
import { clientSecretOf, providerById, type ProviderRow } from './providers';

export { SsoFailure };

/** The cookie that carries a sign-in in progress (state, nonce, PKCE verifier), sealed, from start to callback. */
export const FLOW_COOKIE = 'mamori_oidc';
export const FLOW_COOKIE_PATH = '/api/auth/oidc';
export const FLOW_TTL_SECONDS = 10 * 60;
const FLOW_PLACE = 'cookie.mamori_oidc';
const SCOPE = 'openid email profile';

interface Flow {
  /** provider id */
  p: string;
  s: string;
  n: string;
  v: string;
  /** expiry, ms since epoch */
  exp: number;
}

export const redirectUriOf = (publicUrl: string) => `${publicUrl.replace(/\/$/, '')}${FLOW_COOKIE_PATH}/callback`;
/** Where the provider sends the browser after its logout (RP-initiated logout): Mamori's sign-in page. */
export const postLogoutRedirectUriOf = (publicUrl: string) => `${publicUrl.replace(/\/$/, '')}/sign-in`;
/** Where the provider posts its logout tokens (Back-Channel Logout 1.0), one per provider. */
export const backchannelLogoutUriOf = (publicUrl: string, providerId: string) =>
  `${publicUrl.replace(/\/$/, '')}${FLOW_COOKIE_PATH}/${providerId}/backchannel-logout`;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Plain http is allowed for a provider on this machine only (a local test or development provider). */
export const issuerAllowed = (issuer: string) => {
  const url = new URL(issuer);
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
};

/**
 * Whether an e-mail from this provider may link an account: with no verified domains, only when `email_verified`
 * is true; with domains, only an e-mail in one of them, and `email_verified` must not be false (Entra ID omits it).
 */
export function emailLinks(row: Pick<ProviderRow, 'emailDomains'>, email: string | null, verified: unknown): boolean {
  if (row.emailDomains.length === 0) return verified === true;
  const domain = email?.toLowerCase().split('@')[1];
  return verified !== false && domain !== undefined && row.emailDomains.includes(domain);
}

/**
 * Whether the provider says, in the signed ID token, that it did multi-factor authentication: one of its `amr`
 * values or its `acr` is among those the administrator counts for this provider. Then a role that requires MFA
 * does not ask this session for Mamori's own second factor.
 */
export function providerDidMfa(row: Pick<ProviderRow, 'mfaAmr' | 'mfaAcr'>, amr: unknown, acr: unknown): boolean {
  const amrs = Array.isArray(amr) ? amr.filter((v): v is string => typeof v === 'string') : [];
  return amrs.some((v) => row.mfaAmr.includes(v)) || (typeof acr === 'string' && row.mfaAcr.includes(acr));
}

/** Discovered provider metadata and client settings, per provider version (a change of the row discovers again). */
const configurations = new Map<string, Promise<oidc.Configuration>>();
export function configurationOf(row: ProviderRow): Promise<oidc.Configuration> {
  const key = `${row.id}|${row.updatedAt.getTime()}`;
  let found = configurations.get(key);
  if (!found) {
    const issuer = new URL(row.issuer);
    const secret = clientSecretOf(row);
    found = oidc.discovery(issuer, row.clientId, undefined, secret ? oidc.ClientSecretBasic(secret) : oidc.None(), {
      timeout: 10,
      ...(issuer.protocol === 'http:' && issuerAllowed(row.issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
    // a provider that cannot be reached is asked again after a pause, not on every sign-in
    found.catch(() => setTimeout(() => configurations.delete(key), 30_000).unref());
    if (configurations.size > 100) configurations.clear();
    configurations.set(key, found);
  }
  return found;
}

/** The provider's authorization URL for a new sign-in and the sealed cookie that remembers its checks. */
export async function startSignIn(db: Db, publicUrl: string, providerId: string): Promise<{ url: URL; cookie: string }> {
  const row = await providerById(db, providerId);
  if (!row || !row.enabled || row.kind !== 'oidc') throw notFound();
  let configuration: oidc.Configuration;
  try {
    configuration = await configurationOf(row);
  } catch (err) {
    throw new SsoFailure('failed', `discovery of ${row.issuer} failed: ${(err as Error).message}`);
  }
  const flow: Flow = {
    p: row.id,
    s: oidc.randomState(),
    n: oidc.randomNonce(),
    v: oidc.randomPKCECodeVerifier(),
    exp: Date.now() + FLOW_TTL_SECONDS * 1000,
  };
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUriOf(publicUrl),
    scope: SCOPE,
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.v),
    code_challenge_method: 'S256',
    state: flow.s,
    nonce: flow.n,
    // a provider that counts MFA is asked for amr/acr in the ID token (the claims parameter, where it is supported)
    ...((row.mfaAmr.length || row.mfaAcr.length) && configuration.serverMetadata().claims_parameter_supported
      ? { claims: JSON.stringify({ id_token: { amr: null, acr: null } }) }
      : {}),
  });
  return { url, cookie: seal(processKeyring(), 'sso', JSON.stringify(flow), FLOW_PLACE) };
}

function openFlow(cookie: string | undefined): Flow {
  if (!cookie) throw new SsoFailure('expired', 'no sign-in in progress (no flow cookie)');
  let flow: Flow;
  try {
    flow = JSON.parse(unseal(processKeyring(), 'sso', cookie, FLOW_PLACE)) as Flow;
  } catch {
    throw new SsoFailure('expired', 'the flow cookie does not open');
  }
  if (flow.exp < Date.now()) throw new SsoFailure('expired', 'the sign-in took too long');
  return flow;
}

/**
 * Completes a sign-in at the callback: the code is exchanged (PKCE verifier, state and nonce checked by
 * openid-client, ID token signature, issuer and audience too), then the identity is found, or linked to an
 * existing account (docs/identity.md). Throws SsoFailure for anything that does not end in a session.
 */
export async function finishSignIn(
  ctx: Ctx,
  publicUrl: string,
  cookie: string | undefined,
  query: Record<string, string>,
): Promise<{
  user: UserRow;
  provider: ProviderRow;
  subject: string;
  groups: string[];
  mfa: boolean;
  idToken?: string;
  sid?: string;
}> {
  const flow = openFlow(cookie);
  const row = await providerById(ctx.db, flow.p);
  if (!row || !row.enabled || row.kind !== 'oidc') throw new SsoFailure('failed', 'the provider is gone or disabled');
  let configuration: oidc.Configuration;
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    configuration = await configurationOf(row);
    const current = new URL(redirectUriOf(publicUrl));
    current.search = new URLSearchParams(query).toString();
    tokens = await oidc.authorizationCodeGrant(configuration, current, {
      pkceCodeVerifier: flow.v,
      expectedState: flow.s,
      expectedNonce: flow.n,
      idTokenExpected: true,
    });
  } catch (err) {
    throw new SsoFailure('failed', `the provider's answer was refused: ${(err as Error).message}`);
  }
  const idClaims = tokens.claims()!;
  const subject = idClaims.sub;
  const user = await accountOf(ctx, row, subject, async () => {
    let claims: Record<string, unknown> = { ...idClaims };
    if (claims[row.claim] === undefined && tokens.access_token)
      claims = { ...(await oidc.fetchUserInfo(configuration, tokens.access_token, subject)), ...idClaims };
    const emailVerified = emailLinks(row, text(claims.email), claims.email_verified);
    return {
      value: text(claims[row.claim]),
      attribute: row.claim,
      emailVerified,
      verifiedEmail: emailVerified ? text(claims.email) : null,
      name: text(claims.name),
    };
  });
  // groups: from the ID token, else (for a provider with group rules) from the userinfo endpoint, subject checked
  let groups = idClaims[row.groupsClaim];
  if (groups === undefined && tokens.access_token && (await providerHasRules(ctx.db, row.id))) {
    try {
      groups = (await oidc.fetchUserInfo(configuration, tokens.access_token, subject))[row.groupsClaim];
    } catch (err) {
      throw new SsoFailure('failed', `the userinfo endpoint failed: ${(err as Error).message}`);
    }
  }
  return {
    user,
    provider: row,
    subject,
    groups: groupsOf(groups),
    mfa: providerDidMfa(row, idClaims.amr, idClaims.acr),
    ...(tokens.id_token ? { idToken: tokens.id_token } : {}),
    ...(typeof idClaims.sid === 'string' ? { sid: idClaims.sid } : {}),
  };
}

/**
 * OpenID Connect RP-initiated logout: when the session was opened through a provider that announces an
 * `end_session_endpoint`, the URL to send the browser to at sign-out, so that the provider's session ends too
 * (`id_token_hint` = the session's ID token, `client_id`), and then back to Mamori's sign-in page
 * (`post_logout_redirect_uri`, which the administrator registers at the provider, with a fresh `state` that the
 * provider sends back and the sign-in page compares with the one the web app kept). Null when there is nothing to
 * end, or the provider cannot be reached: signing out of Mamori never waits on the provider.
 */
export async function endSessionUrl(
  db: Db,
  publicUrl: string,
  session: { userId: string; ssoProviderId: string | null; ssoIdTokenSealed: string | null },
): Promise<string | null> {
  if (!session.ssoProviderId) return null;
  const row = await providerById(db, session.ssoProviderId);
  if (!row || row.kind !== 'oidc') return null;
  let configuration: oidc.Configuration;
  try {
    configuration = await configurationOf(row);
  } catch {
    return null;
  }
  if (!configuration.serverMetadata().end_session_endpoint) return null;
  let idToken: string | undefined;
  try {
    if (session.ssoIdTokenSealed) idToken = unsealIdToken(session.userId, session.ssoIdTokenSealed);
  } catch {
    idToken = undefined; // sealed under a key this process no longer has: the provider asks its own question
  }
  return oidc.buildEndSessionUrl(configuration, {
    client_id: row.clientId,
    ...(idToken ? { id_token_hint: idToken } : {}),
    post_logout_redirect_uri: postLogoutRedirectUriOf(publicUrl),
    state: oidc.randomState(),
  }).href;
}
