import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/tables';
import { reauthSetting } from '../../platform/auth/reauth';
import { apiTokens, passkeys, sessions } from '../../platform/auth/tables';
import { clearSettingCache, saveSetting } from '../../platform/settings/effective';
import { FREE_FAILURES } from '../../platform/throttle/sign-in';
import { inTransaction } from '../../platform/tx';
import { as, createTestApp, createUser, json, TEST_PASSWORD, type TestApp, type TestUser } from '../../test/app';
import { SoftAuthenticator } from '../../test/soft-authenticator';

/**
 * Step-up: sensitive actions need a session that proved who it is within `auth.reauth` minutes (default 10);
 * `POST /api/auth/reauth` proves it again with the password or a passkey.
 */
const ORIGIN = 'https://mamori.example.test';
let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp({ MAMORI_PUBLIC_URL: ORIGIN });
  admin = await createUser(t.database, [{ role: 'system_admin' }]);
});
afterAll(() => t.close());
beforeEach(() => clearSettingCache());

type Problem = { status: number; type: string; detailCode?: string; errors?: { path: string; code?: string }[] };
const problem = (res: LightMyRequestResponse) => json<Problem>(res);

/** A browser: keeps every cookie the server sets (session, WebAuthn ceremony) and sends the CSRF token. */
function browser(app: FastifyInstance) {
  const jar = new Map<string, string>();
  let csrf = '';
  const send = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await app.inject({
      method,
      url,
      headers: { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      ...(payload ? { payload } : {}),
    });
    for (const c of res.cookies)
      if (c.value) jar.set(c.name, c.value);
      else jar.delete(c.name);
    const body = String(res.headers['content-type'] ?? '').includes('json') ? (res.json() as { csrfToken?: string }) : {};
    if (body.csrfToken) csrf = body.csrfToken;
    return res;
  };
  return { send };
}
type Browser = ReturnType<typeof browser>;

async function signedIn(email: string): Promise<Browser> {
  const b = browser(t.app);
  expect((await b.send('POST', '/api/auth/sign-in', { email, password: TEST_PASSWORD })).statusCode).toBe(200);
  return b;
}

/** Every session of the account proved who it was `minutes` ago. */
const age = (userId: string, minutes: number) =>
  t.database.db
    .update(sessions)
    .set({ authenticatedAt: sql`now() - make_interval(mins => ${minutes})` })
    .where(eq(sessions.userId, userId));

const expectReauthRequired = (res: LightMyRequestResponse) => {
  expect(res.statusCode).toBe(401);
  expect(problem(res)).toMatchObject({ type: '/problems/reauth-required', detailCode: 'auth.reauth_required' });
};

const auditCount = async (userId: string, action: string) =>
  (
    await t.database.db
      .select({ seq: auditEvents.seq })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, userId)))
  ).length;

const tokenCount = async (userId: string) =>
  (await t.database.db.select().from(apiTokens).where(eq(apiTokens.userId, userId))).length;

