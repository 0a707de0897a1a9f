import { eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../platform/auth/tables';
import { as, createTestApp, createUser, json, TEST_PASSWORD, type TestApp, type TestUser } from '../../test/app';

/**
 * A company's own password, MFA and session rules ask for a recent authentication, as the group's do (`recentAuth`
 * on `PUT /api/companies/{unitId}/settings/auth.signInRules`); its other settings do not.
 */
let t: TestApp;
let admin: TestUser;
let office: TestUser;
let company = '';

const rules = { passwordMinLength: 16, mfaRequiredRoles: [], sessionIdleMinutes: 30, sessionMaxHours: 10 };

beforeAll(async () => {
  t = await createTestApp({ MAMORI_PUBLIC_URL: 'https://mamori.example.test' });
  admin = await createUser(t.database, [{ role: 'system_admin' }]);
  company = json<{ id: string }>(
    await as(t.app, admin).post('/api/org-units', {
      parentId: null,
      code: 'HOLD',
      kind: 'company',
      nameJa: '持株',
      nameEn: 'Holding',
    }),
  ).id;
  office = await createUser(t.database, [{ role: 'security_office', orgUnitId: company }]);
});
afterAll(() => t.close());

/** A browser session of the office: cookies and the CSRF token kept. */
async function signedIn(email: string) {
  const jar = new Map<string, string>();
  let csrf = '';
  const send = async (method: 'POST' | 'PUT', url: string, payload: object, headers: Record<string, string> = {}) => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await t.app.inject({
      method,
      url,
      headers: { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}), ...headers },
      payload,
    });
    for (const c of res.cookies)
      if (c.value) jar.set(c.name, c.value);
      else jar.delete(c.name);
    const body = String(res.headers['content-type'] ?? '').includes('json') ? (res.json() as { csrfToken?: string }) : {};
    if (body.csrfToken) csrf = body.csrfToken;
    return res;
  };
  expect((await send('POST', '/api/auth/sign-in', { email, password: TEST_PASSWORD })).statusCode).toBe(200);
  return send;
}

const expectReauth = (res: LightMyRequestResponse) => {
  expect(res.statusCode).toBe(401);
  expect(res.json()).toMatchObject({ type: '/problems/reauth-required' });
};

describe('a company’s own sign-in rules', () => {
  it('ask a session that proved who it is long ago to prove it again; other company settings do not', async () => {
    const send = await signedIn(office.email);
    await t.database.db
      .update(sessions)
      .set({ authenticatedAt: sql`now() - make_interval(mins => 60)` })
      .where(eq(sessions.userId, office.id));
    const url = `/api/companies/${company}/settings/auth.signInRules`;
    expectReauth(await send('PUT', url, { value: rules }, { 'if-match': '"0"' }));
    const unchanged = json<{ items: { key: string; ownVersion: number }[] }>(
      await as(t.app, admin).get(`/api/companies/${company}/settings`),
    );
    expect(unchanged.items.find((i) => i.key === 'auth.signInRules')).toMatchObject({ ownVersion: 0 });
    // the mail template asks for nothing more than the office's grant
    const template = { senderName: '', subjectPrefix: '[HD]', greeting: { ja: '', en: '' }, signature: { ja: '', en: '' } };
    expect(
      (await send('PUT', `/api/companies/${company}/settings/mail.template`, { value: template }, { 'if-match': '"0"' }))
        .statusCode,
    ).toBe(200);
    expect((await send('POST', '/api/auth/reauth', { password: TEST_PASSWORD })).statusCode).toBe(200);
    const saved = await send('PUT', url, { value: rules }, { 'if-match': '"0"' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ key: 'auth.signInRules', ownVersion: 1, value: rules });
  });
});
