import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit/verify';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';

let t: TestApp;
let office: TestUser;
let siteOfficeA: TestUser;
let employee: TestUser;
let siteA: string;
let siteB: string;

type Page = { items: { action: string; targetId: string; actorId: string; seq: string }[]; nextCursor: string | null };

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const mk = async (parentId: string | null, code: string) =>
    json<{ id: string }>(
      await as(t.app, office).post('/api/org-units', { parentId, code, kind: 'site', nameJa: code, nameEn: code }),
    ).id;
  const g = await mk(null, 'G');
  siteA = await mk(g, 'A');
  siteB = await mk(g, 'B');
  siteOfficeA = await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteA }]);
  employee = await createUser(t.database, [{ role: 'employee', orgUnitId: siteA }]);
});
afterAll(() => t.close());

describe('audit log', () => {
  it('records each change with actor, target, before and after, in a valid chain', async () => {
    await as(t.app, office).patch(`/api/org-units/${siteA}`, { nameEn: 'Site A' });
    const page = json<{ items: { action: string; before: { nameEn: string }; after: { nameEn: string }; actorId: string }[] }>(
      await as(t.app, office).get(`/api/audit-events?targetId=${siteA}`),
    );
    expect(page.items[0]).toMatchObject({
      action: 'org_unit.update',
      before: { nameEn: 'A' },
      after: { nameEn: 'Site A' },
      actorId: office.id,
    });
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });

  it('logs reads of a person record', async () => {
    const { id } = json<{ id: string }>(
      await as(t.app, office).post('/api/people', {
        employeeNo: 'R1',
        nameJa: '読',
        nameEn: 'Reader',
        kind: 'employee',
        orgUnitId: siteA,
      }),
    );
    await as(t.app, siteOfficeA).get(`/api/people/${id}`);
    const page = json<Page>(await as(t.app, office).get(`/api/audit-events?action=person.read&targetId=${id}`));
    expect(page.items.map((e) => e.actorId)).toEqual([siteOfficeA.id]);
    const prefix = json<Page>(await as(t.app, office).get(`/api/audit-events?action=person.&targetId=${id}`));
    expect(prefix.items.map((e) => e.action)).toEqual(['person.read', 'person.create']);
  });

  it('pages newest first with a cursor and filters by actor and date range', async () => {
    const first = json<Page>(await as(t.app, office).get(`/api/audit-events?actorId=${office.id}&limit=2`));
    expect(first.items).toHaveLength(2);
    expect(BigInt(first.items[0]!.seq)).toBeGreaterThan(BigInt(first.items[1]!.seq));
    const next = json<Page>(
      await as(t.app, office).get(`/api/audit-events?actorId=${office.id}&limit=2&cursor=${first.nextCursor}`),
    );
    expect(BigInt(next.items[0]!.seq)).toBeLessThan(BigInt(first.items[1]!.seq));
    const future = json<Page>(
      await as(t.app, office).get(`/api/audit-events?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`),
    );
    expect(future.items).toEqual([]);
    expect((await as(t.app, office).get('/api/audit-events?cursor=abc')).statusCode).toBe(400);
  });

  it('shows a site office only the events of its site, and refuses an employee', async () => {
    await as(t.app, office).patch(`/api/org-units/${siteB}`, { nameEn: 'Site B' });
    const scoped = json<Page>(await as(t.app, siteOfficeA).get('/api/audit-events?limit=500'));
    expect(scoped.items.some((e) => e.targetId === siteA)).toBe(true);
    expect(scoped.items.some((e) => e.targetId === siteB)).toBe(false);
    expect((await as(t.app, employee).get('/api/audit-events')).statusCode).toBe(403);
    expect((await as(t.app, null).get('/api/audit-events')).statusCode).toBe(401);
  });

  it('refuses direct edits of the log in the database', async () => {
    await expect(t.database.db.execute(sql`UPDATE audit_events SET action = 'x'`)).rejects.toThrow();
  });
});
