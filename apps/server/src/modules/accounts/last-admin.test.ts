import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roleAssignments, users } from '../../platform/auth/tables';
import { as, createTestApp, createUser, type TestApp, type TestUser } from '../../test/app';
import { inParallel } from '../../test/concurrency';

let t: TestApp;
let a: TestUser;
let b: TestUser;

beforeEach(async () => {
  t = await createTestApp();
  a = await createUser(t.database, [{ role: 'system_admin' }]);
  b = await createUser(t.database, [{ role: 'system_admin' }]);
});
afterEach(() => t.close());

const adminAssignment = async (user: TestUser) =>
  (
    await t.database.db
      .select({ id: roleAssignments.id })
      .from(roleAssignments)
      .where(and(eq(roleAssignments.userId, user.id), eq(roleAssignments.role, 'system_admin')))
  )[0]!.id;

const activeAdmins = async () =>
  (
    await t.database.db
      .select({ id: users.id })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .where(and(eq(roleAssignments.role, 'system_admin'), eq(users.status, 'active')))
  ).length;

describe('the last system administrator', () => {
  it('stays when two administrators remove each other at the same moment: one removal goes through, the other is 409', async () => {
    const [ofA, ofB] = [await adminAssignment(a), await adminAssignment(b)];
    const answers = await inParallel(2, (i) =>
      i === 0 ? as(t.app, a).delete(`/api/role-assignments/${ofB}`) : as(t.app, b).delete(`/api/role-assignments/${ofA}`),
    );
    const codes = answers.map((r) => r.statusCode).sort();
    // the second is refused either by the guard (409, it would remove the last one) or, when it signs in after the
    // first removal committed, because it no longer holds the role (403): never both removals
    expect(codes[0]).toBe(200);
    expect([403, 409]).toContain(codes[1]);
    expect(await activeAdmins()).toBe(1);
    const refused = answers.find((r) => r.statusCode === 409);
    if (refused) expect(refused.json()).toMatchObject({ detailCode: 'account.last_admin' });
  });

  it('stays when two administrators disable each other at the same moment', async () => {
    const answers = await inParallel(2, (i) =>
      as(t.app, i === 0 ? a : b).post('/api/accounts/disable', { ids: [i === 0 ? b.id : a.id], reason: 'test' }),
    );
    expect(answers.map((r) => r.statusCode)).toContain(200);
    expect(await activeAdmins()).toBe(1);
  });

  it('may still be removed once another administrator exists', async () => {
    const c = await createUser(t.database, [{ role: 'system_admin' }]);
    expect((await as(t.app, a).delete(`/api/role-assignments/${await adminAssignment(b)}`)).statusCode).toBe(200);
    expect((await as(t.app, c).delete(`/api/role-assignments/${await adminAssignment(a)}`)).statusCode).toBe(200);
    expect(await activeAdmins()).toBe(1);
  });
});
