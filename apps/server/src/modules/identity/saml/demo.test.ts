import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestApp } from '../../../test/app';
import { createDemoTestApp } from '../../../test/demo';

let t: TestApp;
let lines: string[];
beforeAll(async () => {
  ({ lines, ...t } = await createDemoTestApp());
}, 300_000);
afterAll(() => t.close());

describe('SAML demo', () => {
  it("shows the group's Entra ID as a SAML IdP with Entra's attribute names, offered on the sign-in page", async () => {
    expect(lines.join('\n')).toMatch(/SAML: Entra ID declared as an IdP, \d+ employees linked/);
    const admin = await createUser(t.database, [{ role: 'system_admin' }]);
    const [entra] = json<
      { id: string; nameJa: string; emailDomains: string[]; emailAttribute: string; certificates: unknown[] }[]
    >(await as(t.app, admin).get('/api/saml-providers'));
    expect(entra).toMatchObject({ nameJa: 'ほしぞらグループ ID (Entra ID)', emailDomains: ['hoshizora.example'] });
    expect(entra!.emailAttribute).toMatch(/claims\/emailaddress$/);
    expect(entra!.certificates).toHaveLength(1);
    const options = json<{ id: string; kind: string }[]>(await as(t.app, null).get('/api/auth/oidc/providers'));
    expect(options).toContainEqual(expect.objectContaining({ id: entra!.id, kind: 'saml' }));
    const metadata = await t.app.inject({ method: 'GET', url: `/api/auth/saml/${entra!.id}/metadata` });
    expect(metadata.statusCode).toBe(200);
  });
});
