import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { and, eq, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { insertJsonRows } from '../../db/json-insert';
import { queryRows } from '../../db/sql';
import type { Actor } from '../audit/record';
import { AppError, msg } from '../errors/app-error';
import { inTransaction, type Audit, type Ctx } from '../tx';
import { importBatches, importBatchRows } from './tables';

/**
 * Long imports on one connection (PGlite) without holding it: the rows are staged in short committed chunks,
 * the batch is committed in one short transaction, then applied in short transactions, each with its rows'
 * audit events. Between chunks the event loop and the database serve other requests.
 *
 * All or nothing under a crash (SIGKILL): before the commit, nothing was applied and the staged rows are dropped
 * (abandoned batch); after it, the import is decided and is rolled forward to the end by whoever finds it — the
 * request itself, or the `imports.resume` job after a restart. A chunk is claimed by deleting its staged rows in
 * the transaction that applies them, so no row is applied twice or lost. Each chunk applies its rows to the
 * records as they are then (a person edited meanwhile is updated from that edit, with the audit event saying
 * so): nothing a user saved in between is overwritten by an older state.
 */
export interface ImportKind<R> {
  kind: string;
  row: z.ZodType<R>;
  /** Applies some staged rows in the given transaction, with their audit events. */
  apply(tx: Db, audit: Audit, rows: R[]): Promise<ImportCounts>;
  /**
   * Rows per applying transaction (default APPLY_CHUNK). A kind whose rows are cheap to apply (plain inserts) takes
   * bigger chunks: fewer transactions, each still well under a second.
   */
  applyChunk?: number;
  /** Rows per staging transaction (default STAGE_CHUNK): bigger for a kind whose rows are small. */
  stageChunk?: number;
  /**
   * Set-based apply, instead of `apply` reading the rows back into the process: an `INSERT … SELECT … FROM claimed`
   * (`claimed`: the chunk's staged rows, columns `n` and `data`) returning one row per created record. The data moves
   * inside the database only; the import's own audit event names the batch.
   */
  applySql?: (claimed: SQL) => SQL;
}

export interface ImportCounts {
  created: number;
  updated: number;
  /** rows that no longer fit when applied (their unit was deleted meanwhile): told in an audit event */
  skipped?: number;
}

export const STAGE_CHUNK = 500;
export const APPLY_CHUNK = 200;
/** A staging batch whose heartbeat is older than this was abandoned (its process died before the commit). */
const ABANDONED = sql`interval '10 minutes'`;
/** A committed batch whose applier has been silent this long is finished by the resume job. */
const STALLED = sql`interval '1 minute'`;

const ActorJson = z.object({
  userId: z.string().nullable(),
  label: z.string(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});

/**
 * Stages rows as they come, in committed chunks of STAGE_CHUNK: a caller that checks a large file line by line
 * hands each valid line over at once and never holds them all. The batch is created with the first chunk; `close`
 * stages the rest and returns its id (null: there was nothing to stage), `abandon` drops what was staged (a file
 * found wrong after some lines were staged). A process killed meanwhile leaves a `staging` batch that stops
 * beating and is dropped by `resumeImports`.
 */
export function openStaging<R>(db: Db, kind: ImportKind<R>, actor: Actor) {
  let id: string | null = null;
  let count = 0;
  let pending: R[] = [];
  const flush = async () => {
    if (!pending.length) return;
    const chunk = pending.map((data, j) => ({ batchId: '', n: count - pending.length + j, data }));
    pending = [];
    if (!id) {
      const [batch] = await db.insert(importBatches).values({ kind: kind.kind, actor }).returning({ id: importBatches.id });
      id = batch!.id;
    }
    for (const row of chunk) row.batchId = id;
    await db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await insertJsonRows(tx, importBatchRows, chunk);
      await tx.update(importBatches).set({ heartbeatAt: new Date() }).where(eq(importBatches.id, id!));
    });
    await yieldToLoop();
  };
  return {
    async add(row: R): Promise<void> {
      pending.push(row);
      count++;
      if (pending.length >= (kind.stageChunk ?? STAGE_CHUNK)) await flush();
    },
    async close(): Promise<string | null> {
      await flush();
      if (id) await db.update(importBatches).set({ rows: count, heartbeatAt: new Date() }).where(eq(importBatches.id, id));
      return id;
    },
    async abandon(): Promise<void> {
      pending = [];
      if (id) await db.delete(importBatches).where(and(eq(importBatches.id, id), eq(importBatches.status, 'staging')));
    },
  };
}

/** Stages the rows; returns the batch id. Nothing is applied yet, and nothing will be unless it is committed. */
export async function stageImport<R>(db: Db, kind: ImportKind<R>, actor: Actor, rows: R[]): Promise<string> {
  const staging = openStaging(db, kind, actor);
  for (const row of rows) await staging.add(row);
  const id = await staging.close();
  if (id) return id;
  const [batch] = await db.insert(importBatches).values({ kind: kind.kind, actor }).returning({ id: importBatches.id });
  return batch!.id; // no rows: an empty batch, committed and applied as nothing
}

/** The point of no return: one short transaction, with the import's own audit event. */
export async function commitImport(ctx: Ctx, kind: ImportKind<unknown>, batchId: string): Promise<void> {
  await inTransaction(ctx, async (tx, audit) => {
    const done = await tx
      .update(importBatches)
      .set({ status: 'committed', heartbeatAt: new Date() })
      .where(and(eq(importBatches.id, batchId), eq(importBatches.status, 'staging')))
      .returning({ rows: importBatches.rows });
    if (!done.length) throw new AppError('conflict', msg('imports.abandoned'));
    await audit({ action: `${kind.kind}.import`, targetType: 'import', targetId: batchId, after: { rows: done[0]!.rows } });
  });
}

