import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/tables';
import { roleAssignments } from '../../platform/auth/tables';
import { as, createTestApp, createUser, json, testConfig, type TestApp, type TestUser } from '../../test/app';
import { startTestIdp, type TestIdp } from '../../test/oidc-idp';
import { createTestSamlIdp, type TestSamlIdp } from '../../test/saml-idp';
import { redirectUriOf } from './oidc';
import { addSamlProvider, postToAcs, startAt } from './saml/testing';

let t: TestApp;
let saml: TestSamlIdp;
let oidcIdp: TestIdp;
let admin: TestUser;
let alice: TestUser;
let bob: TestUser;
let samlId: string;
const oidcAccounts: Record<string, Record<string, unknown>> = {};

beforeAll(async () => {
  t = await createTestApp();
  saml = createTestSamlIdp('rules-idp');
  oidcIdp = await startTestIdp(redirectUriOf(testConfig().publicUrl), oidcAccounts);
  admin = await createUser(t.database, [{ role: 'system_admin' }]);
  alice = await createUser(t.database, [{ role: 'employee' }]);
  bob = await createUser(t.database, [{ role: 'employee' }, { role: 'auditor' }]);
  samlId = (await addSamlProvider(t, admin, saml)).id;
});
afterAll(async () => {
  await oidcIdp?.close();
  await t.close();
});

const rolesOf = async (user: TestUser) =>
  (await t.database.db.select({ role: roleAssignments.role }).from(roleAssignments).where(eq(roleAssignments.userId, user.id)))
    .map((r) => r.role)
    .sort();

async function samlSignIn(user: TestUser, groups: string[]) {
  const { request, flow } = await startAt(t, saml, samlId);
  const { samlResponse } = saml.respond({ request, subject: `p-${user.id}`, attributes: { email: user.email, groups } });
  const { session } = await postToAcs(t, request, samlResponse, flow);
  expect(session).toBeDefined();
}

const addRule = (body: Record<string, unknown>) => as(t.app, admin).post('/api/scim/role-rules', body);

describe('group → role rules of single sign-on providers', () => {
  it('grants the role of a SAML group at sign-in and takes it back when the group is no longer asserted', async () => {
    expect((await addRule({ providerId: samlId, group: 'Mamori-Auditors', role: 'auditor' })).statusCode).toBe(201);
    await samlSignIn(alice, ['Staff', 'mamori-auditors']);
    expect(await rolesOf(alice)).toEqual(['auditor', 'employee']);
    const granted = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'role.assign'), eq(auditEvents.actorId, alice.id)));
    expect(granted.map((e) => (e.after as { via: string }).via)).toEqual(['sso']);
    await samlSignIn(alice, ['Staff']);
    expect(await rolesOf(alice)).toEqual(['employee']);
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.targetId, alice.id));
    expect(events.map((e) => e.action)).toContain('sso.groups');
  });

  it('never removes a role granted by hand, even when a rule covered it', async () => {
    await samlSignIn(bob, ['Mamori-Auditors']);
    expect(await rolesOf(bob)).toEqual(['auditor', 'employee']);
    await samlSignIn(bob, []);
    expect(await rolesOf(bob)).toEqual(['auditor', 'employee']);
  });

  it("takes back a rule's grants when the rule is removed, and a provider's when the provider is deleted", async () => {
    await samlSignIn(alice, ['Mamori-Auditors']);
    const rules = json<{ id: string; providerId: string | null }[]>(await as(t.app, admin).get('/api/scim/role-rules'));
    const rule = rules.find((r) => r.providerId === samlId)!;
    expect((await as(t.app, admin).delete(`/api/scim/role-rules/${rule.id}`)).statusCode).toBe(200);
    expect(await rolesOf(alice)).toEqual(['employee']);

    const other = createTestSamlIdp('rules-idp-2');
    const second = await addSamlProvider(t, admin, other, { nameEn: 'Second' });
    expect((await addRule({ providerId: second.id, group: 'psirt', role: 'psirt_member' })).statusCode).toBe(201);
    const { request, flow } = await startAt(t, other, second.id);
    const { samlResponse } = other.respond({ request, subject: 'p2-alice', attributes: { email: alice.email, groups: 'psirt' } });
    expect((await postToAcs(t, request, samlResponse, flow)).session).toBeDefined();
    expect(await rolesOf(alice)).toEqual(['employee', 'psirt_member']);
    expect((await as(t.app, admin).delete(`/api/saml-providers/${second.id}`)).statusCode).toBe(200);
    expect(await rolesOf(alice)).toEqual(['employee']);
  });

  it('reads the groups claim of an OIDC provider (from userinfo when the ID token has none)', async () => {
    const provider = json<{ id: string; groupsClaim: string }>(
      await as(t.app, admin).post('/api/identity-providers', {
        nameJa: 'OIDC',
        nameEn: 'OIDC',
        issuer: oidcIdp.issuer,
        clientId: oidcIdp.clientId,
        clientSecret: oidcIdp.clientSecret,
      }),
    );
    expect(provider.groupsClaim).toBe('groups');
    expect((await addRule({ providerId: provider.id, group: 'csirt', role: 'csirt_member' })).statusCode).toBe(201);
    const carol = await createUser(t.database, [{ role: 'employee' }]);
    oidcAccounts['sub-carol'] = { email: carol.email, email_verified: true, groups: ['csirt'] };
    const signIn = async () => {
      const start = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/start?provider=${provider.id}` });
      const flow = (start as LightMyRequestResponse).cookies.find((c) => c.name === 'mamori_oidc')!.value;
      const back = await oidcIdp.signIn(String(start.headers.location), 'sub-carol');
      const cb = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, cookies: { mamori_oidc: flow } });
      expect(cb.headers.location).toBe('/');
    };
    await signIn();
    expect(await rolesOf(carol)).toEqual(['csirt_member', 'employee']);
    oidcAccounts['sub-carol'].groups = [];
    await signIn();
    expect(await rolesOf(carol)).toEqual(['employee']);
  });

  it('refuses a rule naming a provider that does not exist', async () => {
    const res = await addRule({ providerId: '00000000-0000-4000-8000-000000000000', group: 'x', role: 'auditor' });
    expect(json(res)).toMatchObject({
      status: 400,
      errors: [{ path: 'body.providerId', code: 'identity.rule_unknown_provider' }],
    });
  });
});
