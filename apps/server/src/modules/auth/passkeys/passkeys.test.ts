import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/tables';
import { passkeys, sessions } from '../../../platform/auth/tables';
import { as, createTestApp, createUser, json, TEST_PASSWORD, type TestApp, type TestUser } from '../../../test/app';
import { SoftAuthenticator } from '../../../test/soft-authenticator';

const ORIGIN = 'https://mamori.example.test';
let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp({ MAMORI_PUBLIC_URL: ORIGIN });
  admin = await createUser(t.database, [{ role: 'system_admin' }]);
});
afterAll(() => t.close());

type Problem = { status: number; type: string; detailCode?: string };

/** A browser: every cookie the server sets is kept (session, WebAuthn ceremony) and the CSRF token is sent. */
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
  return { send, jar };
}

const signInWithPassword = async (b: ReturnType<typeof browser>, email: string) => {
  const res = await b.send('POST', '/api/auth/sign-in', { email, password: TEST_PASSWORD });
  expect(res.statusCode).toBe(200);
};

/** Registers a new passkey for the signed-in browser; answers the created passkey's response. */
async function register(b: ReturnType<typeof browser>, authenticator: SoftAuthenticator, name = 'Laptop') {
  const options = json<{ challenge: string; rp: { id: string }; user: { id: string } }>(
    await b.send('POST', '/api/me/passkeys/options'),
  );
  return b.send('POST', '/api/me/passkeys', { name, response: authenticator.create(options) });
}

const options = async (b: ReturnType<typeof browser>) =>
  json<{ challenge: string }>(await b.send('POST', '/api/auth/passkey/options'));
const problem = (res: LightMyRequestResponse) => json<Problem>(res);

