import { generateKeyPairSync, sign } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/tables';
import { as, createTestApp, createUser, json, TEST_PASSWORD, testConfig, type TestApp, type TestUser } from '../../test/app';
import { startTestIdp, type TestIdp } from '../../test/oidc-idp';
import { BACKCHANNEL_EVENT } from './backchannel';
import { postLogoutRedirectUriOf, redirectUriOf } from './oidc';
import { oidcLogoutTokens } from './tables';

/**
 * OpenID Connect Back-Channel Logout 1.0 against the real test provider (`oidc-provider`): its own logout posts a
 * signed logout token to Mamori, listening on a port, which ends exactly the sessions of that sign-in. Tokens that
 * must be refused are signed with the provider's own key (so that only the claim under test is wrong), or with another.
 */
let t: TestApp;
let idp: TestIdp;
let admin: TestUser;
let bob: TestUser;
let carol: TestUser;
let providerId: string;
let base: string;
const publicUrl = testConfig().publicUrl;
const accounts: Record<string, Record<string, unknown>> = {
  'sub-bob': { email: '', email_verified: true, name: 'Bob' },
  'sub-carol': { email: '', email_verified: true, name: 'Carol' },
};

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  admin = await createUser(t.database, [{ role: 'system_admin' }]);
  bob = await createUser(t.database, [{ role: 'employee' }]);
  carol = await createUser(t.database, [{ role: 'employee' }]);
  accounts['sub-bob']!.email = bob.email;
  accounts['sub-carol']!.email = carol.email;
  idp = await startTestIdp(redirectUriOf(publicUrl), accounts, {
    // the provider is declared at Mamori first (its id is in the back-channel URI), then registered at the provider
    client: async (issuer) => {
      const res = await as(t.app, admin).post('/api/identity-providers', {
        nameJa: '社内 ID',
        nameEn: 'Group ID',
        issuer,
        clientId: 'mamori-test',
        clientSecret: 'test-client-secret-0123456789abcdef',
      });
      expect(res.statusCode, res.body).toBe(201);
      const created = json<{ id: string; backchannelLogoutUri: string; postLogoutRedirectUri: string }>(res);
      providerId = created.id;
      expect(created.backchannelLogoutUri).toBe(`${publicUrl}/api/auth/oidc/${providerId}/backchannel-logout`);
      expect(created.postLogoutRedirectUri).toBe(postLogoutRedirectUriOf(publicUrl));
      return {
        // Mamori listens on a port of its own in this test; the path is the one the settings show
        backchannel_logout_uri: `${base}/api/auth/oidc/${providerId}/backchannel-logout`,
        backchannel_logout_session_required: true,
        post_logout_redirect_uris: [created.postLogoutRedirectUri],
      };
    },
  });
});
afterAll(async () => {
  await idp?.close();
  await t.close();
});

const cookieOf = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name)?.value;

