import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../platform/audit/tables';
import { importBatches } from '../platform/imports/tables';
import { createTestDatabase } from '../test/db';
import type { Database } from './client';
import { insertJsonRows } from './json-insert';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('inserting many rows through one JSON parameter', () => {
  it('gives back rows as a drizzle select would: defaults filled, JSON kept, dates as dates', async () => {
    const actor = { userId: null, label: 'importer', nested: { ja: '輸入', list: [1, 2] } };
    const rows = await insertJsonRows(
      database.db,
      importBatches,
      [
        { kind: 'people', actor, rows: 3 },
        { kind: 'assets', actor: { label: 'O\'Brien \\ "quoted"' }, rows: 0 },
      ],
      { returning: true },
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ kind: 'people', actor, rows: 3, status: 'staging', created: 0, finishedAt: null });
    expect(rows[0]!.heartbeatAt).toBeInstanceOf(Date);
    expect(rows[1]!.actor).toEqual({ label: 'O\'Brien \\ "quoted"' });
    const [read] = await database.db.select().from(importBatches).where(eq(importBatches.id, rows[0]!.id));
    expect(read).toEqual(rows[0]);
  });

  it('writes bigint and timestamp columns by their text', async () => {
    const at = new Date('2026-04-01T09:30:00.123Z');
    await insertJsonRows(database.db, auditEvents, [
      {
        seq: 9_007_199_254_740_993n, // above 2^53: a JSON number would lose it
        at,
        actorId: null,
        actorLabel: 't',
        action: 'x.y',
        targetType: 'x',
        targetId: null,
        orgPath: null,
        before: null,
        after: { a: 1 },
        requestId: null,
        ip: null,
        keyId: null,
        prevHash: '0'.repeat(64),
        hash: '1'.repeat(64),
      },
    ]);
    const [row] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'x.y'));
    expect(row).toMatchObject({ seq: 9_007_199_254_740_993n, at, after: { a: 1 }, before: null });
  });

  it('refuses rows that do not give the same columns (a missing one would silently take its default)', async () => {
    await expect(
      insertJsonRows(database.db, importBatches, [
        { kind: 'a', actor: {}, rows: 1 },
        { kind: 'b', actor: {} },
      ]),
    ).rejects.toThrow(/same columns/);
  });
});
