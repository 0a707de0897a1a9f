import type { Role } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/tables';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { createTestSamlIdp, type TestSamlIdp } from '../../../test/saml-idp';
import { makePartner } from '../../partners/testing';
import { identityProviders } from '../tables';

let t: TestApp;
let admin: TestUser;
let idp: TestSamlIdp;

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.database, [{ role: 'system_admin' }]);
  idp = createTestSamlIdp('settings-idp');
});
afterAll(() => t.close());

const base = { nameJa: '社内 SAML', nameEn: 'Group SAML' };
type Saml = { id: string; entityId: string; ssoUrl: string; certificates: { fingerprint: string }[]; emailDomains: string[] };

describe('SAML providers: only system administrators configure them', () => {
  it('reads entity id, SSO URL and certificate from the IdP metadata; shows what to register at the IdP', async () => {
    const res = await as(t.app, admin).post('/api/saml-providers', {
      ...base,
      metadataXml: idp.metadataXml,
      emailDomains: ['Example.TEST'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = json<Saml & { acsUrl: string; spEntityId: string; emailAttribute: string }>(res);
    expect(created).toMatchObject({
      entityId: idp.entityId,
      ssoUrl: idp.ssoUrl,
      emailDomains: ['example.test'],
      emailAttribute: 'email',
    });
    expect(created.certificates).toHaveLength(1);
    expect(created.acsUrl).toMatch(new RegExp(`/api/auth/saml/${created.id}/acs$`));
    expect(res.body).not.toContain('BEGIN CERTIFICATE');
    // Not an OIDC provider: the OIDC settings neither list nor change it.
    expect((await as(t.app, admin).get('/api/identity-providers')).body).not.toContain(created.id);
    expect((await as(t.app, admin).patch(`/api/identity-providers/${created.id}`, { enabled: false })).statusCode).toBe(404);
    expect((await as(t.app, null).get(`/api/auth/oidc/start?provider=${created.id}`)).statusCode).toBe(404);
  });

  it('takes entity id + SSO URL + certificate instead, changes and deletes the provider, audited', async () => {
    const res = await as(t.app, admin).post('/api/saml-providers', {
      ...base,
      entityId: 'https://manual.example.test',
      ssoUrl: 'https://manual.example.test/sso',
      certificates: [idp.keys.certificate.replace(/-----[A-Z ]+-----|\s/g, '')],
      matchBy: 'employee_no',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = json<Saml>(res);
    const changed = await as(t.app, admin).patch(`/api/saml-providers/${id}`, {
      ssoUrl: 'https://manual.example.test/sso2',
      enabled: false,
    });
    expect(json(changed)).toMatchObject({ ssoUrl: 'https://manual.example.test/sso2', enabled: false, matchBy: 'employee_no' });
    expect((await as(t.app, null).get(`/api/auth/saml/start?provider=${id}`)).statusCode).toBe(404);
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.targetId, id));
    expect(events.map((e) => e.action)).toEqual(['identity-provider.create', 'identity-provider.update']);
    expect((await as(t.app, admin).delete(`/api/saml-providers/${id}`)).statusCode).toBe(200);
    expect((await as(t.app, admin).delete(`/api/saml-providers/${id}`)).statusCode).toBe(404);
    expect(await t.database.db.select().from(identityProviders).where(eq(identityProviders.id, id))).toEqual([]);
  });

  it('names every bad field at once, and stores nothing', async () => {
    const count = async () => (await t.database.db.select().from(identityProviders)).length;
    const before = await count();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ metadataXml: '<md:EntityDescriptor' }, ['body.metadataXml']],
      [{ metadataXml: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>' }, ['body.metadataXml']],
      [{ certificates: ['not a certificate'], entityId: 'x', ssoUrl: 'https://x.example.test' }, ['body.certificates.0']],
      [{}, ['body.entityId', 'body.ssoUrl', 'body.certificates']],
      [{ entityId: 'x', ssoUrl: 'http://idp.example.test/sso', certificates: [idp.keys.certificate] }, ['body.ssoUrl']],
      [
        { metadataXml: idp.metadataXml, emailDomains: ['not a domain'], emailAttribute: 'a b' },
        ['body.emailDomains.0', 'body.emailAttribute'],
      ],
    ];
    for (const [over, paths] of cases) {
      const res = await as(t.app, admin).post('/api/saml-providers', { ...base, ...over });
      expect(res.statusCode, res.body).toBe(400);
      expect(
        json<{ errors: { path: string }[] }>(res)
          .errors.map((e) => e.path)
          .sort(),
      ).toEqual([...paths].sort());
    }
    expect(await count()).toBe(before);
  });

  it('is refused to every other role, a partner user and an anonymous caller', async () => {
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const partner = await makePartner(t.app, office, 'saml');
    const others: TestUser[] = [office, await createUser(t.database, [{ role: 'partner_user' }], { partnerId: partner.id })];
    for (const role of ['ciso', 'site_security_office', 'employee', 'auditor'] as Role[])
      others.push(await createUser(t.database, [{ role }]));
    const [existing] = json<Saml[]>(await as(t.app, admin).get('/api/saml-providers'));
    for (const user of others) {
      expect((await as(t.app, user).get('/api/saml-providers')).statusCode).toBe(403);
      expect((await as(t.app, user).post('/api/saml-providers', { ...base, metadataXml: idp.metadataXml })).statusCode).toBe(403);
      expect((await as(t.app, user).patch(`/api/saml-providers/${existing!.id}`, { enabled: false })).statusCode).toBe(403);
      expect((await as(t.app, user).delete(`/api/saml-providers/${existing!.id}`)).statusCode).toBe(403);
    }
    expect((await as(t.app, null).get('/api/saml-providers')).statusCode).toBe(401);
  });

  it('serialises concurrent changes of one provider (each change is read and written under a row lock)', async () => {
    const { id } = json<Saml>(await as(t.app, admin).post('/api/saml-providers', { ...base, metadataXml: idp.metadataXml }));
    const domains = ['a.example.test', 'b.example.test', 'c.example.test'];
    const results = await Promise.all(
      domains.map((d) => as(t.app, admin).patch(`/api/saml-providers/${id}`, { emailDomains: [d] })),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'identity-provider.update'));
    const mine = events
      .filter((e) => e.targetId === id)
      .map((e) => (e.before as { emailDomains: string[] }).emailDomains[0] ?? null);
    // every update saw the one before it: the befores are the initial (none) and two of the three new values
    expect(new Set(mine).size).toBe(3);
  });
});