/** A sign-in through the provider in `browser` (its own cookies there): Mamori's session cookie. */
async function signInWith(login: string, browser: string): Promise<string> {
  const start = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/start?provider=${providerId}` });
  const back = await idp.signIn(String(start.headers.location), login, browser);
  const callback = await t.app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    cookies: { mamori_oidc: cookieOf(start, 'mamori_oidc')! },
  });
  expect(callback.headers.location).toBe('/');
  return cookieOf(callback, 'mamori_session')!;
}

const alive = async (session: string) =>
  (await t.app.inject({ method: 'GET', url: '/api/me', cookies: { mamori_session: session } })).statusCode === 200;

const post = (token: string | undefined, id = providerId) =>
  t.app.inject({
    method: 'POST',
    url: `/api/auth/oidc/${id}/backchannel-logout`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: token === undefined ? '' : new URLSearchParams({ logout_token: token }).toString(),
  });

const auditOf = async (action: string) =>
  t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, providerId)));

let jtiSeq = 0;
/** A logout token's claims as the spec wants them, for bob's sessions; a test changes one thing. */
const claims = (over: Record<string, unknown> = {}) => ({
  iss: idp.issuer,
  aud: 'mamori-test',
  iat: Math.floor(Date.now() / 1000),
  exp: Math.floor(Date.now() / 1000) + 120,
  jti: `jti-${++jtiSeq}-${Date.now()}`,
  sub: 'sub-bob',
  events: { [BACKCHANNEL_EVENT]: {} },
  ...over,
});

describe('OIDC back-channel logout', () => {
  it('the provider’s logout ends exactly the sessions of that sign-in, and Mamori answers 200', async () => {
    const bobA = await signInWith('sub-bob', 'bob-laptop');
    const bobB = await signInWith('sub-bob', 'bob-phone');
    const carolS = await signInWith('sub-carol', 'carol');
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: bob.email, password: TEST_PASSWORD },
    });
    const bobPassword = cookieOf(signIn, 'mamori_session')!;

    // the person signs out at the provider, in the phone's browser (no Mamori request from the browser at all)
    const discovered = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as {
      end_session_endpoint: string;
    };
    const landed = await idp.signOut(`${discovered.end_session_endpoint}?client_id=mamori-test`, 'bob-phone');
    expect(landed.href).toContain('/session/end/success');

    expect(await alive(bobB)).toBe(false); // that sign-in's session (its sid) is over
    expect(await alive(bobA)).toBe(true); // the laptop's is another session at the provider
    expect(await alive(carolS)).toBe(true);
    expect(await alive(bobPassword)).toBe(true);
    const [event] = await auditOf('auth.backchannel-logout');
    expect(event?.after).toMatchObject({ sub: 'sub-bob', sessions: 1, users: [bob.id] });
    expect((event?.after as { sid?: string }).sid).toBeTruthy();
  });

  it('a token naming only the subject ends all of that person’s sessions from this provider, once', async () => {
    const bobA = await signInWith('sub-bob', 'bob-tablet');
    const carolS = await signInWith('sub-carol', 'carol-2');
    const token = idp.signJwt(claims());
    const res = await post(token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(await alive(bobA)).toBe(false);
    expect(await alive(carolS)).toBe(true);

    // the same token again: a replay, refused (400, the spec's JSON error), audited
    const bobAgain = await signInWith('sub-bob', 'bob-tablet');
    const replay = await post(token);
    expect(replay.statusCode).toBe(400);
    expect(json(replay)).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('jti') });
    expect(await alive(bobAgain)).toBe(true);
    const jti = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { jti: string };
    expect(await t.database.db.select().from(oidcLogoutTokens).where(eq(oidcLogoutTokens.jti, jti.jti))).toHaveLength(1);
  });

  describe('refuses, with 400 and nothing ended', () => {
    let bobS: string;
    beforeAll(async () => {
      bobS = await signInWith('sub-bob', 'bob-desk');
    });

    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = (payload: object, header: object) => {
      const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const input = `${part(header)}.${part(payload)}`;
      return `${input}.${sign('sha256', Buffer.from(input), otherKey).toString('base64url')}`;
    };
    const cases: [string, () => string, string][] = [
      [
        'a token signed with another key',
        () => forged(claims(), { alg: 'RS256', kid: 'test-idp-key-1', typ: 'logout+jwt' }),
        'signature',
      ],
      ['a signature cut off', () => `${idp.signJwt(claims()).split('.').slice(0, 2).join('.')}.AAAA`, 'signature'],
      [
        'alg none',
        () =>
          `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.x`,
        'algorithm',
      ],
      ['another audience', () => idp.signJwt(claims({ aud: 'someone-else' })), 'aud'],
      ['another issuer', () => idp.signJwt(claims({ iss: 'https://idp.example.test' })), 'iss'],
      ['no events claim', () => idp.signJwt(claims({ events: undefined })), 'event'],
      ['another event', () => idp.signJwt(claims({ events: { 'http://schemas.openid.net/event/other': {} } })), 'event'],
      ['a nonce', () => idp.signJwt(claims({ nonce: 'n-0S6_WzA2Mj' })), 'nonce'],
      ['neither sub nor sid', () => idp.signJwt(claims({ sub: undefined })), 'sub nor sid'],
      ['no jti', () => idp.signJwt(claims({ jti: undefined })), 'jti'],
      ['an old iat', () => idp.signJwt(claims({ iat: Math.floor(Date.now() / 1000) - 3600, exp: undefined })), 'iat'],
      ['an iat in the future', () => idp.signJwt(claims({ iat: Math.floor(Date.now() / 1000) + 3600 })), 'iat'],
      ['an expired token', () => idp.signJwt(claims({ exp: Math.floor(Date.now() / 1000) - 600 })), 'exp'],
      ['an ID token type', () => idp.signJwt(claims(), { typ: 'at+jwt' }), 'typ'],
      ['not a JWT', () => 'not-a-token', 'JWS'],
    ];
    for (const [what, token, reason] of cases)
      it(what, async () => {
        const before = (await auditOf('auth.backchannel-logout-refused')).length;
        const res = await post(token());
        expect(res.statusCode, res.body).toBe(400);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(json<{ error: string; error_description: string }>(res).error_description).toContain(reason);
        expect(await alive(bobS)).toBe(true);
        expect(await auditOf('auth.backchannel-logout-refused')).toHaveLength(before + 1);
      });

    it('a token for an unknown provider, or no token at all (a problem naming the field), or a body too large', async () => {
      const unknown = await post(idp.signJwt(claims()), '00000000-0000-4000-8000-000000000000');
      expect(unknown.statusCode).toBe(400);
      const none = await post(undefined);
      expect(none.statusCode).toBe(400);
      expect(JSON.stringify(json(none))).toContain('logout_token');
      const huge = await post('x'.repeat(40_000));
      expect(huge.statusCode).toBe(413);
      expect(await alive(bobS)).toBe(true);
    });
  });
});
