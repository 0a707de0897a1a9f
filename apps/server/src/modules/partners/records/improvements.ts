import { z } from 'zod';
import type { AnswerImprovementBody, ImprovementRequestListQuery, UpdateImprovementBody } from '@mamori/contracts';
import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { users } from '../../../platform/auth/tables';
import { invalid, msg } from '../../../platform/errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../../../platform/http/cursor';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { partnerScope, partnerScopeSql, type PartnerScope } from '../access';
import { improvementRequests, partnerAssessments } from '../assessment-tables';
import { loadCatalog } from '../assessments/catalog';
import { conflict, notFound } from '../errors';
import { notifyImprovementAnswered, notifyImprovementReturned } from '../notifications';
import { partnerFiles, partners } from '../tables';
import { irStatusName } from '../status-names';

const overdueSql = sql<boolean>`(${improvementRequests.status} IN ('open', 'returned') AND ${improvementRequests.dueOn} < current_date)`;
/** Not settled yet: the partner still has to answer, or the office to decide. */
export const openSql = sql<boolean>`(${improvementRequests.status} IN ('open', 'answered', 'returned'))`;
const select = (db: Db) =>
  db
    .select({
      ir: improvementRequests,
      partnerName: partners.nameEn,
      partnerNameJa: partners.nameJa,
      catalogVersion: partnerAssessments.catalogVersion,
      overdue: overdueSql,
      ownerName: users.name,
    })
    .from(improvementRequests)
    .innerJoin(partners, eq(partners.id, improvementRequests.partnerId))
    .leftJoin(users, eq(users.id, improvementRequests.ownerId))
    .innerJoin(partnerAssessments, eq(partnerAssessments.id, improvementRequests.assessmentId));
type Row = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];

const iso = (d: Date | null) => d?.toISOString() ?? null;
const present = ({ ir, partnerName, partnerNameJa, catalogVersion, overdue, ownerName }: Row) => ({
  id: ir.id,
  rowVersion: ir.rowVersion,
  assessmentId: ir.assessmentId,
  partnerId: ir.partnerId,
  partnerName,
  partnerNameJa,
  requirementId: ir.requirementId,
  requirementText: loadCatalog(catalogVersion).byId.get(ir.requirementId)?.text ?? { ja: ir.requirementId, en: ir.requirementId },
  reason: ir.reason,
  ownerId: ir.ownerId,
  ownerName,
  dueOn: ir.dueOn,
  status: ir.status,
  overdue: Boolean(overdue),
  plan: ir.plan,
  evidenceFileIds: ir.evidenceFileIds,
  answeredAt: iso(ir.answeredAt),
  decisionComment: ir.decisionComment,
  decidedAt: iso(ir.decidedAt),
  escalatedAt: iso(ir.escalatedAt),
  createdAt: ir.createdAt.toISOString(),
});

export async function listImprovements(ctx: Ctx, q: z.infer<typeof ImprovementRequestListQuery>) {
  const where: (SQL | undefined)[] = [partnerScopeSql(partnerScope(ctx, 'partners:read'), improvementRequests.partnerId)];
  if (q.partnerId) where.push(eq(improvementRequests.partnerId, q.partnerId));
  if (q.assessmentId) where.push(eq(improvementRequests.assessmentId, q.assessmentId));
  if (q.status) where.push(eq(improvementRequests.status, q.status));
  if (q.overdue !== undefined) where.push(q.overdue ? overdueSql : sql`NOT ${overdueSql}`);
  if (q.open !== undefined) where.push(q.open ? openSql : sql`NOT ${openSql}`);
  if (q.cursor) {
    const [due, id] = decodeCursor(q.cursor, z.tuple([CursorPart.day, CursorPart.uuid]));
    where.push(or(gt(improvementRequests.dueOn, due), and(eq(improvementRequests.dueOn, due), gt(improvementRequests.id, id))));
  }
  const rows = await select(ctx.db)
    .where(and(...where))
    .orderBy(asc(improvementRequests.dueOn), asc(improvementRequests.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, present, (r) => [r.ir.dueOn, r.ir.id]);
}

async function load(db: Db, scope: PartnerScope, id: string) {
  const [row] = await select(db).where(
    and(eq(improvementRequests.id, id), partnerScopeSql(scope, improvementRequests.partnerId)),
  );
  if (!row) throw notFound('The improvement request');
  return row;
}

export const getImprovement = async (ctx: Ctx, id: string) => present(await load(ctx.db, partnerScope(ctx, 'partners:read'), id));

/** The partner answers with a plan and evidence (files uploaded to its own company before). */
export function answerImprovement(ctx: Ctx, id: string, body: z.infer<typeof AnswerImprovementBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const row = await loadForUpdate(tx, improvementRequests, id, () => load(tx, partnerScope(ctx, 'partner-portal:answer'), id));
    if (!['open', 'returned'].includes(row.ir.status))
      throw conflict(msg('partner.ir_nothing_to_answer', { status: irStatusName(row.ir.status) }));
    await checkFiles(tx, row.ir.partnerId, body.evidenceFileIds);
    await tx
      .update(improvementRequests)
      .set({ status: 'answered', plan: body.plan, evidenceFileIds: body.evidenceFileIds, answeredAt: new Date() })
      .where(eq(improvementRequests.id, id));
    await audit({
      action: 'improvement_request.answer',
      targetType: 'improvement_request',
      targetId: id,
      before: row.ir,
      after: body,
    });
    await notifyImprovementAnswered(tx, row.ir);
    return present((await load(tx, { kind: 'all' }, id))!);
  });
}