/** Applies one chunk of a committed batch; the number of rows it applied (0: none left that is not being applied). */
async function applyChunk(db: Db, kind: ImportKind<unknown>, batchId: string, actor: Actor): Promise<number> {
  if (kind.applySql) return applyChunkInDb(db, kind, kind.applySql, batchId);
  return inTransaction({ db, actor, principal: null }, async (tx, audit) => {
    const claimed = await queryRows<{ n: number; data: unknown }>(
      tx,
      sql`DELETE FROM import_batch_rows WHERE batch_id = ${batchId} AND n IN (
            SELECT n FROM import_batch_rows WHERE batch_id = ${batchId} ORDER BY n LIMIT ${kind.applyChunk ?? APPLY_CHUNK} FOR UPDATE SKIP LOCKED)
          RETURNING n, data`,
    );
    if (!claimed.length) return 0;
    const rows = claimed.sort((a, b) => a.n - b.n).map((r) => kind.row.parse(r.data));
    const counts = await kind.apply(tx, audit, rows);
    await tx
      .update(importBatches)
      .set({
        created: sql`${importBatches.created} + ${counts.created}`,
        updated: sql`${importBatches.updated} + ${counts.updated}`,
        skipped: sql`${importBatches.skipped} + ${counts.skipped ?? 0}`,
        heartbeatAt: new Date(),
      })
      .where(eq(importBatches.id, batchId));
    return claimed.length;
  });
}

/** The same, set-based: claimed and applied in one statement, nothing read into the process. */
async function applyChunkInDb(db: Db, kind: ImportKind<unknown>, applySql: (claimed: SQL) => SQL, batchId: string) {
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [r] = await queryRows<{ claimed: number; created: number }>(
      tx,
      sql`WITH claimed AS (
            DELETE FROM import_batch_rows WHERE batch_id = ${batchId} AND n IN (
              SELECT n FROM import_batch_rows WHERE batch_id = ${batchId} ORDER BY n LIMIT ${kind.applyChunk ?? APPLY_CHUNK}
              FOR UPDATE SKIP LOCKED)
            RETURNING n, data),
          applied AS (${applySql(sql`claimed`)})
          SELECT (SELECT count(*) FROM claimed)::int AS claimed, (SELECT count(*) FROM applied)::int AS created`,
    );
    if (!r?.claimed) return 0;
    await tx
      .update(importBatches)
      .set({
        created: sql`${importBatches.created} + ${r.created}`,
        skipped: sql`${importBatches.skipped} + ${r.claimed - r.created}`,
        heartbeatAt: new Date(),
      })
      .where(eq(importBatches.id, batchId));
    return r.claimed;
  });
}

/** Applies what is left of a committed batch, then marks it done (once no row is left at all). */
export async function applyImport(db: Db, kind: ImportKind<unknown>, batchId: string): Promise<ImportCounts> {
  const [batch] = await db.select().from(importBatches).where(eq(importBatches.id, batchId));
  if (!batch || batch.status === 'staging') throw new Error(`import ${batchId} is not committed`);
  const actor = ActorJson.parse(batch.actor);
  for (;;) {
    const applied = await applyChunk(db, kind, batchId, actor);
    await yieldToLoop();
    if (applied) continue;
    const [left] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM import_batch_rows WHERE batch_id = ${batchId}`,
    );
    if (!left?.n) break;
    await new Promise((r) => setTimeout(r, 200)); // another applier holds the last rows: wait for it
  }
  const [done] = await db
    .update(importBatches)
    .set({ status: 'done', finishedAt: sql`coalesce(${importBatches.finishedAt}, now())` })
    .where(eq(importBatches.id, batchId))
    .returning();
  return { created: done!.created, updated: done!.updated, skipped: done!.skipped };
}

/** Stage, commit, apply: what a request runs. Its answer comes once every row is applied. */
export async function runStagedImport<R>(ctx: Ctx, kind: ImportKind<R>, rows: R[]): Promise<ImportCounts> {
  if (!rows.length) return { created: 0, updated: 0 }; // a file that changes nothing writes nothing
  const id = await stageImport(ctx.db, kind, ctx.actor, rows);
  await commitImport(ctx, kind as ImportKind<unknown>, id);
  return applyImport(ctx.db, kind as ImportKind<unknown>, id);
}

/**
 * After a crash: drops abandoned staging batches (nothing of them was applied) and finishes committed ones whose
 * applier went silent. Run by the server before it listens (so nobody reads half an import after a restart) and by
 * the `imports.resume` job; safe beside a live applier (chunks are claimed).
 */
export async function resumeImports(
  db: Db,
  kinds: ImportKind<unknown>[],
  opts: { atStart?: boolean } = {},
): Promise<{ dropped: number; finished: number }> {
  const dropped = await db
    .delete(importBatches)
    .where(and(eq(importBatches.status, 'staging'), lt(importBatches.heartbeatAt, sql`now() - ${ABANDONED}`)))
    .returning({ id: importBatches.id });
  const stalled = await db
    .select({ id: importBatches.id, kind: importBatches.kind })
    .from(importBatches)
    .where(
      and(
        eq(importBatches.status, 'committed'),
        // at start, every committed batch: one applied by a live process elsewhere is shared chunk by chunk
        opts.atStart ? undefined : lt(importBatches.heartbeatAt, sql`now() - ${STALLED}`),
      ),
    );
  for (const b of stalled) {
    const kind = kinds.find((k) => k.kind === b.kind);
    if (!kind) throw new Error(`import ${b.id} is of kind ${b.kind}, which no module handles`);
    await applyImport(db, kind, b.id);
  }
  return { dropped: dropped.length, finished: stalled.length };
}
