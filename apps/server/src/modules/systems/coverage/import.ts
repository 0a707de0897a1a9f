import type { Readable } from 'node:stream';
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { escapeLike } from '../../../platform/access/scope';
import { AppError, msg, notFound } from '../../../platform/errors/app-error';
import { openStaging, type ImportKind } from '../../../platform/imports/staged';
import { importBatches, importBatchRows } from '../../../platform/imports/tables';
import { lockName } from '../../../platform/records/lock';
import { inTransaction, type Audit, type Ctx } from '../../../platform/tx';
import { unitById } from '../../org/service';
import { canAt } from '../access';
import { coverageSources } from '../tables';
import { recomputeAboveClassIn } from '../inventory/above-class';
import { recomputeGaps } from './gaps';
import { readConsoleCsv, type DeviceLine, type Field } from './read-csv';
import { loadSource, type SourceRow } from './sources';

/**
 * Writes a batch of devices in one statement. A device's unit is its user's unit when the user (employee number or
 * e-mail) is a person inside the imported unit's subtree, else the imported unit; a device already recorded in
 * another unit outside that subtree is left alone. An `edr` source fills the EDR columns, an `mdm` source the MDM
 * one; the other source's columns are kept.
 */
async function upsertDevices(tx: Db, kind: 'edr' | 'mdm', unit: { id: string; path: string }, lines: DeviceLine[]) {
  const byName = new Map<string, DeviceLine>();
  for (const l of lines) byName.set(l.name, l); // the last line of a device wins within a batch
  const prefix = escapeLike(unit.path) + '%';
  const seen = kind === 'edr' ? sql.raw('edr_seen_at') : sql.raw('mdm_seen_at');
  const edrOnly =
    kind === 'edr'
      ? sql`, agent_version = EXCLUDED.agent_version, pattern_date = coalesce(EXCLUDED.pattern_date, system_devices.pattern_date)`
      : sql``;
  await tx.execute(sql`
    INSERT INTO system_devices (name, unit_id, unit_path, user_name, system_id, ${seen}, agent_version, pattern_date, updated_at)
    SELECT r.name, coalesce(pu.id, ${unit.id}::uuid), coalesce(pu.path, ${unit.path}), r.user_name, sy.id, r.seen_at,
           ${kind === 'edr' ? sql`r.agent_version` : sql`''`}, ${kind === 'edr' ? sql`r.pattern_date` : sql`NULL::date`}, now()
      FROM jsonb_to_recordset(${JSON.stringify([...byName.values()].map(toRecord))}::jsonb)
           AS r(name text, user_name text, seen_at timestamptz, agent_version text, pattern_date date, system text)
      LEFT JOIN LATERAL (SELECT o.id, o.path FROM people p JOIN org_units o ON o.id = p.org_unit_id
                          WHERE r.user_name <> '' AND (p.employee_no = r.user_name OR p.email = r.user_name)
                            AND o.path LIKE ${prefix} LIMIT 1) pu ON true
      LEFT JOIN LATERAL (SELECT s.id FROM systems s WHERE r.system <> '' AND s.name = r.system
                            AND s.unit_path LIKE ${prefix} AND s.status = 'active' ORDER BY s.id LIMIT 1) sy ON true
    ON CONFLICT (name) DO UPDATE SET
      unit_id = EXCLUDED.unit_id, unit_path = EXCLUDED.unit_path,
      user_name = CASE WHEN EXCLUDED.user_name <> '' THEN EXCLUDED.user_name ELSE system_devices.user_name END,
      system_id = coalesce(EXCLUDED.system_id, system_devices.system_id),
      ${seen} = greatest(EXCLUDED.${seen}, system_devices.${seen}), updated_at = now() ${edrOnly}
    WHERE system_devices.unit_path LIKE ${prefix}`);
}

const toRecord = (l: DeviceLine) => ({
  name: l.name,
  user_name: l.user,
  seen_at: l.seenAt,
  agent_version: l.agentVersion,
  pattern_date: l.patternDate,
  system: l.system,
});

/** A device line as staged (platform/imports): checked, waiting for the import's one transaction. */
const StagedLine = z.object({
  name: z.string(),
  user: z.string(),
  seenAt: z.string(),
  agentVersion: z.string(),
  patternDate: z.string().nullable(),
  system: z.string(),
});

/**
 * The staging of a coverage file. Its rows are never applied by the staged-import machinery (the import applies
 * them itself, in one transaction with the gaps); the kind is here for the staging and for dropping a batch whose
 * process died before that transaction.
 */
const coverageStaging: ImportKind<DeviceLine> = {
  kind: 'coverage-devices',
  row: StagedLine,
  stageChunk: 2000,
  apply: () => Promise.reject(new Error('a coverage file is applied by its import, never by the staged-import runner')),
};

/** Lines read from a staged batch, a batch at a time, in file order. */
const STAGED_READ = 2000;

