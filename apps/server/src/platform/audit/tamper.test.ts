import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import type { Database } from '../../db/client';
import { queryRows } from '../../db/sql';
import { createTestDatabase } from '../../test/db';
import { createKeyring, MissingKeyError, processKeyring, useKeyring } from '../secrets/keyring';
import { canonicalJson, GENESIS_HASH } from './chain';
import { checkpointFile, writeCheckpoint } from './checkpoint';
import { appendAudit, systemActor } from './record';
import { auditReport } from './report';
import { verifyAuditChain } from './verify';

const dir = mkdtempSync(join(tmpdir(), 'mamori-audit-'));
let n = 0;
let database: Database;
let config: ReturnType<typeof loadConfig>;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What someone with the database owner's rights (but not the key) can do: switch the trigger off and write. */
async function unguarded(statement: ReturnType<typeof sql>) {
  await database.db.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
  await database.db.execute(statement);
  await database.db.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
}

const append = (i: number) =>
  database.db.transaction((t) => appendAudit(t as never, systemActor('test'), { action: 'x.y', targetType: 't', after: { i } }));

/** Recomputes every link from `from` on with plain SHA-256, as the old unkeyed chain did. */
async function recomputeWithoutKey(from: number) {
  const rows = await queryRows<Record<string, string | null>>(
    database.db,
    sql`SELECT *, seq::text AS seq, to_json(at) #>> '{}' AS at FROM audit_events ORDER BY audit_events.seq`,
  );
  let prev = from === 1 ? GENESIS_HASH : rows[from - 2]!.hash!;
  for (const row of rows.slice(from - 1)) {
    const body = canonicalJson({
      seq: row.seq,
      at: new Date(row.at!).toISOString(),
      actorId: row.actor_id,
      actorLabel: row.actor_label,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      orgPath: row.org_path,
      before: row.before ?? null,
      after: row.after ?? null,
      requestId: row.request_id,
      ip: row.ip,
    });
    const hash = createHash('sha256').update(prev).update('\n').update(body).digest('hex');
    await unguarded(sql`UPDATE audit_events SET prev_hash = ${prev}, hash = ${hash}, key_id = NULL WHERE seq = ${row.seq}`);
    prev = hash;
  }
}

beforeEach(async () => {
  await database?.close();
  database = await createTestDatabase();
  config = loadConfig({ MAMORI_AUDIT_CHECKPOINT_DIR: join(dir, `cp${++n}`) });
  for (let i = 1; i <= 6; i++) await append(i);
});
afterAll(() => database?.close());

describe('the audit tail cannot be cut or rewritten unnoticed', () => {
  it('deleting the last events is reported against the latest checkpoint', async () => {
    expect(await writeCheckpoint(database.db, config, 'job')).toMatchObject({ seq: '6' });
    await append(7);
    expect(await auditReport(database.db, config)).toMatchObject({
      ok: true,
      summary: expect.stringMatching(/^OK: 7 events; proven up to event 6 by checkpoint of \S+; 1 later events not yet anchored/),
    });
    await unguarded(sql`DELETE FROM audit_events WHERE seq > 4`);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 4 }); // the links alone still hold
    expect(await auditReport(database.db, config)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^the audit log was cut: events 5–7 are gone/),
    });
  });

  it('rewriting an event and recomputing every later hash with plain sha256 is reported', async () => {
    await unguarded(sql`UPDATE audit_events SET after = '{"i": 99}'::jsonb WHERE seq = 5`);
    await recomputeWithoutKey(5);
    expect(await verifyAuditChain(database.db)).toMatchObject({
      ok: false,
      brokenAt: 5n,
      reason: 'event 5 is not keyed, but the chain is keyed since event 1',
    });
  });

  it('rewriting the whole chain as an unkeyed (plain sha256) one is caught by the checkpoint', async () => {
    await writeCheckpoint(database.db, config, 'job');
    await unguarded(sql`UPDATE audit_events SET after = '{"i": 99}'::jsonb WHERE seq = 2`);
    await recomputeWithoutKey(1);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, unkeyed: 6 }); // a consistent old-style chain
    expect(await auditReport(database.db, config)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^the audit log was rewritten: event 6 differs from the checkpoint of/),
    });
  });

  it('a keyed event recomputed with a wrong key is reported at that event', async () => {
    const other = createKeyring([Buffer.alloc(32, 7)], 'attacker');
    const result = await verifyAuditChain(database.db, { keyring: other });
    expect(result).toMatchObject({ ok: false, brokenAt: 1n, reason: expect.stringMatching(/which this Mamori does not have/) });
  });

  it('a forged or edited checkpoint line is reported', async () => {
    const line = await writeCheckpoint(database.db, config, 'job');
    const file = checkpointFile(config);
    writeFileSync(file, readFileSync(file, 'utf8').replace(`"seq":"${line!.seq}"`, '"seq":"3"'));
    expect(await auditReport(database.db, config)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/checkpoints were altered: .*line 1: the signature does not match/),
    });
  });
});

describe('an existing chain from before keying', () => {
  it('still verifies, and the keyed chain continues from its head', async () => {
    await recomputeWithoutKey(1); // events 1–6 as the unkeyed chain wrote them
    await append(7);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 7, unkeyed: 6 });
    expect(await auditReport(database.db, config)).toMatchObject({
      ok: true,
      summary: expect.stringContaining('events 1–6 predate the keyed chain (plain SHA-256)'),
    });
  });

  it('is not extended by a process holding another key', async () => {
    const ours = processKeyring();
    useKeyring(createKeyring([Buffer.alloc(32, 9)], 'another key file'));
    try {
      await expect(append(7)).rejects.toThrow(MissingKeyError);
    } finally {
      useKeyring(ours);
    }
  });
});

describe('checkpoints', () => {
  it('are posted to the configured webhook, signed', async () => {
    const received: unknown[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const withHook = loadConfig({
        MAMORI_AUDIT_CHECKPOINT_DIR: join(dir, 'hook'),
        MAMORI_AUDIT_CHECKPOINT_WEBHOOK: `http://127.0.0.1:${port}/anchor`,
      });
      const line = await writeCheckpoint(database.db, withHook, 'job');
      expect(received).toEqual([{ type: 'mamori.audit.checkpoint', ...line }]);
      expect(line).toMatchObject({ seq: '6', mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
      // a periodic run with an unchanged head writes nothing
      expect(await writeCheckpoint(database.db, withHook, 'job', { skipIfUnchanged: true })).toBeUndefined();
      expect(received).toHaveLength(1);
    } finally {
      server.close();
    }
  });
});
