import { todayJst, type CreateServiceReviewBody, type DecideServiceReviewBody, type ServiceReview } from '@mamori/contracts';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { escapeLike } from '../../../platform/access/scope';
import { conflict, fieldError, invalid, msg, notFound, unprocessable, type FieldError } from '../../../platform/errors/app-error';
import { CursorPart, decodeCursor, encodeCursor } from '../../../platform/http/cursor';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { effectiveSetting } from '../../../platform/settings/effective';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { effectiveClassification } from '../../assets/service';
import { unitById } from '../../org/service';
import { partnersByIds } from '../../partners/service';
import { canAt, groupWide } from '../access';
import { reviewSetting } from '../settings';
import { approvedServices, serviceReviews } from '../tables';
import { reviewChecklist } from './catalog';
import { canSeeReview, presentReviews, reviewAuditView, visibleReviewsSql, type ReviewRow } from './present';

const className = (scheme: { classes: { code: string; nameJa: string; nameEn: string }[] }, code: string) => {
  const c = scheme.classes.find((x) => x.code === code);
  return c ? { ja: c.nameJa, en: c.nameEn } : code;
};

async function loadReview(db: Db, ctx: Ctx, id: string): Promise<ReviewRow> {
  const [row] = await db.select().from(serviceReviews).where(eq(serviceReviews.id, id));
  if (!row || !canSeeReview(ctx, row)) throw notFound();
  return row;
}

export async function getReview(ctx: Ctx, id: string): Promise<ServiceReview> {
  return (await presentReviews(ctx.db, ctx, [await loadReview(ctx.db, ctx, id)]))[0]!;
}

/**
 * A unit asks to use a service (service-reviews:request covering the unit, else 404): the class must be one of the
 * unit's scheme, the provider a known partner when named, each checklist answer an item of the catalogue, once.
 */
export function requestReview(ctx: Ctx, body: CreateServiceReviewBody): Promise<ServiceReview> {
  return inTransaction(ctx, async (tx, audit) => {
    const unit = await unitById(tx, body.unitId);
    if (!unit || !canAt(ctx, 'service-reviews:request', unit.path)) throw notFound();
    const errors: FieldError[] = [];
    const scheme = await effectiveClassification(tx, unit.id);
    if (!scheme.classes.some((c) => c.code === body.classCode))
      errors.push(fieldError('body.classCode', 'reviews.class_unknown', { class: body.classCode }));
    if (body.providerPartnerId && !(await partnersByIds(tx, [body.providerPartnerId])).length)
      errors.push(fieldError('body.providerPartnerId', 'systems.partner_unknown'));
    const seen = new Set<string>();
    body.answers.forEach((a, i) => {
      if (!reviewChecklist.some((c) => c.code === a.code))
        errors.push(fieldError(`body.answers.${i}.code`, 'reviews.check_unknown', { code: a.code }));
      else if (seen.has(a.code)) errors.push(fieldError(`body.answers.${i}.code`, 'reviews.check_twice', { code: a.code }));
      seen.add(a.code);
    });
    if (errors.length) throw invalid(errors);
    const { unitId: _u, ...fields } = body;
    const [row] = await tx
      .insert(serviceReviews)
      .values({ ...fields, unitId: unit.id, unitPath: unit.path, requesterId: ctx.principal?.userId ?? null })
      .returning();
    await audit({
      action: 'service-review.request',
      targetType: 'service-review',
      targetId: row!.id,
      orgPath: unit.path,
      after: reviewAuditView(row!),
    });
    return (await presentReviews(tx, ctx, [row!]))[0]!;
  });
}