describe('step-up for sensitive actions', () => {
  it('a fresh sign-in may create an API token; ten minutes later it must confirm again, and nothing is created', async () => {
    const u = await createUser(t.database);
    const b = await signedIn(u.email);
    expect((await b.send('POST', '/api/me/tokens', { name: 'fresh', expiresInDays: 30 })).statusCode).toBe(201);
    await age(u.id, 11);
    const before = await tokenCount(u.id);
    expectReauthRequired(await b.send('POST', '/api/me/tokens', { name: 'late', expiresInDays: 30 }));
    expect(await tokenCount(u.id)).toBe(before);
    // the session itself is still good: reading and harmless changes go on
    expect((await b.send('GET', '/api/me')).statusCode).toBe(200);
    expect((await b.send('GET', '/api/me/tokens')).statusCode).toBe(200);
  });

  it('re-authenticating with the password opens the window again, audited; a wrong password is a 400, audited', async () => {
    const u = await createUser(t.database);
    const b = await signedIn(u.email);
    await age(u.id, 30);

    const wrong = await b.send('POST', '/api/auth/reauth', { password: 'not-the-password' });
    expect(wrong.statusCode).toBe(400);
    expect(problem(wrong).errors).toEqual([expect.objectContaining({ path: 'body.password', code: 'auth.reauth_wrong' })]);
    expect(await auditCount(u.id, 'auth.reauth-failed')).toBe(1);
    expectReauthRequired(await b.send('POST', '/api/me/tokens', { name: 'x', expiresInDays: 30 }));

    const ok = await b.send('POST', '/api/auth/reauth', { password: TEST_PASSWORD });
    expect(ok.statusCode).toBe(200);
    const { authenticatedAt, validUntil } = json<{ authenticatedAt: string; validUntil: string }>(ok);
    expect(Date.parse(validUntil) - Date.parse(authenticatedAt)).toBe(10 * 60_000);
    expect(await auditCount(u.id, 'auth.reauth')).toBe(1);
    expect((await b.send('POST', '/api/me/tokens', { name: 'after', expiresInDays: 30 })).statusCode).toBe(201);
  });

  it('the window comes from the effective setting auth.reauth', async () => {
    const u = await createUser(t.database);
    const b = await signedIn(u.email);
    await age(u.id, 20);
    expectReauthRequired(await b.send('POST', '/api/me/tokens', { name: 'x', expiresInDays: 30 }));
    const ctx = { db: t.database.db, principal: null, actor: { userId: null, label: 'test', requestId: 'test', ip: null } };
    await inTransaction(ctx, (tx, audit) => saveSetting(tx, audit, reauthSetting, { maxAgeMinutes: 30 }, { by: null }));
    try {
      clearSettingCache();
      expect((await b.send('POST', '/api/me/tokens', { name: 'x', expiresInDays: 30 })).statusCode).toBe(201);
    } finally {
      await inTransaction(ctx, (tx, audit) => saveSetting(tx, audit, reauthSetting, { maxAgeMinutes: 10 }, { by: null }));
      clearSettingCache();
    }
  });

  it('adding or removing a passkey asks for it; a passkey of the account re-authenticates, another account’s does not', async () => {
    const u = await createUser(t.database);
    const b = await signedIn(u.email);
    const key = new SoftAuthenticator({ origin: ORIGIN });
    const opts = json(await b.send('POST', '/api/me/passkeys/options'));
    const created = await b.send('POST', '/api/me/passkeys', { name: 'Laptop', response: key.create(opts as never) });
    expect(created.statusCode).toBe(201);
    const passkeyId = json<{ id: string }>(created).id;

    await age(u.id, 11);
    expectReauthRequired(await b.send('POST', '/api/me/passkeys/options'));
    expectReauthRequired(await b.send('DELETE', `/api/me/passkeys/${passkeyId}`));
    expect(await t.database.db.select().from(passkeys).where(eq(passkeys.id, passkeyId))).toHaveLength(1);
    // renaming is not sensitive
    expect((await b.send('PATCH', `/api/me/passkeys/${passkeyId}`, { name: 'Work laptop' })).statusCode).toBe(200);

    // someone else's passkey does not confirm this account
    const other = new SoftAuthenticator({ origin: ORIGIN });
    const ob = await signedIn((await createUser(t.database)).email);
    const oopts = json(await ob.send('POST', '/api/me/passkeys/options'));
    expect(
      (await ob.send('POST', '/api/me/passkeys', { name: 'Other', response: other.create(oopts as never) })).statusCode,
    ).toBe(201);
    const foreign = await b.send('POST', '/api/auth/reauth', {
      passkey: other.get(json(await b.send('POST', '/api/auth/passkey/options')) as never),
    });
    expect(foreign.statusCode).toBe(400);
    expect(problem(foreign).errors).toEqual([expect.objectContaining({ path: 'body.passkey', code: 'auth.passkey_unknown' })]);
    expect((await b.send('GET', '/api/me')).statusCode).toBe(200); // a refusal never ends the session

    const mine = await b.send('POST', '/api/auth/reauth', {
      passkey: key.get(json(await b.send('POST', '/api/auth/passkey/options')) as never),
    });
    expect(mine.statusCode).toBe(200);
    expect((await b.send('DELETE', `/api/me/passkeys/${passkeyId}`)).statusCode).toBe(200);
    const [event] = await t.database.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'auth.reauth'), eq(auditEvents.targetId, u.id)));
    expect(event?.after).toEqual({ method: 'passkey' });
  });

  it('identity-provider, SAML, SCIM and sign-in settings changes ask for it; reading does not; other roles stay forbidden', async () => {
    const b = await signedIn(admin.email);
    await age(admin.id, 11);
    const changes: [method: 'POST' | 'PATCH' | 'DELETE', url: string][] = [
      ['POST', '/api/identity-providers'],
      ['PATCH', '/api/identity-providers/00000000-0000-4000-8000-000000000000'],
      ['DELETE', '/api/identity-providers/00000000-0000-4000-8000-000000000000'],
      ['POST', '/api/saml-providers'],
      ['DELETE', '/api/saml-providers/00000000-0000-4000-8000-000000000000'],
      ['POST', '/api/scim/tokens'],
      ['DELETE', '/api/scim/tokens/00000000-0000-4000-8000-000000000000'],
      ['POST', '/api/scim/role-rules'],
      ['PATCH', '/api/settings'],
    ];
    for (const [method, url] of changes) expectReauthRequired(await b.send(method, url, method === 'DELETE' ? undefined : {}));
    expect((await b.send('GET', '/api/identity-providers')).statusCode).toBe(200);
    expect((await b.send('GET', '/api/settings')).statusCode).toBe(200);

    // after re-authenticating, the same requests get past the door (to validation or not-found)
    expect((await b.send('POST', '/api/auth/reauth', { password: TEST_PASSWORD })).statusCode).toBe(200);
    for (const [method, url] of changes) {
      const res = await b.send(method, url, method === 'DELETE' ? undefined : {});
      expect([200, 400, 404]).toContain(res.statusCode);
    }

    // a role without the action is refused for that reason, recent or not
    const u = await createUser(t.database, [{ role: 'security_office' }]);
    const ub = await signedIn(u.email);
    const refused = await ub.send('POST', '/api/identity-providers', {});
    expect(refused.statusCode).toBe(403);
    expect(problem(refused).type).toBe('/problems/forbidden');
  });

  it('API tokens are not asked (they cannot answer), and cannot call the re-authentication', async () => {
    const res = await as(t.app, admin).post('/api/scim/tokens', { name: 'by token' });
    expect(res.statusCode).toBe(201);
    const reauth = await as(t.app, admin).post('/api/auth/reauth', { password: TEST_PASSWORD });
    expect(reauth.statusCode).toBe(400);
    expect(problem(reauth).detailCode).toBe('auth.reauth_session_only');
    expect((await as(t.app, null).post('/api/auth/reauth', { password: TEST_PASSWORD })).statusCode).toBe(401);
  });

  it('names both fields when neither or both are sent', async () => {
    const ASSERTION_SHAPE = {
      id: 'x',
      rawId: 'x',
      type: 'public-key',
      response: { clientDataJSON: 'x', authenticatorData: 'x', signature: 'x' },
      clientExtensionResults: {},
    };
    const u = await createUser(t.database);
    const b = await signedIn(u.email);
    for (const body of [{}, { password: TEST_PASSWORD, passkey: ASSERTION_SHAPE }]) {
      const res = await b.send('POST', '/api/auth/reauth', body);
      expect(res.statusCode).toBe(400);
      expect(
        problem(res)
          .errors?.map((e) => e.path)
          .sort(),
      ).toEqual(['body.passkey', 'body.password']);
    }
  });

  it('wrong passwords are throttled with the sign-in counter: after the free failures even the right one waits', async () => {
    const u = await createUser(t.database);
    const b = await signedIn(u.email);
    for (let i = 0; i < FREE_FAILURES; i++)
      expect((await b.send('POST', '/api/auth/reauth', { password: `wrong-${i}` })).statusCode).toBe(400);
    const throttled = await b.send('POST', '/api/auth/reauth', { password: TEST_PASSWORD });
    expect(throttled.statusCode).toBe(429);
    expect(throttled.headers['retry-after']).toBeDefined();
    // and a sign-in with that e-mail from this address waits too
    expect((await browser(t.app).send('POST', '/api/auth/sign-in', { email: u.email, password: TEST_PASSWORD })).statusCode).toBe(
      429,
    );
  });

  it('two re-authentications at once both succeed and leave one recent session', async () => {
    const u = await createUser(t.database);
    const b = await signedIn(u.email);
    await age(u.id, 11);
    const [r1, r2] = await Promise.all([
      b.send('POST', '/api/auth/reauth', { password: TEST_PASSWORD }),
      b.send('POST', '/api/auth/reauth', { password: TEST_PASSWORD }),
    ]);
    expect([r1.statusCode, r2.statusCode]).toEqual([200, 200]);
    const rows = await t.database.db.select().from(sessions).where(eq(sessions.userId, u.id));
    expect(rows).toHaveLength(1);
    expect(Date.now() - rows[0]!.authenticatedAt.getTime()).toBeLessThan(60_000);
  });
});
