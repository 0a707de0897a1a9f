import { and, eq, inArray, isNotNull, isNull, like } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { escapeLike } from '../../../platform/access/scope';
import { assetsByIds, effectiveClassification } from '../../assets/service';
import { approvedServices, systemAssets, systemFindings, systems } from '../tables';

/**
 * "An asset stored in a service above its approved class shows as a finding" (issue #23): for each given system
 * that a register entry covers, the assets stored there (read through the assets service) are ranked in the
 * system's unit's classification scheme against the entry's class. One above it opens an `above_class` finding
 * (one per system, the partial unique index; assigned to the system's administrator); none closes it. Systems no
 * entry covers (any more) have theirs closed. Runs after the links or the approval change, and after each coverage
 * import for the imported subtree (so an asset reclassified meanwhile is caught).
 */
export async function recomputeAboveClass(tx: Db, systemIds: string[]): Promise<void> {
  if (!systemIds.length) return;
  const rows = await tx
    .select({ system: systems, maxClassCode: approvedServices.maxClassCode })
    .from(systems)
    .leftJoin(approvedServices, eq(approvedServices.id, systems.approvedServiceId))
    .where(inArray(systems.id, systemIds));
  const links = await tx.select().from(systemAssets).where(inArray(systemAssets.systemId, systemIds));
  const assets = new Map((await assetsByIds(tx, [...new Set(links.map((l) => l.assetId))])).map((a) => [a.id, a]));
  const above: string[] = [];
  for (const { system, maxClassCode } of rows) {
    if (!maxClassCode || system.status !== 'active') continue;
    const rank = await rankerFor(tx, system.unitId);
    const limit = rank(maxClassCode);
    const stored = links.filter((l) => l.systemId === system.id).map((l) => assets.get(l.assetId));
    if (stored.some((a) => a && a.status === 'active' && rank(a.classCode) > limit)) above.push(system.id);
  }
  const open = rows.filter((r) => above.includes(r.system.id)).map((r) => r.system);
  if (open.length)
    await tx
      .insert(systemFindings)
      .values(
        open.map((s) => ({
          kind: 'above_class' as const,
          systemId: s.id,
          unitId: s.unitId,
          unitPath: s.unitPath,
          ownerPersonId: s.administratorPersonId,
        })),
      )
      .onConflictDoNothing();
  const fine = systemIds.filter((id) => !above.includes(id));
  if (fine.length)
    await tx
      .update(systemFindings)
      .set({ closedAt: new Date() })
      .where(
        and(eq(systemFindings.kind, 'above_class'), isNull(systemFindings.closedAt), inArray(systemFindings.systemId, fine)),
      );
}

/** The same, for every system of a unit's subtree that a register entry covers or that has an open finding of it. */
export async function recomputeAboveClassIn(tx: Db, unitPath: string): Promise<void> {
  const prefix = `${escapeLike(unitPath)}%`;
  const covered = await tx
    .select({ id: systems.id })
    .from(systems)
    .where(and(like(systems.unitPath, prefix), isNotNull(systems.approvedServiceId)));
  const flagged = await tx
    .select({ id: systemFindings.systemId })
    .from(systemFindings)
    .where(and(eq(systemFindings.kind, 'above_class'), isNull(systemFindings.closedAt), like(systemFindings.unitPath, prefix)));
  await recomputeAboveClass(tx, [...new Set([...covered, ...flagged].map((r) => r.id).filter((x): x is string => !!x))]);
}

export async function rankerFor(db: Db, unitId: string) {
  const scheme = await effectiveClassification(db, unitId);
  return (code: string) => scheme.classes.find((c) => c.code === code)?.rank ?? Number.MAX_SAFE_INTEGER;
}
