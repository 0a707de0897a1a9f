import { asc, eq, getTableName, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { checkVersion, type Precondition } from './version';

/** A table whose rows are addressed by an `id` column (and, for the main records, carry `rowVersion`). */
export type TableWithId = PgTable & { id: AnyPgColumn; rowVersion?: AnyPgColumn };

/**
 * Takes the row lock (`SELECT … FOR UPDATE`) on one record until the transaction ends, and answers its row version
 * (null when the row does not exist or the table has none). Every write that derives from a read of the record
 * (a derived field, a status transition, a counter, the "before" of its audit event) takes it first: concurrent
 * writers then queue on the row, and each reads the state the previous one committed (READ COMMITTED: every
 * statement after the lock sees the latest commit).
 */
export async function lockRow(tx: Db, table: TableWithId, id: string): Promise<number | null> {
  const [row] = await tx
    .select({ id: table.id, version: table.rowVersion ?? sql<null>`null` })
    .from(table)
    .where(eq(table.id, id))
    .for('update');
  return (row?.version as number | null | undefined) ?? null;
}

/**
 * The one way an update service loads the record it changes: lock the row, then load it with the caller's own
 * scoped loader (which answers 404 outside the scope), then check the client's If-Match (412 when stale).
 * The lock comes first so the loaded row is the one this transaction will overwrite; the version is checked after
 * the scope, so a stale tag never tells that a record outside the scope exists.
 */
export async function loadForUpdate<R>(
  tx: Db,
  table: TableWithId,
  id: string,
  load: () => Promise<R>,
  expected?: Precondition,
): Promise<R> {
  const version = await lockRow(tx, table, id);
  const row = await load();
  if (expected !== undefined) {
    if (version === null) throw new Error(`${getTableName(table)} rows carry no row_version: If-Match cannot apply`);
    checkVersion(version, expected);
  }
  return row;
}

/**
 * A named lock for the rest of the transaction, for writes that derive from a read of many rows at once (moving an
 * org subtree rewrites the paths that unit creations read). `shared` holders run together; `exclusive` waits for
 * them and they for it. Take it before any row lock (one order, no deadlock).
 */
export async function lockName(tx: Db, name: string, mode: 'shared' | 'exclusive'): Promise<void> {
  await (mode === 'shared'
    ? tx.execute(sql`SELECT pg_advisory_xact_lock_shared(hashtext(${name}))`)
    : tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${name}))`));
}

/**
 * The rows whose `column` is one of `keys`, locked for update (bulk writes: imports that update what they read).
 * Keys are locked in sorted order, in batches, so two imports never deadlock on each other.
 */
export async function loadManyForUpdate<T extends PgTable>(
  tx: Db,
  table: T,
  column: AnyPgColumn,
  keys: readonly string[],
): Promise<T['$inferSelect'][]> {
  const sorted = [...new Set(keys)].sort();
  const out: T['$inferSelect'][] = [];
  for (let i = 0; i < sorted.length; i += 5000) {
    const batch = sorted.slice(i, i + 5000);
    const rows = await tx
      .select()
      .from(table as PgTable)
      .where(inArray(column, batch))
      .orderBy(asc(column))
      .for('update');
    out.push(...(rows as T['$inferSelect'][]));
  }
  return out;
}
