import type { BusinessFlow, CreateFlowBody, CreateStepRiskBody, UpdateFlowBody } from '@mamori/contracts';
import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { covers, escapeLike, scopeOf, scopeSql, type Scope } from '../../../platform/access/scope';
import { conflict, fieldError, invalid, msg, notFound, type FieldError } from '../../../platform/errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../../../platform/http/cursor';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { assetsByIds } from '../../assets/service';
import { orgUnits } from '../../org/tables';
import { levelRef } from '../register/query';
import { getRisk, insertRisk, unitForWrite } from '../register/risks';
import { checkAssets } from '../register/validate';
import { unitPathOf } from '../register/list';
import { businessFlows, riskMethodVersions, risks, type FlowStepRow } from '../tables';

const selectFlows = (db: Db) =>
  db
    .select({
      flow: businessFlows,
      unitName: orgUnits.nameEn,
      unitNameJa: orgUnits.nameJa,
      updatedAtText: sql<string>`${businessFlows.updatedAt}::text`,
    })
    .from(businessFlows)
    .innerJoin(orgUnits, eq(orgUnits.id, businessFlows.unitId));
type FlowRow = Awaited<ReturnType<ReturnType<typeof selectFlows>['where']>>[number];

const manageScope = (ctx: Ctx) => scopeOf(ctx.principal, 'risks:manage');

async function loadFlow(db: Db, scope: Scope, id: string): Promise<FlowRow> {
  const [row] = await selectFlows(db).where(eq(businessFlows.id, id));
  if (!row || !covers(scope, row.flow.unitPath)) throw notFound('The business flow');
  return row;
}

const listItem = (r: FlowRow) => ({
  id: r.flow.id,
  rowVersion: r.flow.rowVersion,
  unitId: r.flow.unitId,
  unitName: r.unitName,
  unitNameJa: r.unitNameJa,
  name: r.flow.name,
  stepCount: r.flow.steps.length,
  updatedAt: r.flow.updatedAt,
});

/** A flow with each step's assets (names from the assets service) and the risks recorded on it. */
async function presentFlow(db: Db, r: FlowRow): Promise<BusinessFlow> {
  const assetNames = new Map(
    (
      await assetsByIds(
        db,
        r.flow.steps.flatMap((s) => s.assetIds),
      )
    ).map((a) => [a.id, a.name]),
  );
  const stepRisks = await db
    .select({
      id: risks.id,
      title: risks.title,
      stepId: risks.flowStepId,
      level: risks.residualLevel,
      method: riskMethodVersions.method,
    })
    .from(risks)
    .innerJoin(riskMethodVersions, eq(riskMethodVersions.id, risks.methodId))
    .where(eq(risks.flowId, r.flow.id))
    .orderBy(risks.createdAt);
  return {
    ...listItem(r),
    description: r.flow.description,
    createdAt: r.flow.createdAt,
    steps: r.flow.steps.map((s) => ({
      id: s.id,
      kind: s.kind,
      description: s.description,
      assets: s.assetIds.map((id) => ({ id, name: assetNames.get(id) ?? '' })),
      risks: stepRisks
        .filter((k) => k.stepId === s.id)
        .map((k) => ({ id: k.id, title: k.title, residualLevel: levelRef(k.method, k.level) })),
    })),
  };
}

/**
 * The steps as stored: a step that names an id keeps it (it must be one of the flow's steps), a new one gets one.
 * Assets must be the unit's (or its sub-units'). Every failing field at once.
 */
async function normaliseSteps(
  db: Db,
  unitPath: string,
  input: NonNullable<UpdateFlowBody['steps']>,
  existing: FlowStepRow[],
): Promise<FlowStepRow[]> {
  const errors: FieldError[] = [];
  const known = new Set(existing.map((s) => s.id));
  const seen = new Set<string>();
  const steps: FlowStepRow[] = [];
  for (const [i, s] of input.entries()) {
    if (s.id && !known.has(s.id)) errors.push(fieldError(`body.steps.${i}.id`, 'risks.flow_step_unknown'));
    if (s.id && seen.has(s.id)) errors.push(fieldError(`body.steps.${i}.id`, 'risks.flow_step_duplicate'));
    if (s.id) seen.add(s.id);
    errors.push(...(await checkAssets(db, unitPath, s.assetIds, `body.steps.${i}.assetIds`)));
    steps.push({ id: s.id ?? randomUUID(), kind: s.kind, description: s.description, assetIds: s.assetIds });
  }
  if (errors.length) throw invalid(errors);
  return steps;
}

