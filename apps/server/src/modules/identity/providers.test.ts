import type { Role } from '@mamori/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/tables';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { makePartner } from '../partners/testing';

let t: TestApp;
let admin: TestUser;
const body = {
  nameJa: '社内 ID',
  nameEn: 'Group ID',
  issuer: 'https://id.example.test',
  clientId: 'mamori',
  clientSecret: 'very-secret-client-secret',
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.database, [{ role: 'system_admin' }]);
});
afterAll(() => t.close());

describe('identity providers: only system administrators configure them', () => {
  it('a system administrator creates, lists, changes and deletes a provider; the secret is never sent back', async () => {
    const created = await as(t.app, admin).post('/api/identity-providers', body);
    expect(created.statusCode).toBe(201);
    const provider = json<{ id: string; hasClientSecret: boolean; claim: string; createAccounts: boolean }>(created);
    expect(provider).toMatchObject({ hasClientSecret: true, claim: 'email', createAccounts: false });
    expect(created.body).not.toContain(body.clientSecret);

    const changed = await as(t.app, admin).patch(`/api/identity-providers/${provider.id}`, {
      matchBy: 'employee_no',
      clientSecret: null,
    });
    expect(json(changed)).toMatchObject({ matchBy: 'employee_no', claim: 'employee_number', hasClientSecret: false });
    expect((await as(t.app, admin).get('/api/identity-providers')).body).toContain(provider.id);

    const events = await t.database.db
      .select({ action: auditEvents.action, before: auditEvents.before, after: auditEvents.after })
      .from(auditEvents);
    const text = JSON.stringify(events.filter((e) => e.action.startsWith('identity-provider.')));
    expect(text).toContain('identity-provider.create');
    expect(text).not.toContain(body.clientSecret);

    expect((await as(t.app, admin).delete(`/api/identity-providers/${provider.id}`)).statusCode).toBe(200);
    expect((await as(t.app, admin).delete(`/api/identity-providers/${provider.id}`)).statusCode).toBe(404);
  });

  it('refuses a provider address that is not https (http only on this machine)', async () => {
    const res = await as(t.app, admin).post('/api/identity-providers', { ...body, issuer: 'http://id.example.test' });
    expect(json(res)).toMatchObject({ status: 400, errors: [{ path: 'body.issuer', code: 'identity.issuer_https' }] });
    const local = await as(t.app, admin).post('/api/identity-providers', { ...body, issuer: 'http://127.0.0.1:9' });
    expect(local.statusCode).toBe(201);
    // Nothing answers there: the sign-in goes back to the sign-in page, saying it failed.
    const start = await as(t.app, null).get(`/api/auth/oidc/start?provider=${json<{ id: string }>(local).id}`);
    expect(start.statusCode).toBe(302);
    expect(start.headers.location).toBe('/sign-in?sso_error=failed');
  });

  it('is refused to every other role, a partner user and an anonymous caller', async () => {
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const partner = await makePartner(t.app, office, 'idp');
    const others: TestUser[] = [office, await createUser(t.database, [{ role: 'partner_user' }], { partnerId: partner.id })];
    for (const role of ['ciso', 'site_security_office', 'employee', 'auditor'] as Role[])
      others.push(await createUser(t.database, [{ role }]));
    const [existing] = json<{ id: string }[]>(await as(t.app, admin).get('/api/identity-providers'));
    for (const user of others) {
      expect((await as(t.app, user).get('/api/identity-providers')).statusCode).toBe(403);
      expect((await as(t.app, user).post('/api/identity-providers', body)).statusCode).toBe(403);
      expect((await as(t.app, user).patch(`/api/identity-providers/${existing!.id}`, { enabled: false })).statusCode).toBe(403);
      expect((await as(t.app, user).delete(`/api/identity-providers/${existing!.id}`)).statusCode).toBe(403);
    }
    expect((await as(t.app, null).get('/api/identity-providers')).statusCode).toBe(401);
    // The sign-in page's list is public and names the providers only.
    const options = json<Record<string, unknown>[]>(await as(t.app, null).get('/api/auth/oidc/providers'));
    expect(Object.keys(options[0]!).sort()).toEqual(['id', 'kind', 'nameEn', 'nameJa']);
  });

  it('answers 404 for a sign-in with an unknown provider', async () => {
    const res = await as(t.app, null).get('/api/auth/oidc/start?provider=00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
  });
});
