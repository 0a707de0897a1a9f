import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/tables';
import { roleAssignments, users } from '../../../platform/auth/tables';
import { createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { createTestSamlIdp, newId, type TestSamlIdp } from '../../../test/saml-idp';
import { ssoIdentities } from '../tables';
import { samlAssertions, samlRequests } from './tables';
import { addSamlProvider, postToAcs, startAt } from './testing';

let t: TestApp;
let idp: TestSamlIdp;
let admin: TestUser;
let alice: TestUser;
let providerId: string;

beforeAll(async () => {
  t = await createTestApp();
  idp = createTestSamlIdp();
  admin = await createUser(t.database, [{ role: 'system_admin' }]);
  alice = await createUser(t.database, [{ role: 'employee' }]);
  providerId = (await addSamlProvider(t, admin, idp)).id;
});
afterAll(() => t.close());

const meWith = (session: string) => t.app.inject({ method: 'GET', url: '/api/me', cookies: { mamori_session: session } });
const identitiesOf = async (subject: string) =>
  t.database.db
    .select()
    .from(ssoIdentities)
    .where(and(eq(ssoIdentities.providerId, providerId), eq(ssoIdentities.subject, subject)));
const failures = async () =>
  (await t.database.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, 'auth.sign-in-failed')))[0]!.n;

