import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt, stepAt } from '../../platform/auth/totp';
import { users } from '../../platform/auth/tables';
import { as, browser, createTestApp, createUser, json, TEST_PASSWORD, type TestApp } from '../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ADMIN = { email: 'root@example.test', password: 'blue-kettle-harbour-42', name: 'Root' };

describe('first-run setup', () => {
  it('creates the first admin once, then refuses', async () => {
    expect(json(await as(t.app, null).get('/api/setup'))).toEqual({ needed: true });
    const weak = await as(t.app, null).post('/api/setup', { ...ADMIN, password: 'password1234' });
    expect(weak.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(weak).errors[0]!.path).toBe('body.password');
    for (const [password, code] of [
      ['Password123!', 'password.breached'],
      ['1234567890123', 'password.sequence'],
    ]) {
      const refused = await as(t.app, null).post('/api/setup', { ...ADMIN, password });
      expect(json(refused)).toMatchObject({ status: 400, errors: [{ path: 'body.password', code }] });
    }
    const b = browser(t.app);
    const res = await b.send('POST', '/api/setup', ADMIN);
    expect(res.statusCode).toBe(200);
    expect(res.cookies[0]).toMatchObject({ name: 'mamori_session', httpOnly: true, sameSite: 'Lax' });
    expect(json(await as(t.app, null).get('/api/setup'))).toEqual({ needed: false });
    const again = await as(t.app, null).post('/api/setup', { ...ADMIN, email: 'other@example.test' });
    expect(again.statusCode).toBe(409);
  });
});

describe('sessions, CSRF, MFA', () => {
  it('signs in with a cookie, needs the CSRF header for changes, and signs out', async () => {
    const b = browser(t.app);
    expect((await b.send('POST', '/api/auth/sign-in', { email: ADMIN.email, password: ADMIN.password })).statusCode).toBe(200);
    expect((await b.send('GET', '/api/me')).statusCode).toBe(200);
    const noCsrf = await b.send('PATCH', '/api/me', { language: 'ja' }, false);
    expect(noCsrf.statusCode).toBe(403);
    expect(json(noCsrf)).toMatchObject({ type: '/problems/csrf' });
    expect(json<{ user: { language: string } }>(await b.send('PATCH', '/api/me', { language: 'ja' })).user.language).toBe('ja');
    expect((await b.send('POST', '/api/auth/sign-out')).statusCode).toBe(200);
    expect((await b.send('GET', '/api/me')).statusCode).toBe(401);
  });

  it('enrols TOTP, then requires a fresh code at sign-in', async () => {
    const b = browser(t.app);
    await b.send('POST', '/api/auth/sign-in', { email: ADMIN.email, password: ADMIN.password });
    const { secret } = json<{ secret: string }>(await b.send('POST', '/api/me/mfa/setup'));
    expect((await b.send('POST', '/api/me/mfa/enable', { code: '000000' })).statusCode).toBe(400);
    const code = totpAt(secret, stepAt(Date.now()) - 1);
    expect((await b.send('POST', '/api/me/mfa/enable', { code })).statusCode).toBe(200);

    const b2 = browser(t.app);
    const noCode = await b2.send('POST', '/api/auth/sign-in', { email: ADMIN.email, password: ADMIN.password });
    expect(json(noCode)).toMatchObject({ status: 401, type: '/problems/mfa-required' });
    const replay = await b2.send('POST', '/api/auth/sign-in', { email: ADMIN.email, password: ADMIN.password, totp: code });
    expect(replay.statusCode).toBe(401);
    const fresh = totpAt(secret, stepAt(Date.now()));
    const ok = await b2.send('POST', '/api/auth/sign-in', { email: ADMIN.email, password: ADMIN.password, totp: fresh });
    expect(json<{ user: { mfaEnabled: boolean } }>(ok).user.mfaEnabled).toBe(true);
    await t.database.db.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.email, ADMIN.email));
  });

  it('forces MFA enrolment for roles that require it, except on account pages', async () => {
    const officer = await createUser(t.database, [{ role: 'security_office' }]);
    const adminToken = await createUser(t.database, [{ role: 'system_admin' }]);
    expect((await as(t.app, adminToken).patch('/api/settings', { mfaRequiredRoles: ['security_office'] })).statusCode).toBe(200);
    const s = browser(t.app);
    const me = await s.send('POST', '/api/auth/sign-in', { email: officer.email, password: TEST_PASSWORD });
    expect(json<{ mfaEnrollmentRequired: boolean }>(me).mfaEnrollmentRequired).toBe(true);
    const blocked = await s.send('GET', '/api/people');
    expect(json(blocked)).toMatchObject({ status: 403, type: '/problems/mfa-enrollment-required' });
    expect((await s.send('POST', '/api/me/mfa/setup')).statusCode).toBe(200);
    await as(t.app, adminToken).patch('/api/settings', { mfaRequiredRoles: [] });
  });
});

describe('API tokens', () => {
  it('stop working while their user must use MFA and has none, and work again once it is set up', async () => {
    const officer = await createUser(t.database, [{ role: 'security_office' }]);
    const admin = await createUser(t.database, [{ role: 'system_admin' }]);
    expect((await as(t.app, officer).get('/api/people')).statusCode).toBe(200);
    expect((await as(t.app, admin).patch('/api/settings', { mfaRequiredRoles: ['security_office'] })).statusCode).toBe(200);
    try {
      // The token was issued before MFA became mandatory: refused everywhere, own account pages included.
      for (const url of ['/api/people', '/api/me', '/api/me/tokens']) {
        expect(json(await as(t.app, officer).get(url))).toMatchObject({ status: 403, type: '/problems/mfa-enrollment-required' });
      }
      expect((await as(t.app, officer).post('/api/me/mfa/setup')).statusCode).toBe(403);
      // Other users' tokens are unaffected.
      expect((await as(t.app, admin).get('/api/people')).statusCode).toBe(200);
      // Once the user has set MFA up (in the web app, with a session), the token works again.
      await t.database.db.update(users).set({ mfaEnabled: true, mfaSecret: 'x' }).where(eq(users.id, officer.id));
      expect((await as(t.app, officer).get('/api/people')).statusCode).toBe(200);
    } finally {
      await as(t.app, admin).patch('/api/settings', { mfaRequiredRoles: [] });
    }
  });

  it('are shown once, stored as a hash, usable as Bearer, and revocable', async () => {
    const u = await createUser(t.database, [{ role: 'security_office' }]);
    const created = await as(t.app, u).post('/api/me/tokens', { name: 'ci', expiresInDays: 30 });
    expect(created.statusCode).toBe(201);
    const { token, id } = json<{ token: string; id: string }>(created);
    expect(token).toMatch(/^mmr_/);
    const list = json<{ items: Record<string, unknown>[] }>(await as(t.app, u).get('/api/me/tokens'));
    expect(JSON.stringify(list)).not.toContain(token);
    const bearer = { id: u.id, email: u.email, token };
    expect((await as(t.app, bearer).get('/api/org-units')).statusCode).toBe(200);
    expect((await as(t.app, u).delete(`/api/me/tokens/${id}`)).statusCode).toBe(200);
    expect((await as(t.app, bearer).get('/api/org-units')).statusCode).toBe(401);
  });
});

describe('errors', () => {
  it('answers problem+json for unknown routes, bad JSON and oversized bodies', async () => {
    const missing = await as(t.app, null).get('/api/nothing-here');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(json(bad)).toMatchObject({ status: 400, type: '/problems/bad-request' });
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(json(huge)).toMatchObject({ status: 413 });
  });

  it('sets security headers', async () => {
    const res = await as(t.app, null).get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
