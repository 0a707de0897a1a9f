import {
  IEC62443_PRACTICES,
  type CreateIec62443Body,
  type Iec62443Assessment,
  type Iec62443Status,
  type Iec62443Summary,
  type UpdateIec62443Body,
} from '@mamori/contracts';
import { asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { scopeOf, scopeSql, type Scope } from '../../../platform/access/scope';
import { users } from '../../../platform/auth/tables';
import { conflict, msg, notFound } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { loadProduct } from '../products';
import { products } from '../tables';
import { requirementById } from './catalog';
import { capability, counts, frKey } from './derive';
import { iec62443Assessments, iec62443Practices, iec62443Requirements } from './tables';

const selectAssessments = (db: Db) =>
  db
    .select({
      a: iec62443Assessments,
      orgPath: orgUnits.path,
      productCode: products.code,
      productNameJa: products.nameJa,
      productNameEn: products.nameEn,
    })
    .from(iec62443Assessments)
    .innerJoin(products, eq(products.id, iec62443Assessments.productId))
    .innerJoin(orgUnits, eq(orgUnits.id, products.orgUnitId));
type Row = Awaited<ReturnType<typeof selectAssessments>>[number];

/** The product's assessment inside the scope; 404 for a product outside it, and when none was started. */
async function loadAssessment(db: Db, scope: Scope, productId: string): Promise<Row> {
  await loadProduct(db, scope, productId);
  const [row] = await selectAssessments(db).where(eq(iec62443Assessments.productId, productId));
  if (!row) throw notFound('The IEC 62443 assessment');
  return row;
}

const statusMap = (rows: { requirementId: string; status: Iec62443Status }[]) =>
  new Map(rows.map((r) => [r.requirementId, r.status]));

function summary(r: Row, statuses: ReadonlyMap<string, Iec62443Status>): Iec62443Summary {
  return {
    productId: r.a.productId,
    productCode: r.productCode,
    productNameJa: r.productNameJa,
    productNameEn: r.productNameEn,
    rowVersion: r.a.rowVersion,
    componentType: r.a.componentType,
    slTarget: r.a.slTarget,
    slCapability: capability(r.a.componentType, statuses),
    counts: counts(r.a.componentType, r.a.slTarget, statuses).total,
    updatedAt: r.a.updatedAt.toISOString(),
  };
}

/** The whole assessment: header, computed SL-C and counts per FR, the requirements the component type has, practices. */
async function detail(db: Db, r: Row): Promise<Iec62443Assessment> {
  const owner = { ownerName: users.name };
  const reqs = await db
    .select({ r: iec62443Requirements, ...owner })
    .from(iec62443Requirements)
    .leftJoin(users, eq(users.id, iec62443Requirements.ownerId))
    .where(eq(iec62443Requirements.assessmentId, r.a.id));
  const practices = await db
    .select({ p: iec62443Practices, ...owner })
    .from(iec62443Practices)
    .leftJoin(users, eq(users.id, iec62443Practices.ownerId))
    .where(eq(iec62443Practices.assessmentId, r.a.id));
  // statuses kept from an earlier component type stay stored but do not count
  const own = reqs.filter((x) => requirementById(x.r.requirementId)?.types.includes(r.a.componentType));
  const statuses = statusMap(own.map((x) => x.r));
  const sl = capability(r.a.componentType, statuses);
  const { byFr } = counts(r.a.componentType, r.a.slTarget, statuses);
  return {
    ...summary(r, statuses),
    note: r.a.note,
    byFr: byFr.map((c, i) => ({
      ...c,
      fr: i + 1,
      target: r.a.slTarget[frKey(i + 1)],
      capability: sl[frKey(i + 1)],
    })),
    requirements: own.map(({ r: x, ownerName }) => ({
      requirementId: x.requirementId,
      status: x.status,
      reason: x.reason,
      evidence: x.evidence,
      links: x.links,
      ownerId: x.ownerId,
      ownerName,
      updatedAt: x.updatedAt.toISOString(),
    })),
    practices: practices
      .sort((x, y) => IEC62443_PRACTICES.indexOf(x.p.practice) - IEC62443_PRACTICES.indexOf(y.p.practice))
      .map(({ p, ownerName }) => ({
        practice: p.practice,
        level: p.level,
        evidence: p.evidence,
        links: p.links,
        ownerId: p.ownerId,
        ownerName,
        updatedAt: p.updatedAt.toISOString(),
      })),
  };
}

export async function getAssessment(ctx: Ctx, productId: string) {
  return detail(ctx.db, await loadAssessment(ctx.db, scopeOf(ctx.principal, 'products:read'), productId));
}

/** The assessments of the products in the reader's scope, with SL-T, SL-C and counts (at most 500). */
export async function listAssessments(ctx: Ctx): Promise<{ items: Iec62443Summary[] }> {
  const rows = await selectAssessments(ctx.db)
    .where(scopeSql(scopeOf(ctx.principal, 'products:read'), orgUnits.path))
    .orderBy(asc(products.code), asc(iec62443Assessments.id))
    .limit(500);
  if (!rows.length) return { items: [] };
  const statuses = await ctx.db
    .select({
      assessmentId: iec62443Requirements.assessmentId,
      requirementId: iec62443Requirements.requirementId,
      status: iec62443Requirements.status,
    })
    .from(iec62443Requirements)
    .where(
      inArray(
        iec62443Requirements.assessmentId,
        rows.map((r) => r.a.id),
      ),
    );
  const by = new Map<string, typeof statuses>();
  for (const s of statuses) by.set(s.assessmentId, [...(by.get(s.assessmentId) ?? []), s]);
  return {
    items: rows.map((r) =>
      summary(
        r,
        statusMap((by.get(r.a.id) ?? []).filter((s) => requirementById(s.requirementId)?.types.includes(r.a.componentType))),
      ),
    ),
  };
}

const auditView = (a: typeof iec62443Assessments.$inferSelect) => ({
  componentType: a.componentType,
  slTarget: a.slTarget,
  note: a.note,
});

/** Starts the product's assessment; 409 when it has one. */
export function createAssessment(ctx: Ctx, productId: string, body: z.output<typeof CreateIec62443Body>) {
  const scope = scopeOf(ctx.principal, 'products:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const product = await loadProduct(tx, scope, productId);
    const [created] = await tx
      .insert(iec62443Assessments)
      .values({ productId, componentType: body.componentType, slTarget: body.slTarget, note: body.note ?? null })
      .onConflictDoNothing()
      .returning();
    if (!created) throw conflict(msg('iec62443.exists'));
    await audit({
      action: 'iec62443.create',
      targetType: 'product',
      targetId: productId,
      orgPath: product.orgPath,
      after: auditView(created),
    });
    return detail(tx, await loadAssessment(tx, scope, productId));
  });
}

