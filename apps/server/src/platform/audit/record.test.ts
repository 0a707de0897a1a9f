import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { createTestDatabase } from '../../test/db';
import { appendAudit, systemActor } from './record';
import { auditEvents } from './tables';
import { verifyAuditChain } from './verify';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

it('appends events given the database itself (no transaction) one after another, also when they race', async () => {
  // A refused sign-in has no change to attach its event to. Outside a transaction the chain's lock ended with its own
  // statement, so on PostgreSQL two racing appenders took the same seq (a unique violation: a 409 for the winner).
  const event = (n: number) => ({ action: 'auth.sign-in-failed', targetType: 'user', targetId: null, after: { n } });
  await Promise.all(Array.from({ length: 12 }, (_, n) => appendAudit(database.db, systemActor('race'), event(n))));
  const rows = await database.db.select({ seq: auditEvents.seq }).from(auditEvents).orderBy(asc(auditEvents.seq));
  expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  expect((await verifyAuditChain(database.db)).ok).toBe(true);
});
