import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleAssignments, users } from '../../platform/auth/tables';
import { as, createTestApp, createUser, json, testConfig, type TestApp, type TestUser } from '../../test/app';
import { startTestIdp, type TestIdp } from '../../test/oidc-idp';
import { people } from '../org/tables';
import { redirectUriOf } from './oidc';
import { identityProviders, ssoIdentities } from './tables';

let t: TestApp;
let idp: TestIdp;
let admin: TestUser;
let alice: TestUser;
const publicUrl = testConfig().publicUrl;

/** The accounts of the test provider, by the login typed there (= their `sub`). */
const accounts: Record<string, Record<string, unknown>> = {
  'sub-alice': { email: '', email_verified: true, name: 'Alice' },
  'sub-unverified': { email: '', email_verified: false },
  'sub-stranger': { email: 'stranger@example.test', email_verified: true, name: 'Stranger' },
  'sub-newcomer': { email: 'newcomer@example.test', email_verified: true, name: 'Newcomer' },
  'sub-worker': { email: 'worker-at-idp@example.test', email_verified: true, employee_number: 'SSO-0042' },
};

beforeAll(async () => {
  t = await createTestApp();
  idp = await startTestIdp(redirectUriOf(publicUrl), accounts);
  admin = await createUser(t.database, [{ role: 'system_admin' }]);
  alice = await createUser(t.database, [{ role: 'employee' }]);
  accounts['sub-alice']!.email = alice.email.toUpperCase();
  accounts['sub-unverified']!.email = (await createUser(t.database)).email;
});
afterAll(async () => {
  await idp?.close();
  await t.close();
});

const cookieOf = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name)?.value;

