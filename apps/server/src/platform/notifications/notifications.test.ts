import { UNREAD_COUNT_CAP } from '@mamori/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import type { Db } from '../../db/client';
import { auditEvents } from '../audit/tables';
import { systemActor } from '../audit/record';
import { users } from '../auth/tables';
import { inTransaction } from '../tx';
import { notify } from './notify';
import { notifications } from './tables';

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let gone: TestUser;
type Item = { id: string; kind: string; titleKey: string; params: Record<string, unknown>; link: string; readAt: string | null };
type Page = { items: Item[]; nextCursor: string | null; unread: number };

const inTx = <T>(fn: (tx: Db) => Promise<T>) =>
  inTransaction({ db: t.database.db, actor: systemActor('test'), principal: null }, fn);
/** One notification per call, a few milliseconds apart so that "newest first" has one answer. */
const memberAdded = async (to: (string | { id: string })[], n: number, except?: string) => {
  await new Promise((resolve) => setTimeout(resolve, 3));
  return inTx((tx) =>
    notify(tx, {
      to,
      kind: 'incident.member-added',
      params: { number: `INC-2026-0000${n}`, by: 'Office' },
      link: `/incidents/${n}`,
      except,
    }),
  );
};
const list = async (user: TestUser, query = '') => json<Page>(await as(t.app, user).get(`/api/notifications${query}`));

beforeAll(async () => {
  t = await createTestApp();
  alice = await createUser(t.database, [{ role: 'employee' }]);
  bob = await createUser(t.database, [{ role: 'employee' }]);
  gone = await createUser(t.database, [{ role: 'employee' }]);
  await t.database.db.update(users).set({ status: 'disabled' }).where(eq(users.id, gone.id));
});
afterAll(() => t.close());

describe('notify', () => {
  it('gives each active recipient one notification, skips the actor and disabled accounts', async () => {
    const n = await memberAdded([alice.id, { id: alice.id }, bob.id, gone.id], 1, bob.id);
    expect(n).toBe(1);
    const rows = await t.database.db.select().from(notifications);
    expect(rows.map((r) => r.recipientId)).toEqual([alice.id]);
    expect(rows[0]).toMatchObject({
      kind: 'incident.member-added',
      titleKey: 'notifications.messages.incident_member_added.title',
      bodyKey: 'notifications.messages.incident_member_added.body',
      params: { number: 'INC-2026-00001', by: 'Office' },
      readAt: null,
    });
  });

  it('refuses a link that leaves the app, and writes nothing', async () => {
    await expect(
      inTx((tx) =>
        notify(tx, { to: [bob.id], kind: 'improvement-request.overdue', params: { count: 1 }, link: '//evil.example' }),
      ),
    ).rejects.toThrow(/not a path inside the app/);
    expect((await list(bob)).items).toEqual([]);
  });
});

describe('GET /api/notifications', () => {
  it('lists only my own, newest first, keyset-paged, with my unread count', async () => {
    for (const n of [2, 3, 4, 5]) await memberAdded([alice.id], n);
    await memberAdded([bob.id], 6);
    const first = await list(alice, '?limit=2');
    expect(first.unread).toBe(5);
    expect(first.items.map((i) => i.link)).toEqual(['/incidents/5', '/incidents/4']);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(alice, `?limit=2&cursor=${first.nextCursor}`);
    const third = await list(alice, `?limit=2&cursor=${second.nextCursor}`);
    expect([...second.items, ...third.items].map((i) => i.link)).toEqual(['/incidents/3', '/incidents/2', '/incidents/1']);
    expect(third.nextCursor).toBeNull();
    expect((await list(bob)).items.map((i) => i.link)).toEqual(['/incidents/6']);
  });

  it('refuses a bad cursor and a bad limit naming the field, and anonymous callers', async () => {
    const bad = await as(t.app, alice).get('/api/notifications?cursor=nonsense&limit=0');
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(bad).errors.map((e) => e.path)).toContain('querystring.limit');
    const cursor = await as(t.app, alice).get('/api/notifications?cursor=nonsense');
    expect(json<{ errors: { path: string }[] }>(cursor).errors[0]!.path).toBe('querystring.cursor');
    expect((await as(t.app, null).get('/api/notifications')).statusCode).toBe(401);
  });
});

describe('marking read', () => {
  it('marks one of mine read, once; another user, an unknown id and a bad id are refused', async () => {
    const [newest] = (await list(alice)).items;
    expect((await as(t.app, bob).post(`/api/notifications/${newest!.id}/read`)).statusCode).toBe(404);
    expect((await as(t.app, alice).post('/api/notifications/00000000-0000-4000-8000-000000000000/read')).statusCode).toBe(404);
    expect((await as(t.app, alice).post('/api/notifications/nope/read')).statusCode).toBe(400);
    expect((await as(t.app, null).post(`/api/notifications/${newest!.id}/read`)).statusCode).toBe(401);
    expect((await list(alice)).items[0]!.readAt).toBeNull();

    const res = await as(t.app, alice).post(`/api/notifications/${newest!.id}/read`);
    expect(res.statusCode).toBe(200);
    expect(json<Item>(res).readAt).not.toBeNull();
    expect((await as(t.app, alice).post(`/api/notifications/${newest!.id}/read`)).statusCode).toBe(200);
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'notification.read'), eq(auditEvents.targetId, newest!.id)));
    expect(events.map((e) => e.actorId)).toEqual([alice.id]);
    expect((await list(alice)).unread).toBe(4);
    expect((await list(alice, '?unread=true')).items.map((i) => i.id)).not.toContain(newest!.id);
  });

  it('read-all marks all of mine and none of anyone else', async () => {
    const res = await as(t.app, alice).post('/api/notifications/read-all');
    expect(json<{ marked: number }>(res)).toEqual({ marked: 4 });
    expect((await list(alice)).unread).toBe(0);
    expect((await list(bob)).unread).toBe(1);
    expect(json<{ marked: number }>(await as(t.app, alice).post('/api/notifications/read-all'))).toEqual({ marked: 0 });
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'notification.read-all'));
    expect(events.map((e) => e.after)).toEqual([{ marked: 4 }]);
  });
});

describe('the unread count', () => {
  it('stops counting at the cap, so that polling it stays cheap for a busy office', async () => {
    const busy = await createUser(t.database, [{ role: 'security_office' }]);
    await t.database.db.execute(sql`INSERT INTO notifications (recipient_id, kind, title_key, body_key, params, link)
      SELECT ${busy.id}, 'improvement-request.overdue', 't', 'b', '{"count": 1}'::jsonb, '/improvement-requests'
      FROM generate_series(1, ${UNREAD_COUNT_CAP + 5})`);
    expect((await list(busy, '?limit=1')).unread).toBe(UNREAD_COUNT_CAP);
  });
});
