import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '../../platform/auth/tables';
import { as, createTestApp, createUser, json, testConfig, type TestApp, type TestUser } from '../../test/app';
import { startTestIdp, type TestIdp } from '../../test/oidc-idp';
import { emailLinks, providerDidMfa, redirectUriOf } from './oidc';

/**
 * The OIDC rules of #16 against a real provider (`oidc-provider`): verified e-mail domains per provider, the
 * provider's `amr`/`acr` counted as MFA, and local sign-in limited to break-glass administrators beside SSO.
 */
let t: TestApp;
let idp: TestIdp;
let admin: TestUser;
const publicUrl = testConfig().publicUrl;
const accounts: Record<string, Record<string, unknown>> = {
  'sub-in-domain': { email: '', email_verified: true },
  'sub-no-flag': { email: '' },
  'sub-other-domain': { email: '', email_verified: true },
  'sub-mfa': { email: '', email_verified: true, amr: ['pwd', 'otp'], acr: 'urn:example:loa:1' },
  'sub-pwd': { email: '', email_verified: true, amr: ['pwd'] },
  'sub-acr': { email: '', email_verified: true, amr: ['pwd'], acr: 'urn:example:loa:mfa' },
};
const emails: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  idp = await startTestIdp(redirectUriOf(publicUrl), accounts);
  admin = await createUser(t.database, [{ role: 'system_admin' }]);
  for (const sub of Object.keys(accounts)) {
    const local = `${sub}-${Date.now()}`;
    emails[sub] = sub === 'sub-other-domain' ? `${local}@elsewhere.test` : `${local}@corp.example.test`;
    accounts[sub]!.email = emails[sub];
    const u = await createUser(t.database, [{ role: 'security_office' }]);
    await t.database.db.update(users).set({ email: emails[sub] }).where(eq(users.id, u.id));
  }
});
afterAll(async () => {
  await idp?.close();
  await t.close();
});

const cookieOf = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name)?.value;

async function addProvider(over: Record<string, unknown>) {
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

async function signInWith(providerId: string, login: string) {
  const start = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/start?provider=${providerId}` });
  const back = await idp.signIn(String(start.headers.location), login);
  const callback = await t.app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    cookies: { mamori_oidc: cookieOf(start, 'mamori_oidc')! },
  });
  return { location: String(callback.headers.location), session: cookieOf(callback, 'mamori_session') };
}

const meWith = (session: string) =>
  t.app
    .inject({ method: 'GET', url: '/api/me', cookies: { mamori_session: session } })
    .then((r) => json<{ mfaEnrollmentRequired: boolean }>(r));

describe('OIDC: verified e-mail domains per provider', () => {
  it('links only e-mails in the verified domains; email_verified false never links, absent is accepted there', async () => {
    const id = await addProvider({ emailDomains: ['Corp.Example.Test'] });
    const provider = json<{ emailDomains: string[] }[]>(await as(t.app, admin).get('/api/identity-providers')).find(
      (p) => (p as unknown as { id: string }).id === id,
    );
    expect(provider!.emailDomains).toEqual(['corp.example.test']);
    expect((await signInWith(id, 'sub-in-domain')).session).toBeDefined();
    expect((await signInWith(id, 'sub-no-flag')).session).toBeDefined();
    const other = await signInWith(id, 'sub-other-domain');
    expect(other.session).toBeUndefined();
    expect(other.location).toBe('/sign-in?sso_error=unverified-email');
    const bad = await as(t.app, admin).post('/api/identity-providers', {
      nameJa: 'x',
      nameEn: 'x',
      issuer: idp.issuer,
      clientId: 'c',
      emailDomains: ['not a domain'],
      mfaAmr: ['bad value!'],
    });
    expect(
      json<{ errors: { path: string }[] }>(bad)
        .errors.map((e) => e.path)
        .sort(),
    ).toEqual(['body.emailDomains.0', 'body.mfaAmr.0']);
    await as(t.app, admin).delete(`/api/identity-providers/${id}`);
  });

  it('rules, one by one', () => {
    expect(emailLinks({ emailDomains: [] }, 'a@x.test', true)).toBe(true);
    expect(emailLinks({ emailDomains: [] }, 'a@x.test', undefined)).toBe(false);
    expect(emailLinks({ emailDomains: ['x.test'] }, 'a@X.TEST', undefined)).toBe(true);
    expect(emailLinks({ emailDomains: ['x.test'] }, 'a@x.test', false)).toBe(false);
    expect(emailLinks({ emailDomains: ['x.test'] }, 'a@sub.x.test', true)).toBe(false);
    expect(providerDidMfa({ mfaAmr: ['mfa'], mfaAcr: [] }, 'mfa', undefined)).toBe(false);
    expect(providerDidMfa({ mfaAmr: ['mfa'], mfaAcr: [] }, ['pwd', 'mfa'], undefined)).toBe(true);
    expect(providerDidMfa({ mfaAmr: [], mfaAcr: ['gold'] }, [], 'gold')).toBe(true);
  });
});

describe("OIDC: the provider's amr/acr counted as MFA", () => {
  it('a role that requires MFA does not ask for TOTP when the provider did MFA, and does otherwise', async () => {
    expect((await as(t.app, admin).patch('/api/settings', { mfaRequiredRoles: ['security_office'] })).statusCode).toBe(200);
    const id = await addProvider({ mfaAmr: ['otp', 'mfa', 'hwk'], mfaAcr: ['urn:example:loa:mfa'] });
    try {
      const mfa = await signInWith(id, 'sub-mfa');
      expect((await meWith(mfa.session!)).mfaEnrollmentRequired).toBe(false);
      const acr = await signInWith(id, 'sub-acr');
      expect((await meWith(acr.session!)).mfaEnrollmentRequired).toBe(false);
      const pwd = await signInWith(id, 'sub-pwd');
      expect((await meWith(pwd.session!)).mfaEnrollmentRequired).toBe(true);
      const rows = await t.database.db.select({ mfa: sessions.mfa }).from(sessions).where(eq(sessions.mfa, 'idp'));
      expect(rows.length).toBe(2);
      // a provider that counts nothing: the same MFA sign-in at the IdP does not count
      await as(t.app, admin).patch(`/api/identity-providers/${id}`, { mfaAmr: [], mfaAcr: [] });
      const notCounted = await signInWith(id, 'sub-mfa');
      expect((await meWith(notCounted.session!)).mfaEnrollmentRequired).toBe(true);
    } finally {
      await as(t.app, admin).patch('/api/settings', { mfaRequiredRoles: [] });
    }
  });

  it('local sign-in limited to break-glass administrators leaves single sign-on open to everyone', async () => {
    const id = await addProvider({});
    expect((await as(t.app, admin).patch('/api/settings', { localSignIn: 'break_glass' })).statusCode).toBe(200);
    try {
      expect((await signInWith(id, 'sub-pwd')).session).toBeDefined();
    } finally {
      await as(t.app, admin).patch('/api/settings', { localSignIn: 'everyone' });
    }
  });
});