/** The security office accepts the answer (closing the request) or returns it to the partner. */
export function decideImprovement(ctx: Ctx, id: string, decision: 'accepted' | 'returned', comment: string) {
  return inTransaction(ctx, async (tx, audit) => {
    const row = await loadForUpdate(tx, improvementRequests, id, () =>
      load(tx, partnerScope(ctx, 'improvement-requests:manage'), id),
    );
    if (row.ir.status !== 'answered') throw conflict(msg('partner.ir_not_answered', { status: irStatusName(row.ir.status) }));
    await tx
      .update(improvementRequests)
      .set({ status: decision, decisionComment: comment || null, decidedAt: new Date(), decidedBy: ctx.actor.userId })
      .where(eq(improvementRequests.id, id));
    await audit({
      action: `improvement_request.${decision === 'accepted' ? 'accept' : 'return'}`,
      targetType: 'improvement_request',
      targetId: id,
      after: { comment },
    });
    if (decision === 'returned') await notifyImprovementReturned(tx, row.ir);
    return present((await load(tx, { kind: 'all' }, id))!);
  });
}

/** The office changes the owner (an active internal account) or the due date of an unsettled request. */
export function updateImprovement(ctx: Ctx, id: string, body: z.infer<typeof UpdateImprovementBody>, expected?: Precondition) {
  return inTransaction(ctx, async (tx, audit) => {
    const row = await loadForUpdate(
      tx,
      improvementRequests,
      id,
      () => load(tx, partnerScope(ctx, 'improvement-requests:manage'), id),
      expected,
    );
    if (row.ir.status === 'accepted') throw conflict(msg('partner.ir_accepted'));
    if (body.ownerId) {
      const [owner] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, body.ownerId), eq(users.kind, 'internal'), eq(users.status, 'active')));
      if (!owner) throw invalid([{ path: 'body.ownerId', message: 'not an active internal account' }]);
    }
    // A new due date is a new deadline: escalate again if it passes too.
    const moved = body.dueOn !== undefined && body.dueOn !== row.ir.dueOn;
    await tx
      .update(improvementRequests)
      .set({ ...body, ...(moved ? { escalatedAt: null } : {}) })
      .where(eq(improvementRequests.id, id));
    await audit({
      action: 'improvement_request.update',
      targetType: 'improvement_request',
      targetId: id,
      before: row.ir,
      after: body,
    });
    return present((await load(tx, { kind: 'all' }, id))!);
  });
}

/** Evidence must be files of the same partner. */
export async function checkFiles(tx: Db, partnerId: string, ids: string[]) {
  if (!ids.length) return;
  const found = await tx
    .select({ id: partnerFiles.id })
    .from(partnerFiles)
    .where(and(inArray(partnerFiles.id, ids), eq(partnerFiles.partnerId, partnerId)));
  if (found.length !== new Set(ids).size) throw notFound('An evidence file');
}