/**
 * Locks the assessment, checks the scope and the If-Match, runs the change and bumps the assessment's version (its
 * ETag covers requirements and practices too).
 */
export async function change(
  ctx: Ctx,
  productId: string,
  expected: Precondition,
  fn: (tx: Db, row: Row, audit: Parameters<Parameters<typeof inTransaction>[1]>[1]) => Promise<void>,
) {
  const scope = scopeOf(ctx.principal, 'products:manage');
  return inTransaction(ctx, async (tx, audit) => {
    await loadProduct(tx, scope, productId);
    const [found] = await tx
      .select({ id: iec62443Assessments.id })
      .from(iec62443Assessments)
      .where(eq(iec62443Assessments.productId, productId));
    if (!found) throw notFound('The IEC 62443 assessment');
    const row = await loadForUpdate(tx, iec62443Assessments, found.id, () => loadAssessment(tx, scope, productId), expected);
    await fn(tx, row, audit);
    await tx.update(iec62443Assessments).set({ updatedAt: new Date() }).where(eq(iec62443Assessments.id, row.a.id));
    return detail(tx, await loadAssessment(tx, scope, productId));
  });
}

export function updateAssessment(
  ctx: Ctx,
  productId: string,
  body: z.output<typeof UpdateIec62443Body>,
  expected?: Precondition,
) {
  return change(ctx, productId, expected, async (tx, row, audit) => {
    const [after] = await tx
      .update(iec62443Assessments)
      .set({
        ...(body.componentType ? { componentType: body.componentType } : {}),
        ...(body.slTarget ? { slTarget: body.slTarget } : {}),
        ...(body.note !== undefined ? { note: body.note ?? null } : {}),
      })
      .where(eq(iec62443Assessments.id, row.a.id))
      .returning();
    await audit({
      action: 'iec62443.update',
      targetType: 'product',
      targetId: productId,
      orgPath: row.orgPath,
      before: auditView(row.a),
      after: auditView(after!),
    });
  });
}
