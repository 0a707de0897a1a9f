import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../platform/auth/tables';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { auditOf, inParallel, unlinkedFields } from '../../test/concurrency';

let t: TestApp;
let office: TestUser;
let admin: TestUser;
let site: string;

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  admin = await createUser(t.database, [{ role: 'system_admin' }]);
  const mk = async (parentId: string | null, code: string, kind: string) =>
    json<{ id: string }>(await as(t.app, office).post('/api/org-units', { parentId, code, kind, nameJa: code, nameEn: code })).id;
  site = await mk(await mk(null, 'G', 'company'), 'S', 'site');
});
afterAll(() => t.close());

const person = async (no: string) =>
  json<{ id: string }>(
    await as(t.app, office).post('/api/people', { employeeNo: no, nameJa: no, nameEn: no, kind: 'employee', orgUnitId: site }),
  ).id;

describe('concurrent account changes', () => {
  it('approves a request once when approvals and a rejection race: one account, the others 409', async () => {
    const leader = await createUser(t.database, [{ role: 'promotion_leader', orgUnitId: site }]);
    const email = 'race@example.test';
    const req = json<{ id: string }>(
      await as(t.app, leader).post('/api/account-requests', { personId: await person('R1'), email, reason: 'joins' }),
    );
    const answers = await inParallel(6, (i) =>
      as(t.app, office).post(`/api/account-requests/${req.id}/${i === 5 ? 'reject' : 'approve'}`, {}),
    );
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c < 300)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(5);
    const approved = codes.slice(0, 5).some((c) => c < 300);
    expect(await t.database.db.select().from(users).where(eq(users.email, email))).toHaveLength(approved ? 1 : 0);
    expect(
      (await auditOf(t.database, 'account_request', req.id)).filter((e) => e.action !== 'account_request.create'),
    ).toHaveLength(1);
  });

  it('sets one password when an activation link is used several times at once', async () => {
    const leader = await createUser(t.database, [{ role: 'promotion_leader', orgUnitId: site }]);
    const req = json<{ id: string }>(
      await as(t.app, leader).post('/api/account-requests', {
        personId: await person('R3'),
        email: 'act@example.test',
        reason: 'joins',
      }),
    );
    const { activationUrl } = json<{ activationUrl: string }>(
      await as(t.app, office).post(`/api/account-requests/${req.id}/approve`, {}),
    );
    const token = new URL(activationUrl).searchParams.get('token')!;
    const answers = await inParallel(4, (i) =>
      as(t.app, null).post('/api/activate', { token, password: `river-stone-lantern-${i}` }),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400, 400, 400]);
  });

  it('disables and enables an account in parallel with every audit event following the one before', async () => {
    const target = await createUser(t.database, [{ role: 'employee', orgUnitId: site }], { personId: await person('R2') });
    const answers = await inParallel(10, (i) =>
      i % 2
        ? as(t.app, office).post('/api/accounts/disable', { ids: [target.id], reason: 'race' })
        : as(t.app, office).post(`/api/accounts/${target.id}/enable`),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
    const events = await auditOf(t.database, 'user', target.id);
    const statuses = events.filter((e) => e.action === 'account.disable' || e.action === 'account.enable');
    expect(unlinkedFields(statuses.map((e) => ({ ...e, after: { status: (e.after as { status: string }).status } })))).toEqual(
      [],
    );
  });

  it('keeps both of two settings changed at the same moment', async () => {
    const [a, b] = await inParallel(2, (i) =>
      as(t.app, admin).patch('/api/settings', i ? { inactiveDays: 45 } : { sessionIdleMinutes: 17 }),
    );
    expect([a!.statusCode, b!.statusCode]).toEqual([200, 200]);
    const now = json<{ inactiveDays: number; sessionIdleMinutes: number }>(await as(t.app, admin).get('/api/settings'));
    expect(now).toMatchObject({ inactiveDays: 45, sessionIdleMinutes: 17 });
    const events = await auditOf(t.database, 'settings', 'platform');
    expect(unlinkedFields(events)).toEqual([]);
  });
});