export async function listFlows(ctx: Ctx, q: { limit: number; cursor?: string; q?: string; unitId?: string }) {
  const where = [scopeSql(manageScope(ctx), businessFlows.unitPath)];
  if (q.unitId) where.push(sql`${businessFlows.unitPath} LIKE ${escapeLike(await unitPathOf(ctx.db, q.unitId)) + '%'}`);
  if (q.q) where.push(sql`${businessFlows.name} ILIKE ${`%${escapeLike(q.q)}%`}`);
  const [{ total }] = (await ctx.db
    .select({ total: count() })
    .from(businessFlows)
    .where(and(...where))) as [{ total: number }];
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, z.tuple([CursorPart.pgTimestamp, CursorPart.uuid]));
    const atSql = sql`${at}::timestamptz`;
    where.push(or(lt(businessFlows.updatedAt, atSql), and(eq(businessFlows.updatedAt, atSql), lt(businessFlows.id, id)))!);
  }
  const rows = await selectFlows(ctx.db)
    .where(and(...where))
    .orderBy(desc(businessFlows.updatedAt), desc(businessFlows.id))
    .limit(q.limit + 1);
  return { ...pageOf(rows, q.limit, listItem, (r) => [r.updatedAtText, r.flow.id]), total };
}

export async function getFlow(ctx: Ctx, id: string) {
  return presentFlow(ctx.db, await loadFlow(ctx.db, manageScope(ctx), id));
}

export function createFlow(ctx: Ctx, body: CreateFlowBody) {
  const scope = manageScope(ctx);
  return inTransaction(ctx, async (tx, audit) => {
    const unit = await unitForWrite(tx, scope, body.unitId);
    const steps = await normaliseSteps(tx, unit.path, body.steps, []);
    const [row] = await tx
      .insert(businessFlows)
      .values({ unitId: unit.id, unitPath: unit.path, name: body.name, description: body.description, steps })
      .returning();
    await audit({
      action: 'business_flow.create',
      targetType: 'business_flow',
      targetId: row!.id,
      orgPath: unit.path,
      after: row,
    });
    return presentFlow(tx, await loadFlow(tx, scope, row!.id));
  });
}

/** Changes the name, description or the whole list of steps (If-Match). A step with risks cannot be dropped (409). */
export function updateFlow(ctx: Ctx, id: string, body: UpdateFlowBody, expected?: Precondition) {
  const scope = manageScope(ctx);
  return inTransaction(ctx, async (tx, audit) => {
    const before = (await loadForUpdate(tx, businessFlows, id, () => loadFlow(tx, scope, id), expected)).flow;
    let steps = before.steps;
    if (body.steps) {
      steps = await normaliseSteps(tx, before.unitPath, body.steps, before.steps);
      const kept = new Set(steps.map((s) => s.id));
      const dropped = before.steps.filter((s) => !kept.has(s.id)).map((s) => s.id);
      if (dropped.length) {
        const linked = await tx
          .select({ stepId: risks.flowStepId })
          .from(risks)
          .where(
            and(
              eq(risks.flowId, id),
              sql`${risks.flowStepId} IN (${sql.join(
                dropped.map((d) => sql`${d}::uuid`),
                sql`, `,
              )})`,
            ),
          );
        if (linked.length)
          throw conflict(msg('risks.flow_step_has_risks'), [fieldError('body.steps', 'risks.flow_step_has_risks')]);
      }
    }
    const [row] = await tx
      .update(businessFlows)
      .set({ name: body.name ?? before.name, description: body.description ?? before.description, steps, updatedAt: new Date() })
      .where(eq(businessFlows.id, id))
      .returning();
    await audit({
      action: 'business_flow.update',
      targetType: 'business_flow',
      targetId: id,
      orgPath: before.unitPath,
      before,
      after: row,
    });
    return presentFlow(tx, await loadFlow(tx, scope, id));
  });
}

/** Records a risk on one step: it lands in the register of the flow's unit, linked to the step. */
export async function addStepRisk(ctx: Ctx, id: string, stepId: string, body: CreateStepRiskBody) {
  const scope = manageScope(ctx);
  const riskId = await inTransaction(ctx, async (tx, audit) => {
    // the flow's lock: a parallel PATCH cannot drop the step while the risk is being linked to it
    const { flow } = await loadForUpdate(tx, businessFlows, id, () => loadFlow(tx, scope, id));
    if (!flow.steps.some((s) => s.id === stepId)) throw notFound('The step');
    const unit = await unitForWrite(tx, scope, flow.unitId, 'params.id');
    return insertRisk(tx, audit, unit, body, { flowId: id, flowStepId: stepId });
  });
  return getRisk(ctx, riskId);
}