describe('passkeys: registration', () => {
  it("registers, lists, renames and deletes one's own passkeys, audited", async () => {
    const u = await createUser(t.database);
    const b = browser(t.app);
    await signInWithPassword(b, u.email);
    const key = new SoftAuthenticator({ origin: ORIGIN });
    const opts = json<{ rp: { id: string }; excludeCredentials: unknown[]; authenticatorSelection: { residentKey: string } }>(
      await b.send('POST', '/api/me/passkeys/options'),
    );
    expect(opts.rp.id).toBe('mamori.example.test');
    expect(opts.authenticatorSelection.residentKey).toBe('required');
    expect(b.jar.has('mamori_webauthn')).toBe(true);
    expect((await register(b, key)).statusCode).toBe(201);
    const list = json<{ items: { id: string; name: string; deviceType: string }[] }>(await b.send('GET', '/api/me/passkeys'));
    expect(list.items).toMatchObject([{ name: 'Laptop', deviceType: 'singleDevice' }]);
    // the same credential again: excluded by the options, refused by the server
    const next = json<{ excludeCredentials: { id: string }[] }>(await b.send('POST', '/api/me/passkeys/options'));
    expect(next.excludeCredentials.map((c) => c.id)).toEqual([key.id]);
    const again = await register(b, key);
    expect(again.statusCode).toBe(409);
    expect(problem(again).detailCode).toBe('auth.passkey_exists');

    const id = list.items[0]!.id;
    expect(json<{ name: string }>(await b.send('PATCH', `/api/me/passkeys/${id}`, { name: 'Work laptop' })).name).toBe(
      'Work laptop',
    );
    // another account cannot see, rename or delete it
    const other = browser(t.app);
    await signInWithPassword(other, (await createUser(t.database)).email);
    expect(json<{ items: unknown[] }>(await other.send('GET', '/api/me/passkeys')).items).toEqual([]);
    expect((await other.send('PATCH', `/api/me/passkeys/${id}`, { name: 'Mine' })).statusCode).toBe(404);
    expect((await other.send('DELETE', `/api/me/passkeys/${id}`)).statusCode).toBe(404);
    expect((await b.send('DELETE', `/api/me/passkeys/${id}`)).statusCode).toBe(200);
    const actions = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.targetId, u.id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['passkey.create', 'passkey.rename', 'passkey.delete']));
  });

  it('refuses an attestation for another origin, another challenge, without the ceremony cookie, or bad input', async () => {
    const u = await createUser(t.database);
    const b = browser(t.app);
    await signInWithPassword(b, u.email);
    const key = new SoftAuthenticator({ origin: ORIGIN });
    let opts = json<{ challenge: string; rp: { id: string }; user: { id: string } }>(
      await b.send('POST', '/api/me/passkeys/options'),
    );
    const phished = await b.send('POST', '/api/me/passkeys', {
      name: 'x',
      response: key.create(opts, { origin: 'https://evil.test' }),
    });
    expect(problem(phished).detailCode).toBe('auth.passkey_not_verified');
    opts = json(await b.send('POST', '/api/me/passkeys/options'));
    const wrong = await b.send('POST', '/api/me/passkeys', { name: 'x', response: key.create({ ...opts, challenge: 'AAAA' }) });
    expect(problem(wrong).detailCode).toBe('auth.passkey_not_verified');
    // no ceremony in progress (the cookie was used by the refused attempt)
    const none = await b.send('POST', '/api/me/passkeys', { name: 'x', response: key.create(opts) });
    expect(problem(none).detailCode).toBe('auth.passkey_expired');
    const bad = await b.send('POST', '/api/me/passkeys', { name: '', response: { id: '!!', type: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(await t.database.db.select().from(passkeys).where(eq(passkeys.userId, u.id))).toEqual([]);
    // an API token cannot reach the options without a session ceremony either: signed-in only, and bound to a session
    const anon = await as(t.app, null).post('/api/me/passkeys/options');
    expect(anon.statusCode).toBe(401);
  });
});

describe('passkeys: sign-in', () => {
  let user: TestUser;
  let key: SoftAuthenticator;
  beforeAll(async () => {
    user = await createUser(t.database);
    key = new SoftAuthenticator({ origin: ORIGIN, synced: true });
    const b = browser(t.app);
    await signInWithPassword(b, user.email);
    expect((await register(b, key, 'Phone')).statusCode).toBe(201);
  });

  it('signs in without a password with a discoverable passkey and user verification; the session counts as MFA', async () => {
    const b = browser(t.app);
    const opts = json<{ challenge: string; allowCredentials?: unknown[]; userVerification: string }>(
      await b.send('POST', '/api/auth/passkey/options'),
    );
    expect(opts.allowCredentials ?? []).toEqual([]);
    const res = await b.send('POST', '/api/auth/passkey/sign-in', { response: key.get(opts) });
    expect(res.statusCode).toBe(200);
    expect(json<{ user: { id: string } }>(res).user.id).toBe(user.id);
    expect((await b.send('GET', '/api/me')).statusCode).toBe(200);
    const [row] = await t.database.db.select().from(passkeys).where(eq(passkeys.userId, user.id));
    expect(row!.lastUsedAt).not.toBeNull();
    expect(row!.backedUp).toBe(true);
    const s = await t.database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(s.map((x) => x.mfa)).toContain('passkey');
    const [audit] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, 'auth.sign-in')));
    expect(audit).toBeDefined();
  });

  it("refuses a replayed answer, one without this browser's ceremony, without user verification, or for another site", async () => {
    const b = browser(t.app);
    const opts = await options(b);
    const answer = key.get(opts);
    expect((await b.send('POST', '/api/auth/passkey/sign-in', { response: answer })).statusCode).toBe(200);
    // the same answer again, even with the same ceremony cookie put back: the challenge is used
    const replayer = browser(t.app);
    const ceremony = await (async () => {
      const c = browser(t.app);
      const o = await options(c);
      return { o, cookie: c.jar.get('mamori_webauthn')! };
    })();
    replayer.jar.set('mamori_webauthn', ceremony.cookie);
    const first = key.get(ceremony.o);
    expect((await replayer.send('POST', '/api/auth/passkey/sign-in', { response: first })).statusCode).toBe(200);
    replayer.jar.set('mamori_webauthn', ceremony.cookie);
    const replay = await replayer.send('POST', '/api/auth/passkey/sign-in', { response: first });
    expect(problem(replay).detailCode).toBe('auth.passkey_expired');
    // login CSRF: an answer to someone else's options, posted from a browser without that ceremony
    const victim = browser(t.app);
    const csrf = await victim.send('POST', '/api/auth/passkey/sign-in', { response: key.get(await options(browser(t.app))) });
    expect(problem(csrf).detailCode).toBe('auth.passkey_expired');
    const noUv = await b.send('POST', '/api/auth/passkey/sign-in', { response: key.get(await options(b), { uv: false }) });
    expect(problem(noUv).detailCode).toBe('auth.passkey_not_verified');
    const phished = await b.send('POST', '/api/auth/passkey/sign-in', {
      response: key.get(await options(b), { origin: 'https://mamori.example.test.evil.test' }),
    });
    expect(problem(phished).detailCode).toBe('auth.passkey_not_verified');
    const otherRp = await b.send('POST', '/api/auth/passkey/sign-in', {
      response: key.get(await options(b), { rpId: 'evil.test' }),
    });
    expect(problem(otherRp).detailCode).toBe('auth.passkey_not_verified');
    const unknown = new SoftAuthenticator({ origin: ORIGIN });
    const stranger = await b.send('POST', '/api/auth/passkey/sign-in', { response: unknown.get(await options(b)) });
    expect(problem(stranger).detailCode).toBe('auth.passkey_unknown');
    const failures = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, 'auth.sign-in-failed')));
    expect(failures.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a counter that does not grow (a cloned authenticator), and of two answers at one counter accepts one', async () => {
    const u = await createUser(t.database);
    const counting = new SoftAuthenticator({ origin: ORIGIN, counting: true });
    const b = browser(t.app);
    await signInWithPassword(b, u.email);
    expect((await register(b, counting)).statusCode).toBe(201);
    const ok = await b.send('POST', '/api/auth/passkey/sign-in', { response: counting.get(await options(b), { counter: 5 }) });
    expect(ok.statusCode).toBe(200);
    const clone = await b.send('POST', '/api/auth/passkey/sign-in', { response: counting.get(await options(b), { counter: 5 }) });
    expect(problem(clone).detailCode).toBe('auth.passkey_cloned');
    const back = await b.send('POST', '/api/auth/passkey/sign-in', { response: counting.get(await options(b), { counter: 2 }) });
    expect(problem(back).detailCode).toBe('auth.passkey_cloned');
    // two browsers answer at once with the same next counter: the use is recorded under the counter read before
    const [b1, b2] = [browser(t.app), browser(t.app)];
    const [o1, o2] = [await options(b1), await options(b2)];
    const [a1, a2] = [counting.get(o1, { counter: 9 }), counting.get(o2, { counter: 9 })];
    const results = await Promise.all([
      b1.send('POST', '/api/auth/passkey/sign-in', { response: a1 }),
      b2.send('POST', '/api/auth/passkey/sign-in', { response: a2 }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    const [row] = await t.database.db.select().from(passkeys).where(eq(passkeys.userId, u.id));
    expect(row!.counter).toBe(9);
  });

  it('is the second factor after a password: a password alone is then refused', async () => {
    const b = browser(t.app);
    const alone = await b.send('POST', '/api/auth/sign-in', { email: user.email, password: TEST_PASSWORD });
    expect(problem(alone)).toMatchObject({ status: 401, type: '/problems/mfa-required', detailCode: 'auth.passkey_needed' });
    // another account's passkey is not this account's second factor
    const other = await createUser(t.database);
    const otherKey = new SoftAuthenticator({ origin: ORIGIN });
    const ob = browser(t.app);
    await signInWithPassword(ob, other.email);
    expect((await register(ob, otherKey)).statusCode).toBe(201);
    const foreign = await b.send('POST', '/api/auth/sign-in', {
      email: user.email,
      password: TEST_PASSWORD,
      passkey: otherKey.get(await options(b)),
    });
    expect(problem(foreign).detailCode).toBe('auth.passkey_unknown');
    // as a second factor, presence is enough (the password was the first factor)
    const ok = await b.send('POST', '/api/auth/sign-in', {
      email: user.email,
      password: TEST_PASSWORD,
      passkey: key.get(await options(b), { uv: false }),
    });
    expect(ok.statusCode).toBe(200);
    // a wrong password never reaches the passkey
    const wrong = await browser(t.app).send('POST', '/api/auth/sign-in', {
      email: user.email,
      password: 'not-the-password-1',
      passkey: key.get({ challenge: 'AAAA' }),
    });
    expect(problem(wrong).detailCode).toBe('auth.wrong_credentials');
  });
});