async function addProvider(over: Record<string, unknown> = {}) {
  const res = await as(t.app, admin).post('/api/identity-providers', {
    nameJa: '社内 ID',
    nameEn: 'Group ID',
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<{ id: string }>(res).id;
}

/** The whole browser journey: start at Mamori, sign in at the provider as `login`, come back to the callback. */
async function signInWith(providerId: string, login: string) {
  const start = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/start?provider=${providerId}` });
  expect(start.statusCode).toBe(302);
  const flow = cookieOf(start, 'mamori_oidc')!;
  const back = await idp.signIn(String(start.headers.location), login);
  const callback = await t.app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    cookies: { mamori_oidc: flow },
  });
  return { start, back, callback, session: cookieOf(callback, 'mamori_session') };
}

const meWith = (session: string) => t.app.inject({ method: 'GET', url: '/api/me', cookies: { mamori_session: session } });

describe('OpenID Connect sign-in against a real provider (authorization code + PKCE)', () => {
  let emailProvider: string;
  beforeAll(async () => {
    emailProvider = await addProvider();
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce, and offers the provider on the sign-in page', async () => {
    expect(json(await as(t.app, null).get('/api/auth/oidc/providers'))).toEqual(
      expect.arrayContaining([{ id: emailProvider, kind: 'oidc', nameJa: '社内 ID', nameEn: 'Group ID' }]),
    );
    const start = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/start?provider=${emailProvider}` });
    const url = new URL(String(start.headers.location));
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['code_challenge', 'state', 'nonce']) expect(url.searchParams.get(p)).toBeTruthy();
    expect(url.searchParams.get('redirect_uri')).toBe(redirectUriOf(publicUrl));
    const flow = start.cookies.find((c) => c.name === 'mamori_oidc')!;
    expect(flow).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/auth/oidc' });
    expect(flow.value).not.toContain(url.searchParams.get('state')!);
  });

  it('links the identity to the existing account with the same verified e-mail and opens a session', async () => {
    const { callback, session } = await signInWith(emailProvider, 'sub-alice');
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/');
    expect(json<{ user: { email: string } }>(await meWith(session!)).user.email).toBe(alice.email);
    const [link] = await t.database.db.select().from(ssoIdentities).where(eq(ssoIdentities.subject, 'sub-alice'));
    expect(link).toMatchObject({ providerId: emailProvider, userId: alice.id });
    // Later sign-ins find the account by the subject, even when the provider's e-mail has changed.
    accounts['sub-alice']!.email = 'alice-renamed@example.test';
    const again = await signInWith(emailProvider, 'sub-alice');
    expect(json<{ user: { email: string } }>(await meWith(again.session!)).user.email).toBe(alice.email);
  });

  it('never links by an e-mail the provider has not verified', async () => {
    const { callback, session } = await signInWith(emailProvider, 'sub-unverified');
    expect(callback.headers.location).toBe('/sign-in?sso_error=unverified-email');
    expect(session).toBeUndefined();
  });

  it('refuses an identity without an account (no account is created unless the provider says so)', async () => {
    const { callback, session } = await signInWith(emailProvider, 'sub-stranger');
    expect(callback.headers.location).toBe('/sign-in?sso_error=no-account');
    expect(session).toBeUndefined();
    expect(await t.database.db.select().from(users).where(eq(users.email, 'stranger@example.test'))).toEqual([]);
  });

  it('creates an account without any role when the provider allows just-in-time accounts', async () => {
    const jit = await addProvider({ nameEn: 'JIT', createAccounts: true });
    const { session } = await signInWith(jit, 'sub-newcomer');
    expect(session).toBeDefined();
    const [created] = await t.database.db.select().from(users).where(eq(users.email, 'newcomer@example.test'));
    expect(created).toMatchObject({ name: 'Newcomer', passwordHash: null, status: 'active' });
    expect(await t.database.db.select().from(roleAssignments).where(eq(roleAssignments.userId, created!.id))).toEqual([]);
  });

  it('links by employee number through the person record, whatever e-mail the provider holds', async () => {
    const unit = json<{ id: string }>(
      await as(t.app, admin).post('/api/org-units', {
        parentId: null,
        code: 'SSO',
        kind: 'company',
        nameJa: 'SSO 会社',
        nameEn: 'SSO Co',
      }),
    );
    const [person] = await t.database.db
      .insert(people)
      .values({ employeeNo: 'SSO-0042', nameJa: '佐藤 一郎', nameEn: 'Ichiro Sato', kind: 'employee', orgUnitId: unit.id })
      .returning();
    const worker = await createUser(t.database, [{ role: 'employee' }], { personId: person!.id });
    const byNumber = await addProvider({ nameEn: 'By number', matchBy: 'employee_no' });
    const { session } = await signInWith(byNumber, 'sub-worker');
    expect(json<{ user: { email: string } }>(await meWith(session!)).user.email).toBe(worker.email);
  });

  it('refuses a disabled account', async () => {
    await t.database.db.update(users).set({ status: 'disabled' }).where(eq(users.id, alice.id));
    try {
      const { callback, session } = await signInWith(emailProvider, 'sub-alice');
      expect(callback.headers.location).toBe('/sign-in?sso_error=disabled');
      expect(session).toBeUndefined();
    } finally {
      await t.database.db.update(users).set({ status: 'active' }).where(eq(users.id, alice.id));
    }
  });

  it("refuses a callback without this browser's sign-in in progress, or with another sign-in's state", async () => {
    const first = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/start?provider=${emailProvider}` });
    const back = await idp.signIn(String(first.headers.location), 'sub-alice');
    const noCookie = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
    expect(noCookie.headers.location).toBe('/sign-in?sso_error=expired');
    const other = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/start?provider=${emailProvider}` });
    const swapped = await t.app.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      cookies: { mamori_oidc: cookieOf(other, 'mamori_oidc')! },
    });
    expect(swapped.headers.location).toBe('/sign-in?sso_error=failed');
    expect(cookieOf(swapped, 'mamori_session')).toBeUndefined();
    const forged = await t.app.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      cookies: { mamori_oidc: JSON.stringify({ p: emailProvider }) },
    });
    expect(forged.headers.location).toBe('/sign-in?sso_error=expired');
  });

  it('keeps the client secret sealed in the database', async () => {
    const [row] = await t.database.db.select().from(identityProviders).where(eq(identityProviders.id, emailProvider));
    expect(row!.clientSecretSealed).toMatch(/^v1\./);
    expect(row!.clientSecretSealed).not.toContain(idp.clientSecret);
    const listed = await as(t.app, admin).get('/api/identity-providers');
    expect(listed.body).not.toContain(idp.clientSecret);
    expect(listed.body).not.toContain(row!.clientSecretSealed!);
  });
});
