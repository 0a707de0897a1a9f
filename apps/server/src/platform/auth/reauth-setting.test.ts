import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from '../audit/tables';
import { clearSettingCache } from '../settings/effective';
import { as, browser, createTestApp, createUser, json, TEST_PASSWORD, type TestApp, type TestUser } from '../../test/app';
import { sessions } from './tables';
import { orgTree } from '../../test/org-tree';

/**
 * The step-up window in Settings (`reauthMinutes`, the group's `auth.reauth`) and per company, shorter only.
 */
let t: TestApp;
let admin: TestUser;
let autoOffice: TestUser;
let autoStaff: TestUser;
let solStaff: TestUser;
const u: Record<string, string> = {};
const putUrl = (unit: string) => `/api/companies/${unit}/settings/auth.reauth`;

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.database, [{ role: 'system_admin' }]);
  const tree = orgTree(t, admin, u);
  const add = tree.unit;
  await add('HOLD', 'company');
  await add('AUTO', 'company', 'HOLD');
  await add('SOL', 'company', 'HOLD');
  const personIn = (key: string, unitCode: string) => tree.person(key, unitCode);
  autoOffice = await createUser(t.database, [{ role: 'security_office', orgUnitId: u.AUTO }]);
  autoStaff = await createUser(t.database, [{ role: 'employee' }], { personId: await personIn('autoStaff', 'AUTO') });
  solStaff = await createUser(t.database, [{ role: 'employee' }], { personId: await personIn('solStaff', 'SOL') });
});
afterAll(() => t.close());
beforeEach(() => clearSettingCache());

const age = (userId: string, minutes: number) =>
  t.database.db
    .update(sessions)
    .set({ authenticatedAt: sql`now() - make_interval(mins => ${minutes})` })
    .where(eq(sessions.userId, userId));

async function signedIn(user: TestUser) {
  const b = browser(t.app);
  expect((await b.send('POST', '/api/auth/sign-in', { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(200);
  return b;
}

describe('the step-up window setting', () => {
  it('is 10 minutes until changed; a system administrator changes it in Settings, audited', async () => {
    expect(json(await as(t.app, admin).get('/api/settings'))).toMatchObject({ reauthMinutes: 10 });
    const res = await as(t.app, admin).patch('/api/settings', { reauthMinutes: 30 });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toMatchObject({ reauthMinutes: 30 });
    expect(json(await as(t.app, admin).get('/api/settings'))).toMatchObject({ reauthMinutes: 30 });
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'settings.scoped.update'), eq(auditEvents.targetId, 'auth.reauth@group')));
    expect(events.at(-1)?.after).toEqual({ maxAgeMinutes: 30 });
  });

  it('refuses a value outside 1…720 minutes, naming the field, and changes nothing', async () => {
    for (const bad of [0, 721, 2.5, 'ten']) {
      const res = await as(t.app, admin).patch('/api/settings', { reauthMinutes: bad, inactiveDays: 3 });
      expect(res.statusCode).toBe(400);
      const paths = json<{ errors: { path: string }[] }>(res).errors.map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['body.reauthMinutes', 'body.inactiveDays']));
    }
    expect(json(await as(t.app, admin).get('/api/settings'))).toMatchObject({ reauthMinutes: 30 });
  });

  it('only those who manage settings may change it, and only with a recent sign-in', async () => {
    expect((await as(t.app, solStaff).patch('/api/settings', { reauthMinutes: 5 })).statusCode).toBe(403);
    expect((await as(t.app, autoOffice).patch('/api/settings', { reauthMinutes: 5 })).statusCode).toBe(403);
    const b = await signedIn(admin);
    await age(admin.id, 31);
    const late = await b.send('PATCH', '/api/settings', { reauthMinutes: 5 });
    expect(late.statusCode).toBe(401);
    expect(json(late)).toMatchObject({ detailCode: 'auth.reauth_required' });
    await age(admin.id, 29);
    expect((await b.send('PATCH', '/api/settings', { reauthMinutes: 20 })).statusCode).toBe(200);
  });

  it('applies to sessions: 20 minutes after the sign-in, a token needs a new confirmation', async () => {
    const b = await signedIn(solStaff);
    await age(solStaff.id, 19);
    expect((await b.send('POST', '/api/me/tokens', { name: 'a', expiresInDays: 30 })).statusCode).toBe(201);
    await age(solStaff.id, 21);
    expect((await b.send('POST', '/api/me/tokens', { name: 'b', expiresInDays: 30 })).statusCode).toBe(401);
  });

  it('a company may only shorten it, for its own people', async () => {
    const looser = await as(t.app, autoOffice).put(putUrl(u.AUTO!), { value: { maxAgeMinutes: 60 } }, { 'if-match': '"0"' });
    expect(looser.statusCode).toBe(400);
    expect(json<{ errors: { path: string; code: string }[] }>(looser).errors).toEqual([
      expect.objectContaining({ path: 'body.value.maxAgeMinutes', code: 'group.reauth_looser' }),
    ]);
    const shorter = await as(t.app, autoOffice).put(putUrl(u.AUTO!), { value: { maxAgeMinutes: 5 } }, { 'if-match': '"0"' });
    expect(shorter.statusCode, shorter.body).toBe(200);
    clearSettingCache();

    const auto = await signedIn(autoStaff);
    const sol = await signedIn(solStaff);
    await age(autoStaff.id, 6);
    await age(solStaff.id, 6);
    expect((await auto.send('POST', '/api/me/tokens', { name: 'c', expiresInDays: 30 })).statusCode).toBe(401);
    expect((await sol.send('POST', '/api/me/tokens', { name: 'c', expiresInDays: 30 })).statusCode).toBe(201);

    // the group shortens its own below the company's: the group's applies to the company's people at once
    expect((await as(t.app, admin).patch('/api/settings', { reauthMinutes: 3 })).statusCode).toBe(200);
    clearSettingCache();
    await age(autoStaff.id, 4);
    expect((await auto.send('POST', '/api/me/tokens', { name: 'd', expiresInDays: 30 })).statusCode).toBe(401);
  });
});
