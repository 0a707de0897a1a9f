import type { CreateTestCaseBody, CreateTestPlanBody, TestPlanListQuery, UpdateTestPlanBody } from '@mamori/contracts';
import { eq, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { scopeOf } from '../../../platform/access/scope';
import { conflict, fieldError, invalid, msg } from '../../../platform/errors/app-error';
import { lockRow, loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { loadRelease } from '../products';
import { releases } from '../tables';
import { listPlanRows, loadPlan, planDetail, presentCase, presentPlan } from './read';
import { testCases, testPlans } from './tables';

const auditView = (p: typeof testPlans.$inferSelect) => ({
  title: p.title,
  scope: p.scope,
  depthKind: p.depthKind,
  depthLevel: p.depthLevel,
  methods: p.methods,
  interfaces: p.interfaces,
  testerIndependence: p.testerIndependence,
  testerName: p.testerName,
  authorisation: p.authorisation,
});

export async function listTestPlans(ctx: Ctx, q: z.infer<typeof TestPlanListQuery>) {
  const where: SQL[] = [];
  if (q.releaseId) where.push(eq(testPlans.releaseId, q.releaseId));
  if (q.productId) where.push(eq(testPlans.productId, q.productId));
  const rows = await listPlanRows(ctx.db, scopeOf(ctx.principal, 'products:read'), where);
  return { items: rows.map(presentPlan) };
}

export async function getTestPlan(ctx: Ctx, id: string) {
  return planDetail(ctx.db, await loadPlan(ctx.db, scopeOf(ctx.principal, 'products:read'), id));
}

/** A plan for a release inside the caller's scope (the release is named by id only: its product is looked up). */
export function createTestPlan(ctx: Ctx, body: z.output<typeof CreateTestPlanBody>) {
  const scope = scopeOf(ctx.principal, 'products:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const [rel] = await tx.select({ productId: releases.productId }).from(releases).where(eq(releases.id, body.releaseId));
    const unknown = () => invalid([fieldError('body.releaseId', 'testing.release_unknown')]);
    if (!rel) throw unknown();
    const { product } = await loadRelease(tx, scope, rel.productId, body.releaseId).catch(() => {
      throw unknown();
    });
    const { releaseId, ...fields } = body;
    const [plan] = await tx
      .insert(testPlans)
      .values({ ...fields, productId: rel.productId, releaseId })
      .returning();
    await audit({
      action: 'test_plan.create',
      targetType: 'product_test_plan',
      targetId: plan!.id,
      orgPath: product.orgPath,
      after: { releaseId, ...auditView(plan!) },
    });
    return presentPlan(await loadPlan(tx, scope, plan!.id));
  });
}

export function updateTestPlan(ctx: Ctx, id: string, body: z.output<typeof UpdateTestPlanBody>, expected?: Precondition) {
  const scope = scopeOf(ctx.principal, 'products:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const before = await loadForUpdate(tx, testPlans, id, () => loadPlan(tx, scope, id), expected);
    const kind = body.depthKind === undefined ? before.plan.depthKind : body.depthKind;
    const level = body.depthLevel === undefined ? before.plan.depthLevel : body.depthLevel;
    if ((kind == null) !== (level == null)) throw invalid([fieldError('body.depthLevel', 'testing.depth_together')]);
    const [after] = await tx
      .update(testPlans)
      .set({ ...body, updatedAt: new Date() })
      .where(eq(testPlans.id, id))
      .returning();
    await audit({
      action: 'test_plan.update',
      targetType: 'product_test_plan',
      targetId: id,
      orgPath: before.orgPath,
      before: auditView(before.plan),
      after: auditView(after!),
    });
    return presentPlan(await loadPlan(tx, scope, id));
  });
}

/** A test case of a plan; titles are unique in a plan (JUnit results are matched to cases by title). */
export function addTestCase(ctx: Ctx, planId: string, body: z.output<typeof CreateTestCaseBody>) {
  const scope = scopeOf(ctx.principal, 'products:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const plan = await loadPlan(tx, scope, planId);
    await lockRow(tx, testPlans, planId);
    const [created] = await tx
      .insert(testCases)
      .values({ ...body, planId })
      .onConflictDoNothing()
      .returning();
    if (!created) throw conflict(msg('testing.case_exists'), [fieldError('body.title', 'testing.case_exists')]);
    await audit({
      action: 'test_case.create',
      targetType: 'product_test_plan',
      targetId: planId,
      orgPath: plan.orgPath,
      after: { caseId: created.id, ...body },
    });
    return presentCase(created);
  });
}
