import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { createAdmin } from '../modules/auth/users';
import { systemActor } from '../platform/audit/record';
import { inTransaction } from '../platform/tx';
import { createTestDatabase } from '../test/db';
import { reportAuditChain } from './audit';
import type { Io } from './command';

let database: Database;
const capture = () => {
  const io = { out: [] as string[], err: [] as string[] };
  const sink: Io = { out: (l) => io.out.push(l), err: (l) => io.err.push(l), env: {} };
  return { io, sink };
};

beforeAll(async () => {
  database = await createTestDatabase();
  const ctx = { db: database.db, actor: systemActor('test'), principal: null };
  await inTransaction(ctx, (tx, audit) =>
    createAdmin(tx, audit, { email: 'a@example.com', password: 'a long pass phrase', name: 'A' }),
  );
  await inTransaction(ctx, (tx, audit) =>
    createAdmin(tx, audit, { email: 'b@example.com', password: 'b long pass phrase', name: 'B' }),
  );
});
afterAll(() => database?.close());

describe('mamori audit verify', () => {
  it('reports an intact chain', async () => {
    const { io, sink } = capture();
    expect(await reportAuditChain(database.db, sink)).toBe(true);
    expect(io.out).toEqual(['OK: 4 events, chain intact']);
  });

  it('detects an edit made directly in the database, at that event', async () => {
    // The trigger refuses UPDATE; someone with the database owner's rights can switch it off.
    await database.db.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
    await database.db.execute(sql`UPDATE audit_events SET actor_label = 'someone else' WHERE seq = 3`);
    await database.db.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
    const { io, sink } = capture();
    expect(await reportAuditChain(database.db, sink)).toBe(false);
    expect(io.out).toEqual(['BROKEN at event 3: event 3 was altered after it was written']);
    expect(io.err).toHaveLength(1);
  });
});