/**
 * Imports one console's CSV for a unit's subtree (coverage:import covering the unit, else 404). The file is read
 * from the request and staged first, in short committed chunks (platform/imports): a slow upload holds no
 * transaction, and on PGlite no connection, while it arrives. A file with a wrong line is refused whole and its
 * staged lines dropped. Then, in one transaction, the devices are written a batch at a time and the subtree's gaps
 * recomputed: all lines or none. A process killed before that transaction commits leaves only a staging batch,
 * which the imports job drops. Imports take one named lock, so two at once queue.
 */
export async function importCoverage(ctx: Ctx, sourceId: string, unitId: string, body: Readable) {
  const unit = await unitById(ctx.db, unitId);
  if (!unit || !canAt(ctx, 'coverage:import', unit.path)) throw notFound();
  const source = await loadSource(ctx.db, sourceId);
  const staging = openStaging(ctx.db, coverageStaging, ctx.actor);
  let rows: number;
  try {
    rows = await readConsoleCsv(body, source.columns as Record<Field, string | null>, source.name, async (lines) => {
      for (const line of lines) await staging.add(line);
    });
  } catch (err) {
    await staging.abandon();
    throw err;
  }
  const batchId = await staging.close();
  try {
    return await inTransaction(ctx, async (tx, audit) => {
      // The batch's row is held to the end: the imports job, which drops staging batches that stopped beating,
      // waits for this transaction instead of dropping lines it is still reading.
      if (batchId) {
        const held = await tx
          .update(importBatches)
          .set({ heartbeatAt: new Date() })
          .where(eq(importBatches.id, batchId))
          .returning({ id: importBatches.id });
        if (!held.length) throw new AppError('conflict', msg('imports.abandoned'));
      }
      const result = await applyCoverage(tx, audit, source, unit, rows, async (onBatch) => {
        if (batchId) await readStaged(tx, batchId, onBatch);
      });
      if (batchId) await tx.delete(importBatches).where(eq(importBatches.id, batchId));
      return result;
    });
  } catch (err) {
    await staging.abandon();
    throw err;
  }
}

/** The staged lines of a batch, STAGED_READ at a time, in the order of the file. */
async function readStaged(tx: Db, batchId: string, onBatch: (lines: DeviceLine[]) => Promise<void>) {
  for (let from = 0; ; from += STAGED_READ) {
    const chunk = await tx
      .select({ data: importBatchRows.data })
      .from(importBatchRows)
      .where(and(eq(importBatchRows.batchId, batchId), gte(importBatchRows.n, from), lt(importBatchRows.n, from + STAGED_READ)))
      .orderBy(importBatchRows.n);
    if (!chunk.length) return;
    await onBatch(chunk.map((r) => StagedLine.parse(r.data)));
  }
}

/** The import of a file read straight from a stream inside the caller's transaction (the demo loader). */
export async function applyCoverageFile(
  tx: Db,
  audit: Audit,
  source: SourceRow,
  unit: { id: string; path: string },
  body: Readable,
) {
  let rows = 0;
  return applyCoverage(
    tx,
    audit,
    source,
    unit,
    () => rows,
    async (onBatch) => {
      rows = await readConsoleCsv(body, source.columns as Record<Field, string | null>, source.name, onBatch);
    },
  );
}

/**
 * Writes the devices that `feed` hands over a batch at a time, recomputes the subtree's gaps and the cloud findings,
 * stamps the source and audits the import — inside the caller's transaction.
 */
async function applyCoverage(
  tx: Db,
  audit: Audit,
  source: SourceRow,
  unit: { id: string; path: string },
  rowCount: number | (() => number),
  feed: (onBatch: (lines: DeviceLine[]) => Promise<void>) => Promise<void>,
) {
  await lockName(tx, 'systems.coverage', 'exclusive');
  const devicesBefore = await countDevices(tx, unit.path);
  await feed((lines) => upsertDevices(tx, source.kind, unit, lines));
  const rows = typeof rowCount === 'function' ? rowCount() : rowCount;
  const gaps = await recomputeGaps(tx, unit);
  await recomputeAboveClassIn(tx, unit.path);
  await tx.update(coverageSources).set({ lastImportAt: new Date() }).where(eq(coverageSources.id, source.id));
  const devices = await countDevices(tx, unit.path);
  const result = { rows, devices, findingsOpened: gaps.opened, findingsClosed: gaps.closed };
  await audit({
    action: 'coverage.import',
    targetType: 'coverage-source',
    targetId: source.id,
    orgPath: unit.path,
    before: { devices: devicesBefore },
    after: { unitId: unit.id, ...result },
  });
  return result;
}

async function countDevices(db: Db, path: string): Promise<number> {
  const result = (await db.execute(
    sql`SELECT count(*)::int AS n FROM system_devices WHERE unit_path LIKE ${escapeLike(path) + '%'}`,
  )) as unknown as { rows: { n: number }[] };
  return result.rows[0]?.n ?? 0;
}
