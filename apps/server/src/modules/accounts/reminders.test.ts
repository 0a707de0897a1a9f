import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../platform/auth/tables';
import { as, createTestApp, createUser, json, type TestApp } from '../../test/app';
import { reviewDigests } from './reminders';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('ID review digest', () => {
  it('counts, per responsible person, the accounts to review and the inactive ones in their scope', async () => {
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const mk = async (parentId: string | null, code: string) =>
      json<{ id: string }>(
        await as(t.app, office).post('/api/org-units', { parentId, code, kind: 'site', nameJa: code, nameEn: code }),
      ).id;
    const g = await mk(null, 'G');
    const a = await mk(g, 'A');
    const b = await mk(g, 'B');
    const headA = await createUser(t.database, [{ role: 'org_head', orgUnitId: a }]);
    const headB = await createUser(t.database, [{ role: 'org_head', orgUnitId: b }]);
    const person = json<{ id: string }>(
      await as(t.app, office).post('/api/people', {
        employeeNo: 'L1',
        nameJa: '退',
        nameEn: 'Leaver',
        kind: 'employee',
        orgUnitId: a,
      }),
    ).id;
    const leaver = await createUser(t.database, [{ role: 'employee', orgUnitId: a }], { personId: person });
    await as(t.app, office).patch(`/api/people/${person}`, { status: 'left' });
    await t.database.db
      .update(users)
      .set({ lastActiveAt: new Date(Date.now() - 400 * 86_400_000) })
      .where(eq(users.id, leaver.id));

    const digests = await reviewDigests(t.database.db);
    const of = (email: string) => digests.find((d) => d.email === email);
    expect(of(headA.email)).toEqual({ email: headA.email, review: 1, inactive: 1 });
    expect(of(headB.email)).toBeUndefined();
    // the office (group-wide) also sees the accounts without a person: the test users themselves
    expect(of(office.email)!.review).toBeGreaterThanOrEqual(1);
  });
});
