import { FSIRT_INCIDENT_TYPE, type ProductionImpact, type ProductionImpactBody } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { fieldError, invalid, msg, notFound, unprocessable } from '../../../platform/errors/app-error';
import { lockName, lockRow } from '../../../platform/records/lock';
import { checkVersion, type Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { assertIncidentAccess } from '../../incidents/service';
import { orgUnits } from '../../org/tables';
import { canAt } from '../access';
import { systems } from '../tables';
import { fsirtImpacts } from './tables';

type ImpactRow = typeof fsirtImpacts.$inferSelect;

async function present(db: Db, row: ImpactRow): Promise<ProductionImpact> {
  const [s] = await db
    .select({
      id: systems.id,
      name: systems.name,
      productionLine: systems.productionLine,
      unitId: orgUnits.id,
      nameJa: orgUnits.nameJa,
      nameEn: orgUnits.nameEn,
    })
    .from(systems)
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
    .where(eq(systems.id, row.systemId));
  return {
    id: row.id,
    rowVersion: row.rowVersion,
    system: {
      id: s!.id,
      name: s!.name,
      productionLine: s!.productionLine,
      unit: { id: s!.unitId, nameJa: s!.nameJa, nameEn: s!.nameEn },
    },
    productionLine: row.productionLine,
    lineStopped: row.lineStopped,
    stoppedHours: Number(row.stoppedHours),
    note: row.note,
    recordedAt: row.recordedAt.toISOString(),
  };
}

const loadImpact = async (db: Db, id: string) => (await db.select().from(fsirtImpacts).where(eq(fsirtImpacts.id, id)))[0];

/** The production impact of a case the caller may read (the incident's own visibility), else 404. */
export async function getImpact(ctx: Ctx, incidentId: string): Promise<ProductionImpact> {
  await assertIncidentAccess(ctx, incidentId, 'read');
  const row = await loadImpact(ctx.db, incidentId);
  if (!row) throw notFound();
  return present(ctx.db, row);
}

/**
 * Records or corrects the production impact of an FSIRT case: the caller manages the case (incidents:manage over its
 * unit, else 403/404 as the incident routes answer), the case is of the FSIRT type (422), the system is a factory
 * system the caller may read (400 naming `body.systemId`), hours only when the line stopped (400). One writer at a
 * time per case (a named lock, then the row lock; If-Match checked when given); audited.
 */
export function putImpact(
  ctx: Ctx,
  incidentId: string,
  body: ProductionImpactBody,
  expected: Precondition,
): Promise<ProductionImpact> {
  return inTransaction(ctx, async (tx, audit) => {
    const txCtx = { ...ctx, db: tx };
    const incident = await assertIncidentAccess(txCtx, incidentId, 'manage');
    if (incident.typeId !== FSIRT_INCIDENT_TYPE) throw unprocessable(msg('fsirt.not_fsirt'));
    const errors = [];
    const [system] = await tx.select().from(systems).where(eq(systems.id, body.systemId));
    if (!system || !canAt(ctx, 'systems:read', system.unitPath)) errors.push(fieldError('body.systemId', 'fsirt.system_unknown'));
    else if (system.kind !== 'ot') errors.push(fieldError('body.systemId', 'fsirt.not_ot'));
    if (!body.lineStopped && body.stoppedHours > 0) errors.push(fieldError('body.stoppedHours', 'fsirt.hours_without_stop'));
    if (errors.length) throw invalid(errors);
    await lockName(tx, `fsirt.impact:${incidentId}`, 'exclusive');
    // The row lock, then If-Match against the version locked (none recorded yet counts as version 0: a tag is stale).
    const version = await lockRow(tx, fsirtImpacts, incidentId);
    if (expected !== undefined) checkVersion(version ?? 0, expected);
    const before = await loadImpact(tx, incidentId);
    const values = {
      systemId: system!.id,
      productionLine: system!.productionLine,
      lineStopped: body.lineStopped,
      stoppedHours: body.stoppedHours,
      note: body.note,
      recordedBy: ctx.principal?.userId ?? null,
      recordedAt: new Date(),
    };
    const [row] = before
      ? await tx.update(fsirtImpacts).set(values).where(eq(fsirtImpacts.id, incidentId)).returning()
      : await tx
          .insert(fsirtImpacts)
          .values({ id: incidentId, ...values })
          .returning();
    const view = (r: ImpactRow) => ({
      systemId: r.systemId,
      productionLine: r.productionLine,
      lineStopped: r.lineStopped,
      stoppedHours: Number(r.stoppedHours),
      note: r.note,
    });
    const event = { targetId: incidentId, orgPath: system!.unitPath, after: view(row!) };
    if (before) await audit({ action: 'fsirt_impact.update', targetType: 'incident', before: view(before), ...event });
    else await audit({ action: 'fsirt_impact.record', targetType: 'incident', ...event });
    return present(tx, row!);
  });
}