describe('passkeys: roles that require MFA, local sign-in limited to break-glass administrators', () => {
  it('a passkey satisfies a role that requires MFA (sessions and API tokens)', async () => {
    expect((await as(t.app, admin).patch('/api/settings', { mfaRequiredRoles: ['security_office'] })).statusCode).toBe(200);
    try {
      const office = await createUser(t.database, [{ role: 'security_office' }]);
      const b = browser(t.app);
      await signInWithPassword(b, office.email);
      expect(json<{ mfaEnrollmentRequired: boolean }>(await b.send('GET', '/api/me')).mfaEnrollmentRequired).toBe(true);
      expect((await as(t.app, office).get('/api/risks')).statusCode).toBe(403);
      expect((await register(b, new SoftAuthenticator({ origin: ORIGIN }))).statusCode).toBe(201);
      expect(json<{ mfaEnrollmentRequired: boolean }>(await b.send('GET', '/api/me')).mfaEnrollmentRequired).toBe(false);
      expect((await as(t.app, office).get('/api/risks')).statusCode).not.toBe(403);
    } finally {
      await as(t.app, admin).patch('/api/settings', { mfaRequiredRoles: [] });
    }
  });

  it('with localSignIn break_glass, only system administrators sign in locally; others are pointed to SSO', async () => {
    const u = await createUser(t.database);
    const key = new SoftAuthenticator({ origin: ORIGIN });
    const b = browser(t.app);
    await signInWithPassword(b, u.email);
    expect((await register(b, key)).statusCode).toBe(201);
    const bad = await as(t.app, admin).patch('/api/settings', { localSignIn: 'nobody' });
    expect(bad.statusCode).toBe(400);
    expect((await as(t.app, admin).patch('/api/settings', { localSignIn: 'break_glass' })).statusCode).toBe(200);
    try {
      const refused = await browser(t.app).send('POST', '/api/auth/sign-in', { email: u.email, password: TEST_PASSWORD });
      expect(problem(refused)).toMatchObject({ status: 403, detailCode: 'auth.sso_only' });
      const nb = browser(t.app);
      const viaPasskey = await nb.send('POST', '/api/auth/passkey/sign-in', { response: key.get(await options(nb)) });
      expect(problem(viaPasskey)).toMatchObject({ status: 403, detailCode: 'auth.sso_only' });
      // a wrong password is told as wrong, not as "use SSO" (the refusal is only for who knows the password)
      const wrong = await browser(t.app).send('POST', '/api/auth/sign-in', { email: u.email, password: 'not-the-password-1' });
      expect(problem(wrong).detailCode).toBe('auth.wrong_credentials');
      await signInWithPassword(browser(t.app), admin.email);
      const reasons = await t.database.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.targetId, u.id), eq(auditEvents.action, 'auth.sign-in-failed')));
      expect(reasons.map((r) => (r.after as { reason: string }).reason)).toContain('sso-only');
    } finally {
      await as(t.app, admin).patch('/api/settings', { localSignIn: 'everyone' });
    }
  });
});
