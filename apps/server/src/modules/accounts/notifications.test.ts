import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { ids, recipientsOf } from '../../test/notifications';

let t: TestApp;
let office: TestUser;
let headA: TestUser;
let headB: TestUser;
let leaderA: TestUser;
let siteA: string;

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const mk = async (parentId: string | null, code: string, kind: string) =>
    json<{ id: string }>(await as(t.app, office).post('/api/org-units', { parentId, code, kind, nameJa: code, nameEn: code })).id;
  const g = await mk(null, 'G', 'company');
  siteA = await mk(g, 'A', 'site');
  const siteB = await mk(g, 'B', 'site');
  headA = await createUser(t.database, [{ role: 'org_head', orgUnitId: siteA }]);
  headB = await createUser(t.database, [{ role: 'org_head', orgUnitId: siteB }]);
  leaderA = await createUser(t.database, [{ role: 'promotion_leader', orgUnitId: siteA }]);
});
afterAll(() => t.close());

describe('account request notifications', () => {
  it("tell the approvers in the person's scope of a request, not the requester or another unit's head", async () => {
    const personId = json<{ id: string }>(
      await as(t.app, office).post('/api/people', {
        employeeNo: 'A1',
        nameJa: '社員 A1',
        nameEn: 'Person A1',
        kind: 'employee',
        orgUnitId: siteA,
      }),
    ).id;
    const res = await as(t.app, leaderA).post('/api/account-requests', { personId, email: 'a1@example.test', reason: 'joins' });
    expect(res.statusCode).toBe(201);
    expect(await recipientsOf(t.database.db, 'account-request.pending', '/accounts?tab=requests')).toEqual(ids(headA, office));
    const [item] = json<{ items: { params: Record<string, unknown> }[] }>(await as(t.app, headA).get('/api/notifications')).items;
    expect(item!.params).toEqual({ person: { ja: '社員 A1', en: 'Person A1' }, email: 'a1@example.test' });
    for (const outsider of [leaderA, headB])
      expect(json<{ items: unknown[] }>(await as(t.app, outsider).get('/api/notifications')).items).toEqual([]);
  });
});
