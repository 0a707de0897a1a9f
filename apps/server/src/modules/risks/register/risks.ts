import { withinThreshold, type CreateRiskBody, type CreateStepRiskBody, type UpdateRiskBody } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { covers, scopeOf, type Scope } from '../../../platform/access/scope';
import { users } from '../../../platform/auth/tables';
import { fieldError, forbidden, invalid, msg, notFound, unprocessable } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Audit, type Ctx } from '../../../platform/tx';
import { orgUnits, people } from '../../org/tables';
import { currentSnapshot } from '../method/setting';
import { risks } from '../tables';
import { levelCode, presentRisk, riskAuditView, selectRisks } from './query';
import { checkAssessment } from './validate';

type Unit = typeof orgUnits.$inferSelect;

/** The unit a risk is recorded for: it must be in the caller's risks:manage scope (400 naming the field otherwise). */
export async function unitForWrite(db: Db, scope: Scope, unitId: string, path = 'body.unitId'): Promise<Unit> {
  const [unit] = await db.select().from(orgUnits).where(eq(orgUnits.id, unitId));
  if (!unit || !covers(scope, unit.path)) throw invalid([fieldError(path, 'risks.unit_unknown')]);
  return unit;
}

/** One risk in the scope, or 404 (also for one that exists outside it). */
export async function loadRisk(db: Db, scope: Scope, id: string) {
  const [row] = await selectRisks(db).where(eq(risks.id, id));
  if (!row || !covers(scope, row.risk.unitPath)) throw notFound('The risk');
  return row;
}

/**
 * Records an assessed risk for a unit, under the method that applies to the unit now (its snapshot is referenced):
 * the levels are computed from the matrix, never sent by the client. Shared by the register and the flow analysis.
 */
export async function insertRisk(
  tx: Db,
  audit: Audit,
  unit: Unit,
  body: CreateStepRiskBody,
  link: { flowId: string; flowStepId: string } | null = null,
): Promise<string> {
  const snap = await currentSnapshot(tx, unit.id);
  await checkAssessment(tx, snap.method, unit.path, body);
  const [row] = await tx
    .insert(risks)
    .values({
      ...body,
      unitId: unit.id,
      unitPath: unit.path,
      methodId: snap.id,
      inherentLevel: levelCode(snap.method, body.inherentLikelihood, body.inherentImpact),
      residualLevel: levelCode(snap.method, body.residualLikelihood, body.residualImpact),
      flowId: link?.flowId ?? null,
      flowStepId: link?.flowStepId ?? null,
    })
    .returning();
  await audit({ action: 'risk.create', targetType: 'risk', targetId: row!.id, orgPath: unit.path, after: riskAuditView(row!) });
  return row!.id;
}

export function createRisk(ctx: Ctx, body: CreateRiskBody) {
  const scope = scopeOf(ctx.principal, 'risks:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const { unitId, ...rest } = body;
    const unit = await unitForWrite(tx, scope, unitId);
    const id = await insertRisk(tx, audit, unit, rest);
    return presentRisk(tx, await loadRisk(tx, scope, id));
  });
}

export async function getRisk(ctx: Ctx, id: string) {
  return presentRisk(ctx.db, await loadRisk(ctx.db, scopeOf(ctx.principal, 'risks:read'), id));
}

const ASSESSMENT = ['inherentLikelihood', 'inherentImpact', 'residualLikelihood', 'residualImpact'] as const;

/**
 * Changes a risk under its row lock (If-Match checked there). A change of any likelihood/impact value is a
 * re-assessment: it is made under the method that applies now (a new snapshot when the method changed), so all four
 * values must fit that method's scales. Other changes keep the snapshot. A change of the residual values clears
 * the owner's acceptance.
 */
export function updateRisk(ctx: Ctx, id: string, body: UpdateRiskBody, expected?: Precondition) {
  const scope = scopeOf(ctx.principal, 'risks:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const before = (await loadForUpdate(tx, risks, id, () => loadRisk(tx, scope, id), expected)).risk;
    const next = { ...before, ...body };
    const reassessed = ASSESSMENT.some((f) => body[f] !== undefined && body[f] !== before[f]);
    const residualChanged =
      next.residualLikelihood !== before.residualLikelihood || next.residualImpact !== before.residualImpact;
    let methodId = before.methodId;
    let levels = {};
    if (reassessed) {
      const snap = await currentSnapshot(tx, before.unitId);
      await checkAssessment(tx, snap.method, before.unitPath, { ...body, ...pick(next) });
      methodId = snap.id;
      levels = {
        inherentLevel: levelCode(snap.method, next.inherentLikelihood, next.inherentImpact),
        residualLevel: levelCode(snap.method, next.residualLikelihood, next.residualImpact),
      };
    } else {
      const { method } = await loadRisk(tx, scope, id);
      await checkAssessment(tx, method, before.unitPath, body);
    }
    const [row] = await tx
      .update(risks)
      .set({
        ...body,
        ...levels,
        methodId,
        ...(residualChanged ? { acceptedBy: null, acceptedByName: null, acceptedAt: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(risks.id, id))
      .returning();
    await audit({
      action: 'risk.update',
      targetType: 'risk',
      targetId: id,
      orgPath: before.unitPath,
      before: riskAuditView(before),
      after: riskAuditView(row!),
    });
    return presentRisk(tx, await loadRisk(tx, scope, id));
  });
}

const pick = (r: Record<(typeof ASSESSMENT)[number], number>) =>
  Object.fromEntries(ASSESSMENT.map((f) => [f, r[f]])) as Record<(typeof ASSESSMENT)[number], number>;

/**
 * The owner accepts the residual risk: only the person linked to the signed-in account who owns the risk (403
 * otherwise), and only when the residual level is within the threshold of the risk's own method (422 otherwise).
 * Records the name as it is now and the time.
 */
export function acceptRisk(ctx: Ctx, id: string, expected?: Precondition) {
  const scope = scopeOf(ctx.principal, 'risks:read');
  return inTransaction(ctx, async (tx, audit) => {
    const row = await loadForUpdate(tx, risks, id, () => loadRisk(tx, scope, id), expected);
    const [me] = await tx
      .select({ personId: people.id, nameJa: people.nameJa, nameEn: people.nameEn })
      .from(users)
      .innerJoin(people, eq(people.id, users.personId))
      .where(eq(users.id, ctx.principal!.userId));
    if (!me || me.personId !== row.risk.ownerId) throw forbidden(msg('risks.accept_not_owner'));
    const { method } = row;
    if (!withinThreshold(method, row.risk.residualLevel)) {
      const name = (code: string) => {
        const l = method.levels.find((x) => x.code === code);
        return { ja: l?.labelJa ?? code, en: l?.labelEn ?? code };
      };
      throw unprocessable(
        msg('risks.accept_above_threshold', { level: name(row.risk.residualLevel), threshold: name(method.acceptUpTo) }),
      );
    }
    const at = new Date();
    const [after] = await tx
      .update(risks)
      .set({ acceptedBy: me.personId, acceptedByName: `${me.nameJa} / ${me.nameEn}`, acceptedAt: at, updatedAt: at })
      .where(eq(risks.id, id))
      .returning();
    await audit({
      action: 'risk.accept',
      targetType: 'risk',
      targetId: id,
      orgPath: row.risk.unitPath,
      before: riskAuditView(row.risk),
      after: riskAuditView(after!),
    });
    return presentRisk(tx, await loadRisk(tx, scope, id));
  });
}