describe('SAML 2.0 sign-in against a test IdP with its own key', () => {
  it('sends an AuthnRequest for this provider and keeps its ID in the database, bound to a sealed cookie', async () => {
    const { request, start } = await startAt(t, idp, providerId);
    expect(request.acsUrl).toMatch(new RegExp(`/api/auth/saml/${providerId}/acs$`));
    expect(request.issuer).toMatch(new RegExp(`/api/auth/saml/${providerId}/metadata$`));
    expect(request.destination).toBe(idp.ssoUrl);
    const [stored] = await t.database.db.select().from(samlRequests).where(eq(samlRequests.id, request.id));
    expect(stored).toMatchObject({ providerId });
    const cookie = start.cookies.find((c) => c.name === 'mamori_saml')!;
    expect(cookie).toMatchObject({ httpOnly: true, path: '/api/auth/saml' });
    expect(cookie.value).not.toContain(request.id);
  });

  it('links the signed identity to the account with an e-mail of a verified domain and opens a session', async () => {
    const { request, flow } = await startAt(t, idp, providerId);
    const { samlResponse } = idp.respond({
      request,
      subject: 'persistent-alice',
      attributes: { email: alice.email.toUpperCase() },
    });
    const { location, session } = await postToAcs(t, request, samlResponse, flow);
    expect(location).toBe('/');
    expect(json<{ user: { email: string } }>(await meWith(session!)).user.email).toBe(alice.email);
    expect(await identitiesOf('persistent-alice')).toMatchObject([{ userId: alice.id }]);
    // the request is answered once: posting the same answer again is refused
    const again = await postToAcs(t, request, samlResponse, flow);
    expect(again.location).toBe('/sign-in?sso_error=failed');
    expect(again.session).toBeUndefined();
  });

  it('never links by an e-mail outside the domains the administrator verified', async () => {
    const other = createTestSamlIdp('other-idp');
    const strict = await addSamlProvider(t, admin, other, { nameEn: 'Strict', emailDomains: ['corp.example'] });
    const { request, flow } = await startAt(t, other, strict.id);
    const { samlResponse } = other.respond({ request, subject: 'p-unverified', attributes: { email: alice.email } });
    const { location, session } = await postToAcs(t, request, samlResponse, flow);
    expect(location).toBe('/sign-in?sso_error=unverified-email');
    expect(session).toBeUndefined();
  });

  it('creates an account without any role for a JIT provider, and names it from the mapped attributes', async () => {
    const jitIdp = createTestSamlIdp('jit-idp');
    const jit = await addSamlProvider(t, admin, jitIdp, {
      nameEn: 'JIT',
      createAccounts: true,
      emailAttribute: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
      nameAttribute: 'http://schemas.microsoft.com/identity/claims/displayname',
    });
    const { request, flow } = await startAt(t, jitIdp, jit.id);
    const { samlResponse } = jitIdp.respond({
      request,
      subject: 'p-newcomer',
      attributes: {
        'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': 'saml-newcomer@example.test',
        'http://schemas.microsoft.com/identity/claims/displayname': '新人 花子',
        groups: ['g1', 'g2'],
      },
    });
    expect((await postToAcs(t, request, samlResponse, flow)).session).toBeDefined();
    const [created] = await t.database.db.select().from(users).where(eq(users.email, 'saml-newcomer@example.test'));
    expect(created).toMatchObject({ name: '新人 花子', passwordHash: null, status: 'active' });
    expect(await t.database.db.select().from(roleAssignments).where(eq(roleAssignments.userId, created!.id))).toEqual([]);
  });

  it('refuses an identity without an account when the provider creates none', async () => {
    const { request, flow } = await startAt(t, idp, providerId);
    const { samlResponse } = idp.respond({ request, subject: 'p-stranger', attributes: { email: 'saml-stranger@example.test' } });
    expect((await postToAcs(t, request, samlResponse, flow)).location).toBe('/sign-in?sso_error=no-account');
    expect(await t.database.db.select().from(users).where(eq(users.email, 'saml-stranger@example.test'))).toEqual([]);
  });

  it('lets one of two racing posts of the same answer through, never both', async () => {
    const { request, flow } = await startAt(t, idp, providerId);
    const { samlResponse } = idp.respond({ request, subject: 'persistent-alice', attributes: { email: alice.email } });
    const results = await Promise.all([1, 2, 3].map(() => postToAcs(t, request, samlResponse, flow)));
    expect(results.filter((r) => r.session).length).toBe(1);
  });

  it('refuses an assertion ID it has seen, even in the answer to a new request', async () => {
    const assertionId = newId();
    const first = await startAt(t, idp, providerId);
    const ok = idp.respond({
      request: first.request,
      subject: 'persistent-alice',
      attributes: { email: alice.email },
      assertionId,
    });
    expect((await postToAcs(t, first.request, ok.samlResponse, first.flow)).session).toBeDefined();
    const second = await startAt(t, idp, providerId);
    const reused = idp.respond({
      request: second.request,
      subject: 'persistent-alice',
      attributes: { email: alice.email },
      assertionId,
    });
    const { location, session } = await postToAcs(t, second.request, reused.samlResponse, second.flow);
    expect(location).toBe('/sign-in?sso_error=failed');
    expect(session).toBeUndefined();
    expect(await t.database.db.select().from(samlAssertions).where(eq(samlAssertions.assertionId, assertionId))).toHaveLength(1);
  });

  it('publishes the SP metadata at a stable URL, for existing providers only', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/auth/saml/${providerId}/metadata` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/samlmetadata\+xml/);
    expect(res.body).toContain(`/api/auth/saml/${providerId}/acs`);
    expect(res.body).toContain('WantAssertionsSigned="true"');
    const missing = await t.app.inject({ method: 'GET', url: `/api/auth/saml/${newIdUuid()}/metadata` });
    expect(missing.statusCode).toBe(404);
  });

  it('offers SAML providers on the sign-in page with their kind', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/providers' });
    expect(json(res)).toEqual(
      expect.arrayContaining([{ id: providerId, kind: 'saml', nameJa: '社内 SAML', nameEn: 'Group SAML' }]),
    );
  });

  it('audits every refusal and changes nothing', async () => {
    const before = await failures();
    const { request, flow } = await startAt(t, idp, providerId);
    const { samlResponse } = idp.respond({ request, subject: 'p-audited', attributes: { email: alice.email }, sign: 'none' });
    await postToAcs(t, request, samlResponse, flow);
    expect(await failures()).toBe(before + 1);
    expect(await identitiesOf('p-audited')).toEqual([]);
  });
});

const newIdUuid = () => '00000000-0000-4000-8000-000000000000';
