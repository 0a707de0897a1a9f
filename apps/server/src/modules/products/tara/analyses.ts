import type { CreateTaraAnalysisBody, TaraMethodDefinition, UpdateTaraAnalysisBody } from '@mamori/contracts';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { scopeOf, scopeSql } from '../../../platform/access/scope';
import { users } from '../../../platform/auth/tables';
import { fieldError, invalid, notFound, type FieldError } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Audit, type Ctx } from '../../../platform/tx';
import { loadProduct } from '../products';
import { orgUnits } from '../../org/tables';
import { products, releases } from '../tables';
import { approvedMethod, ensureDefaultMethod, methodDefinition } from './methods';
import { taraAnalyses, taraReviews } from './tables';
import { loadWorkspace } from './workspace';

type AnalysisRow = typeof taraAnalyses.$inferSelect;
export const analysisAudit = ({ createdAt: _c, updatedAt: _u, rowVersion: _v, ...a }: AnalysisRow) => a;

/** The analysis if its product lies inside the reader's scope for `action`; 404 otherwise. */
export async function loadScoped(db: Db, ctx: Ctx, id: string, action: 'products:read' | 'products:manage') {
  const [row] = await db.select().from(taraAnalyses).where(eq(taraAnalyses.id, id));
  if (!row) throw notFound('The TARA analysis');
  const product = await loadProduct(db, scopeOf(ctx.principal, action), row.productId);
  return { row, orgPath: product.orgPath };
}

export interface Locked {
  row: AnalysisRow;
  orgPath: string;
  method: TaraMethodDefinition;
}

/**
 * Every change of an analysis or one of its parts runs under the analysis's row lock (with the client's If-Match
 * on the whole workspace), so changes that read the tree — a cycle check, a derived value — queue, and each reads
 * what the previous one committed. `touch` then bumps the analysis's version: the workspace's ETag moves with
 * every part.
 */
export async function lockAnalysis(tx: Db, ctx: Ctx, id: string, expected: Precondition): Promise<Locked> {
  const { row, orgPath } = await loadForUpdate(tx, taraAnalyses, id, () => loadScoped(tx, ctx, id, 'products:manage'), expected);
  const method = await methodDefinition(tx, row.methodVersion);
  return { row, orgPath, method: method!.definition };
}

export async function touch(tx: Db, id: string) {
  await tx.update(taraAnalyses).set({ updatedAt: new Date() }).where(eq(taraAnalyses.id, id));
}

/** Runs a change of a part: lock, change, bump the version, audit; answers the whole workspace. */
export function changeAnalysis(
  ctx: Ctx,
  id: string,
  expected: Precondition,
  fn: (tx: Db, locked: Locked, audit: Audit) => Promise<void>,
) {
  return inTransaction(ctx, async (tx, audit) => {
    const locked = await lockAnalysis(tx, ctx, id, expected);
    await fn(tx, locked, audit);
    await touch(tx, id);
    return loadWorkspace(tx, id);
  });
}

export async function checkRefs(db: Db, productId: string, body: { releaseId?: string | null; riskOwnerId?: string | null }) {
  const errors: FieldError[] = [];
  if (body.releaseId) {
    const [r] = await db
      .select({ id: releases.id })
      .from(releases)
      .where(and(eq(releases.id, body.releaseId), eq(releases.productId, productId)));
    if (!r) errors.push(fieldError('body.releaseId', 'tara.release_unknown'));
  }
  if (body.riskOwnerId) {
    const [u] = await db.select({ id: users.id }).from(users).where(eq(users.id, body.riskOwnerId));
    if (!u) errors.push(fieldError('body.riskOwnerId', 'tara.owner_unknown'));
  }
  if (errors.length) throw invalid(errors);
}

/** One product's analyses, or (without a product) the latest 200 of every product in the reader's scope. */
export async function listAnalyses(ctx: Ctx, productId: string | undefined) {
  const scope = scopeOf(ctx.principal, 'products:read');
  if (productId) await loadProduct(ctx.db, scope, productId);
  const rows = await ctx.db
    .select({
      a: taraAnalyses,
      code: products.code,
      nameJa: products.nameJa,
      nameEn: products.nameEn,
      needsReview: sql<boolean>`EXISTS (SELECT 1 FROM ${taraReviews} r WHERE r.analysis_id = ${taraAnalyses.id} AND r.resolved_at IS NULL)`,
    })
    .from(taraAnalyses)
    .innerJoin(products, eq(products.id, taraAnalyses.productId))
    .innerJoin(orgUnits, eq(orgUnits.id, products.orgUnitId))
    .where(and(productId ? eq(taraAnalyses.productId, productId) : undefined, scopeSql(scope, orgUnits.path)))
    .orderBy(desc(taraAnalyses.updatedAt), asc(taraAnalyses.id))
    .limit(200);
  return {
    items: rows.map(({ a, code, nameJa, nameEn, needsReview }) => ({
      id: a.id,
      rowVersion: a.rowVersion,
      productId: a.productId,
      releaseId: a.releaseId,
      title: a.title,
      methodVersion: a.methodVersion,
      updatedAt: a.updatedAt.toISOString(),
      productCode: code,
      productNameJa: nameJa,
      productNameEn: nameEn,
      needsReview,
    })),
  };
}

export async function getAnalysis(ctx: Ctx, id: string) {
  await loadScoped(ctx.db, ctx, id, 'products:read');
  return loadWorkspace(ctx.db, id);
}

export async function createAnalysis(ctx: Ctx, body: z.infer<typeof CreateTaraAnalysisBody>) {
  await ensureDefaultMethod(ctx);
  return inTransaction(ctx, async (tx, audit) => {
    const product = await loadProduct(tx, scopeOf(ctx.principal, 'products:manage'), body.productId);
    await checkRefs(tx, body.productId, body);
    const { version } = await approvedMethod(tx, body.methodVersion, 'body.methodVersion');
    const [row] = await tx
      .insert(taraAnalyses)
      .values({ ...body, methodVersion: version, createdAt: new Date() })
      .returning();
    await audit({
      action: 'tara_analysis.create',
      targetType: 'tara_analysis',
      targetId: row!.id,
      orgPath: product.orgPath,
      after: analysisAudit(row!),
    });
    return loadWorkspace(tx, row!.id);
  });
}

export function updateAnalysis(ctx: Ctx, id: string, body: z.infer<typeof UpdateTaraAnalysisBody>, expected: Precondition) {
  return inTransaction(ctx, async (tx, audit) => {
    const { row: before, orgPath } = await lockAnalysis(tx, ctx, id, expected);
    await checkRefs(tx, before.productId, body);
    const [after] = await tx
      .update(taraAnalyses)
      .set({ ...body, updatedAt: new Date() })
      .where(eq(taraAnalyses.id, id))
      .returning();
    await audit({
      action: 'tara_analysis.update',
      targetType: 'tara_analysis',
      targetId: id,
      orgPath,
      before: analysisAudit(before),
      after: analysisAudit(after!),
    });
    return loadWorkspace(tx, id);
  });
}
