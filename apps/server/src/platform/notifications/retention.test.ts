import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp, type TestUser } from '../../test/app';
import { purgeOldNotifications, READ_DAYS, ALL_DAYS } from './retention';
import { notifications } from './tables';

let t: TestApp;
let alice: TestUser;
const DAY = 86_400_000;
const now = new Date('2026-11-23T09:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);

beforeAll(async () => {
  t = await createTestApp();
  alice = await createUser(t.database, [{ role: 'employee' }]);
});
afterAll(() => t.close());

describe('notification retention', () => {
  it('deletes read notifications after READ_DAYS and every notification after ALL_DAYS, nothing else', async () => {
    const cases: [string, Date, Date | null, boolean][] = [
      ['read long ago', daysAgo(READ_DAYS + 30), daysAgo(READ_DAYS + 1), false],
      ['read lately', daysAgo(READ_DAYS + 30), daysAgo(READ_DAYS - 1), true],
      ['unread, old but within the year', daysAgo(ALL_DAYS - 1), null, true],
      ['unread past the year', daysAgo(ALL_DAYS + 1), null, false],
      ['read lately but created past the year', daysAgo(ALL_DAYS + 1), daysAgo(1), false],
      ['new', daysAgo(0), null, true],
    ];
    for (const [label, createdAt, readAt] of cases)
      await t.database.db.insert(notifications).values({
        recipientId: alice.id,
        kind: 'incident.member-added',
        titleKey: 'notifications.incident.member-added.title',
        bodyKey: 'notifications.incident.member-added.body',
        params: { number: label },
        link: '/incidents',
        createdAt,
        readAt,
      });
    expect(await purgeOldNotifications(t.database.db, now)).toBe(cases.filter((c) => !c[3]).length);
    const left = await t.database.db.select().from(notifications).where(eq(notifications.recipientId, alice.id));
    expect(left.map((n) => n.params.number).sort()).toEqual(
      cases
        .filter((c) => c[3])
        .map((c) => c[0])
        .sort(),
    );
    expect(await purgeOldNotifications(t.database.db, now)).toBe(0);
  });
});
