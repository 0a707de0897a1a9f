import type { NextSteps } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../platform/auth/tables';
import { makePartner } from '../partners/testing';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';

let t: TestApp;
let admin: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.database, [{ role: 'system_admin' }]);
});
afterAll(() => t.close());

const steps = async (user: TestUser = admin) => {
  const res = await as(t.app, user).get('/api/next-steps');
  if (res.statusCode !== 200) throw new Error(res.body);
  const body = json<NextSteps>(res);
  return Object.fromEntries(body.steps.map((s) => [s.key, s]));
};

describe('GET /api/next-steps (after the first administrator set Mamori up)', () => {
  it('starts with everything to do, then each step is done by the data, not by a tick', async () => {
    let s = await steps();
    expect(Object.values(s).map((x) => x.done)).toEqual([false, false, false, false, false, false, false]);
    expect(s.accounts!.count).toBe(1);

    const company = { parentId: null, code: 'HZ', kind: 'company', nameJa: '星空工業', nameEn: 'Hoshizora' };
    const root = json<{ id: string }>(await as(t.app, admin).post('/api/org-units', company));
    await as(t.app, admin).post('/api/org-units', {
      parentId: root.id,
      code: 'S1',
      kind: 'site',
      nameJa: '工場',
      nameEn: 'Plant',
    });
    const person = { employeeNo: 'E1', nameJa: '山田 花子', nameEn: 'Hanako Yamada', orgUnitId: root.id, kind: 'employee' };
    expect((await as(t.app, admin).post('/api/people', person)).statusCode).toBe(201);
    await createUser(t.database, [{ role: 'security_office' }]);
    expect((await steps()).my_mfa!.done).toBe(false);
    // the administrator enrols (as on the account page), then requires MFA of the office roles
    await t.database.db.update(users).set({ mfaEnabled: true, mfaSecret: 'x' }).where(eq(users.id, admin.id));
    const patch = { mfaRequiredRoles: ['system_admin', 'security_office', 'ciso'] };
    expect((await as(t.app, admin).patch('/api/settings', patch)).statusCode).toBe(200);

    s = await steps();
    expect(s.org).toEqual({ key: 'org', done: true, count: 2 });
    expect(s.people).toEqual({ key: 'people', done: true, count: 1 });
    expect(s.accounts!.done).toBe(true);
    expect(s.office).toEqual({ key: 'office', done: true, count: 1 });
    expect(s.mfa_roles!.done).toBe(true);
    expect(s.my_mfa!.done).toBe(true);
    expect(s.mail!.done).toBe(false); // no MAMORI_SMTP_URL in the tests' configuration
  });

  it('MFA required for only some of the office roles is not done', async () => {
    expect((await as(t.app, admin).patch('/api/settings', { mfaRequiredRoles: ['system_admin'] })).statusCode).toBe(200);
    expect((await steps()).mfa_roles!.done).toBe(false);
  });

  it('is for those who manage settings: others 403, a partner 403, nobody signed in 401', async () => {
    const auditor = await createUser(t.database, [{ role: 'auditor' }]);
    const employee = await createUser(t.database, [{ role: 'employee' }]);
    expect((await as(t.app, auditor).get('/api/next-steps')).statusCode).toBe(403);
    expect((await as(t.app, employee).get('/api/next-steps')).statusCode).toBe(403);
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    await t.database.db.update(users).set({ mfaEnabled: true, mfaSecret: 'x' }).where(eq(users.id, office.id));
    const partner = await makePartner(t.app, office, 'NS');
    const partnerUser = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: partner.id });
    expect((await as(t.app, partnerUser).get('/api/next-steps')).statusCode).toBe(403);
    expect((await as(t.app, null).get('/api/next-steps')).statusCode).toBe(401);
  });
});
