import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import type { Database } from '../db/client';
import { createAdmin } from '../modules/auth/users';
import { systemActor } from '../platform/audit/record';
import { inTransaction } from '../platform/tx';
import { createTestDatabase } from '../test/db';
import { reportAuditChain } from './audit';
import type { Io } from './command';

let database: Database;
const dir = mkdtempSync(join(tmpdir(), 'mamori-cli-audit-'));
const config = loadConfig({ MAMORI_AUDIT_CHECKPOINT_DIR: dir });
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
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('mamori audit verify', () => {
  it('reports an intact chain, says nothing proves its tail yet, and anchors it', async () => {
    const { io, sink } = capture();
    expect(await reportAuditChain(database.db, sink, config)).toBe(true);
    expect(io.out).toEqual([
      `OK: 4 events; no checkpoint yet in ${dir}/checkpoints.jsonl, so nothing proves the tail; event 4 anchored now`,
    ]);
  });

  it('then says how far back the chain is proven', async () => {
    const { io, sink } = capture();
    expect(await reportAuditChain(database.db, sink, config)).toBe(true);
    expect(io.out[0]).toMatch(
      /^OK: 4 events; proven up to event 4 by checkpoint of \S+; 0 later events not yet anchored; event 4 anchored now$/,
    );
  });

  it('detects an edit made directly in the database, at that event: exit 1, one line on stderr', async () => {
    // The trigger refuses UPDATE; someone with the database owner's rights can switch it off.
    await database.db.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
    await database.db.execute(sql`UPDATE audit_events SET actor_label = 'someone else' WHERE seq = 3`);
    await database.db.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
    const { io, sink } = capture();
    expect(await reportAuditChain(database.db, sink, config)).toBe(false);
    expect(io.out).toEqual(['BROKEN at event 3: event 3 was altered after it was written']);
    expect(io.err).toEqual(['mamori: the audit log was altered (first broken link: event 3)']);
  });
});
