import type { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { escapeLike } from '../../../platform/access/scope';
import { notFound } from '../../../platform/errors/app-error';
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

/**
 * Imports one console's CSV for a unit's subtree (coverage:import covering the unit, else 404), streamed from the
 * request: every line is checked, the devices written a batch at a time, the gaps of the subtree recomputed, all in
 * one transaction — a file with a wrong line changes nothing. Imports take one named lock, so two at once queue.
 */
export async function importCoverage(ctx: Ctx, sourceId: string, unitId: string, body: Readable) {
  const unit = await unitById(ctx.db, unitId);
  if (!unit || !canAt(ctx, 'coverage:import', unit.path)) throw notFound();
  const source = await loadSource(ctx.db, sourceId);
  return inTransaction(ctx, (tx, audit) => applyCoverageFile(tx, audit, source, unit, body));
}

/** The import itself, inside the caller's transaction (the route above, the demo loader). */
export async function applyCoverageFile(
  tx: Db,
  audit: Audit,
  source: SourceRow,
  unit: { id: string; path: string },
  body: Readable,
) {
  await lockName(tx, 'systems.coverage', 'exclusive');
  const devicesBefore = await countDevices(tx, unit.path);
  const rows = await readConsoleCsv(body, source.columns as Record<Field, string | null>, source.name, (lines) =>
    upsertDevices(tx, source.kind, unit, lines),
  );
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