const addMonths = (day: string, months: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

/**
 * The security office decides (service-reviews:decide covering the unit, else 404; a decided request is 409). An
 * approval names the highest class the service may hold — not above what was asked, and, for a reviewer whose
 * scope is not the whole group, not above the setting's rank (422 naming both) — and enters the approved register
 * with its re-review date (the setting's months from today when none is given).
 */
export function decideReview(
  ctx: Ctx,
  id: string,
  body: DecideServiceReviewBody,
  expected: Precondition,
): Promise<ServiceReview> {
  return inTransaction(ctx, async (tx, audit) => {
    const before = await loadForUpdate(tx, serviceReviews, id, () => loadReview(tx, ctx, id), expected);
    if (!canAt(ctx, 'service-reviews:decide', before.unitPath)) throw notFound();
    if (before.status !== 'pending') throw conflict(msg('reviews.decided'));
    const approving = body.decision !== 'refused';
    const today = todayJst();
    const scheme = await effectiveClassification(tx, before.unitId);
    const rank = (code: string) => scheme.classes.find((c) => c.code === code)?.rank ?? null;
    const errors: FieldError[] = [];
    if (approving && !body.approvedClassCode) errors.push(fieldError('body.approvedClassCode', 'reviews.approval_needs_class'));
    if (approving && body.approvedClassCode && rank(body.approvedClassCode) === null)
      errors.push(fieldError('body.approvedClassCode', 'reviews.class_unknown', { class: body.approvedClassCode }));
    if (body.decision === 'approved_with_conditions' && !body.conditions)
      errors.push(fieldError('body.conditions', 'reviews.conditions_needed'));
    if (errors.length) throw invalid(errors);
    const approvedRank = approving ? rank(body.approvedClassCode!)! : null;
    if (approvedRank !== null) {
      if (approvedRank > (rank(before.classCode) ?? Infinity))
        throw unprocessable(msg('reviews.above_request', { class: className(scheme, before.classCode) }), [
          fieldError('body.approvedClassCode', 'reviews.above_request', { class: className(scheme, before.classCode) }),
        ]);
      const limitRank = (await effectiveSetting(tx, reviewSetting, before.unitId)).value.subtreeMaxRank;
      if (!groupWide(ctx, 'service-reviews:decide') && approvedRank > limitRank) {
        const limit = scheme.classes.filter((c) => c.rank <= limitRank).sort((a, b) => b.rank - a.rank)[0];
        const params = {
          limit: limit ? { ja: limit.nameJa, en: limit.nameEn } : '-',
          class: className(scheme, body.approvedClassCode!),
        };
        throw unprocessable(msg('reviews.above_rights', params), [
          fieldError('body.approvedClassCode', 'reviews.above_rights', params),
        ]);
      }
    }
    const months = (await effectiveSetting(tx, reviewSetting, before.unitId)).value.reReviewMonths;
    const reReviewOn = approving ? (body.reReviewOn ?? addMonths(today, months)) : null;
    const [after] = await tx
      .update(serviceReviews)
      .set({
        status: body.decision,
        approvedClassCode: approving ? body.approvedClassCode : null,
        conditions: body.conditions,
        reasons: body.reasons,
        reReviewOn,
        decidedBy: ctx.principal?.userId ?? null,
        decidedAt: new Date(),
      })
      .where(eq(serviceReviews.id, id))
      .returning();
    if (approving)
      await tx.insert(approvedServices).values({
        reviewId: id,
        serviceName: before.serviceName,
        providerName: before.providerName,
        maxClassCode: body.approvedClassCode!,
        personalData: before.personalData,
        storageCountry: before.storageCountry,
        conditions: body.conditions,
        approvedOn: today,
        reReviewOn: reReviewOn!,
      });
    await audit({
      action: 'service-review.decide',
      targetType: 'service-review',
      targetId: id,
      orgPath: before.unitPath,
      before: reviewAuditView(before),
      after: reviewAuditView(after!),
    });
    return (await presentReviews(tx, ctx, [after!]))[0]!;
  });
}

const Cursor = z.tuple([CursorPart.pgTimestamp, CursorPart.uuid]);

/** Reviews the reader may see, newest first; by status or unit subtree. */
export async function listReviews(
  ctx: Ctx,
  q: { status?: ReviewRow['status']; unitId?: string; limit: number; cursor?: string; q?: string },
): Promise<{ items: ServiceReview[]; nextCursor: string | null }> {
  const where: (SQL | undefined)[] = [visibleReviewsSql(ctx)];
  if (q.status) where.push(eq(serviceReviews.status, q.status));
  if (q.unitId) {
    const unit = await unitById(ctx.db, q.unitId);
    if (!unit) throw notFound();
    where.push(sql`${serviceReviews.unitPath} LIKE ${escapeLike(unit.path) + '%'}`);
  }
  if (q.q) where.push(sql`${serviceReviews.serviceName} ILIKE ${'%' + escapeLike(q.q) + '%'}`);
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, Cursor);
    where.push(sql`(${serviceReviews.createdAt}, ${serviceReviews.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await ctx.db
    .select({ r: serviceReviews, at: sql<string>`${serviceReviews.createdAt}::text` })
    .from(serviceReviews)
    .where(and(...where))
    .orderBy(desc(serviceReviews.createdAt), desc(serviceReviews.id))
    .limit(q.limit + 1);
  const shown = rows.slice(0, q.limit);
  const last = shown.at(-1);
  return {
    items: await presentReviews(
      ctx.db,
      ctx,
      shown.map((s) => s.r),
    ),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.at, last.r.id]) : null,
  };
}
