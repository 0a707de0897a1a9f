import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../platform/auth/tables';
import { sha256 } from '../../platform/auth/secrets';
import { as, createTestApp, createUser, json, TEST_PASSWORD, testConfig, type TestApp, type TestUser } from '../../test/app';
import { startTestIdp, type TestIdp } from '../../test/oidc-idp';
import { postLogoutRedirectUriOf, redirectUriOf } from './oidc';

/**
 * OpenID Connect RP-initiated logout: signing out of a session that came from a provider announcing an
 * `end_session_endpoint` answers the URL of the provider's logout, with the session's ID token as `id_token_hint`,
 * against the real test provider (`oidc-provider`, which enables RP-initiated logout by default).
 */
let t: TestApp;
let idp: TestIdp;
let admin: TestUser;
let bob: TestUser;
const publicUrl = testConfig().publicUrl;
const accounts: Record<string, Record<string, unknown>> = { 'sub-bob': { email: '', email_verified: true, name: 'Bob' } };

beforeAll(async () => {
  t = await createTestApp();
  // the administrator registered Mamori's sign-in page as the post-logout redirect URI (Settings shows it)
  idp = await startTestIdp(redirectUriOf(publicUrl), accounts, {
    client: () => ({ post_logout_redirect_uris: [postLogoutRedirectUriOf(publicUrl)] }),
  });
  admin = await createUser(t.database, [{ role: 'system_admin' }]);
  bob = await createUser(t.database, [{ role: 'employee' }]);
  accounts['sub-bob']!.email = bob.email;
});
afterAll(async () => {
  await idp?.close();
  await t.close();
});

const cookieOf = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name)?.value;

async function signInWith(providerId: string, login: string): Promise<string> {
  const start = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/start?provider=${providerId}` });
  const back = await idp.signIn(String(start.headers.location), login);
  const callback = await t.app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    cookies: { mamori_oidc: cookieOf(start, 'mamori_oidc')! },
  });
  expect(callback.headers.location).toBe('/');
  return cookieOf(callback, 'mamori_session')!;
}

async function signOut(session: string) {
  const me = await t.app.inject({ method: 'GET', url: '/api/me', cookies: { mamori_session: session } });
  const { csrfToken } = json<{ csrfToken: string }>(me);
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-out',
    cookies: { mamori_session: session },
    headers: { 'x-csrf-token': csrfToken },
  });
}

describe('OIDC RP-initiated logout', () => {
  let providerId: string;
  beforeAll(async () => {
    const res = await as(t.app, admin).post('/api/identity-providers', {
      nameJa: '社内 ID',
      nameEn: 'Group ID',
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
    });
    expect(res.statusCode, res.body).toBe(201);
    providerId = json<{ id: string }>(res).id;
  });

  it('keeps the ID token sealed with the session, and signing out sends the browser to the provider’s logout', async () => {
    const session = await signInWith(providerId, 'sub-bob');
    const [row] = await t.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, sha256(session)));
    expect(row?.ssoProviderId).toBe(providerId);
    expect(row?.ssoIdTokenSealed).toMatch(/^v1\./);
    expect(row?.ssoIdTokenSealed).not.toContain('eyJ'); // no JWT in clear

    const out = await signOut(session);
    expect(out.statusCode).toBe(200);
    const { logoutUrl } = json<{ ok: true; logoutUrl?: string }>(out);
    const url = new URL(logoutUrl!);
    const discovered = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as {
      end_session_endpoint: string;
    };
    expect(`${url.origin}${url.pathname}`).toBe(discovered.end_session_endpoint);
    expect(url.searchParams.get('client_id')).toBe(idp.clientId);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${publicUrl}/sign-in`);
    const state = url.searchParams.get('state')!;
    expect(state.length).toBeGreaterThanOrEqual(32);
    const hint = url.searchParams.get('id_token_hint')!;
    expect(JSON.parse(Buffer.from(hint.split('.')[1]!, 'base64url').toString())).toMatchObject({
      sub: 'sub-bob',
      aud: idp.clientId,
      iss: idp.issuer,
    });
    // Mamori's session is gone
    expect((await t.app.inject({ method: 'GET', url: '/api/me', cookies: { mamori_session: session } })).statusCode).toBe(401);

    // the provider accepts the hint: it answers its logout page (a forged hint is refused)
    const atProvider = await fetch(url, { redirect: 'manual' });
    expect(atProvider.status).toBe(200);
    // its logout confirmation, posted by itself to /session/end/confirm (which ends the provider's session)
    expect(await atProvider.text()).toMatch(/<form method="post" action="[^"]*\/session\/end\/confirm">[\s\S]*name="logout"/);
    const forged = new URL(url);
    forged.searchParams.set('id_token_hint', `${hint.split('.').slice(0, 2).join('.')}.AAAA`);
    expect((await fetch(forged, { redirect: 'manual' })).status).toBe(400);

    // confirmed in the browser that signed in: the provider sends it back to Mamori's sign-in page with the state
    const landed = await idp.signOut(logoutUrl!, 'sub-bob');
    expect(`${landed.origin}${landed.pathname}`).toBe(`${publicUrl}/sign-in`);
    expect(landed.searchParams.get('state')).toBe(state);
  });

  it('each sign-out sends a state of its own', async () => {
    const states = [];
    for (let i = 0; i < 2; i++) {
      const out = await signOut(await signInWith(providerId, 'sub-bob'));
      states.push(new URL(json<{ logoutUrl: string }>(out).logoutUrl).searchParams.get('state'));
    }
    expect(states[0]).not.toBe(states[1]);
  });

  it('a password session signs out without any provider logout', async () => {
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: bob.email, password: TEST_PASSWORD },
    });
    expect(signIn.statusCode).toBe(200);
    const out = await signOut(cookieOf(signIn, 'mamori_session')!);
    expect(out.statusCode).toBe(200);
    expect(json(out)).toEqual({ ok: true });
  });

  it('a provider that is gone (deleted) leaves a plain sign-out', async () => {
    const session = await signInWith(providerId, 'sub-bob');
    expect((await as(t.app, admin).delete(`/api/identity-providers/${providerId}`)).statusCode).toBe(200);
    const out = await signOut(session);
    expect(out.statusCode).toBe(200);
    expect(json(out)).toEqual({ ok: true });
  });
});
