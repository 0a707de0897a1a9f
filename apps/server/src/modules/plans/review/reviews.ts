import type {
  CreateReviewActionBody,
  CreateReviewBody,
  Review,
  ReviewAction,
  ReviewSummary,
  UpdateReviewActionBody,
  UpdateReviewBody,
} from '@mamori/contracts';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { scopeOf } from '../../../platform/access/scope';
import { conflict, fieldError, forbidden, invalid, msg, notFound } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { assemblePack } from './pack';
import { managementReviewActions, managementReviews } from './tables';

type ReviewRow = typeof managementReviews.$inferSelect;
type ActionRow = typeof managementReviewActions.$inferSelect;

/**
 * Who takes part: the security office prepares the review (management-review:manage, group-wide to change it; a site
 * office reads it), the CISO decides (management-review:decide). Nobody else sees it (403).
 */
function rights(ctx: Ctx) {
  const manage = scopeOf(ctx.principal, 'management-review:manage');
  const decide = scopeOf(ctx.principal, 'management-review:decide');
  return {
    read: manage.kind !== 'none' || decide.kind !== 'none',
    manage: manage.kind === 'all',
    decide: decide.kind === 'all',
  };
}

function need(ctx: Ctx, need: 'read' | 'manage' | 'decide') {
  const r = rights(ctx);
  if (!r.read) throw forbidden(msg('reviews.not_yours'));
  if (need === 'manage' && !r.manage) throw forbidden(msg('reviews.not_yours'));
  if (need === 'decide' && !r.decide) throw forbidden(msg('reviews.decide_only'));
  return r;
}

const AUDIT = (id: string) => ({ targetType: 'management_review', targetId: id, orgPath: null });

async function selectReview(db: Db, id: string) {
  const [row] = await db.select().from(managementReviews).where(eq(managementReviews.id, id));
  if (!row) throw notFound('The management review');
  return row;
}

const presentAction = (a: ActionRow): ReviewAction => ({
  id: a.id,
  rowVersion: a.rowVersion,
  reviewId: a.reviewId,
  fiscalYear: a.fiscalYear,
  title: a.title,
  owner: a.owner,
  dueOn: a.dueOn,
  status: a.status,
  outcome: a.outcome,
});

const summaryOf = (r: ReviewRow, counts: { total: number; open: number }): ReviewSummary => ({
  id: r.id,
  rowVersion: r.rowVersion,
  fiscalYear: r.fiscalYear,
  title: r.title,
  heldOn: r.heldOn,
  status: r.status,
  packAssembledAt: r.packAssembledAt?.toISOString() ?? null,
  actions: counts,
});

export async function listReviews(ctx: Ctx): Promise<ReviewSummary[]> {
  need(ctx, 'read');
  const rows = await ctx.db.select().from(managementReviews).orderBy(desc(managementReviews.fiscalYear)).limit(100);
  const counts = await ctx.db
    .select({
      reviewId: managementReviewActions.reviewId,
      total: sql<number>`count(*)::int`,
      open: sql<number>`count(*) FILTER (WHERE ${managementReviewActions.status} = 'open')::int`,
    })
    .from(managementReviewActions)
    .groupBy(managementReviewActions.reviewId);
  return rows.map((r) => {
    const c = counts.find((x) => x.reviewId === r.id);
    return summaryOf(r, { total: Number(c?.total ?? 0), open: Number(c?.open ?? 0) });
  });
}

export async function getReview(ctx: Ctx, id: string): Promise<Review> {
  const r = need(ctx, 'read');
  const review = await selectReview(ctx.db, id);
  const actions = await ctx.db
    .select()
    .from(managementReviewActions)
    .where(eq(managementReviewActions.reviewId, id))
    .orderBy(asc(managementReviewActions.dueOn), asc(managementReviewActions.createdAt));
  return {
    ...summaryOf(review, { total: actions.length, open: actions.filter((a) => a.status === 'open').length }),
    attendees: review.attendees,
    internalIssues: review.internalIssues,
    externalIssues: review.externalIssues,
    interestedParties: review.interestedParties,
    decisions: review.decisions,
    closedAt: review.closedAt?.toISOString() ?? null,
    pack: review.pack,
    actionItems: actions.map(presentAction),
    canManage: r.manage && review.status !== 'done',
    canDecide: r.decide && review.status !== 'done',
  };
}

export async function createReview(ctx: Ctx, body: z.infer<typeof CreateReviewBody>): Promise<Review> {
  need(ctx, 'manage');
  const id = await inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(managementReviews)
      .values({ fiscalYear: body.fiscalYear, heldOn: body.heldOn, title: body.title, createdBy: ctx.principal!.userId })
      .onConflictDoNothing()
      .returning();
    if (!row)
      throw conflict(msg('reviews.year_exists', { fiscalYear: body.fiscalYear }), [
        fieldError('body.fiscalYear', 'reviews.year_exists', { fiscalYear: body.fiscalYear }),
      ]);
    await audit({ action: 'management_review.create', ...AUDIT(row.id), after: body });
    return row.id;
  });
  return getReview(ctx, id);
}

/** Locks a review still in preparation (409 once closed), checking If-Match under the lock. */
async function lockOpen(tx: Db, id: string, expected?: Precondition) {
  const review = await loadForUpdate(tx, managementReviews, id, () => selectReview(tx, id), expected);
  if (review.status === 'done') throw conflict(msg('reviews.closed'));
  return review;
}

/**
 * The office changes the date, attendees and inputs; the decisions are the CISO's (a `decisions` field from anyone
 * else is refused with 403).
 */
export async function updateReview(ctx: Ctx, id: string, body: z.infer<typeof UpdateReviewBody>, expected?: Precondition) {
  const r = need(ctx, 'read');
  const { decisions, ...inputs } = body;
  if (decisions !== undefined && !r.decide) throw forbidden(msg('reviews.decide_only'));
  if (Object.values(inputs).some((v) => v !== undefined) && !r.manage) throw forbidden(msg('reviews.not_yours'));
  await inTransaction(ctx, async (tx, audit) => {
    const before = await lockOpen(tx, id, expected);
    const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    await tx.update(managementReviews).set(changes).where(eq(managementReviews.id, id));
    const pick = (o: Record<string, unknown>) => Object.fromEntries(Object.keys(changes).map((k) => [k, o[k]]));
    await audit({ action: 'management_review.update', ...AUDIT(id), before: pick(before), after: changes });
  });
  return getReview(ctx, id);
}

/** Assembles the pack now (the office): a snapshot of every source's figures, kept with the review. */
export async function assembleReviewPack(ctx: Ctx, id: string, expected?: Precondition) {
  need(ctx, 'manage');
  await inTransaction(ctx, async (tx, audit) => {
    const review = await lockOpen(tx, id, expected);
    const pack = await assemblePack(tx, review);
    await tx
      .update(managementReviews)
      .set({ pack, packAssembledAt: new Date(pack.assembledAt) })
      .where(eq(managementReviews.id, id));
    await audit({
      action: 'management_review.assemble',
      ...AUDIT(id),
      after: { sections: pack.sections.map((s) => `${s.key}:${s.available ? 'ok' : 'n/a'}`) },
    });
  });
  return getReview(ctx, id);
}

/** The CISO closes the review once the pack is assembled and the decisions written; nothing in it changes after. */
export async function closeReview(ctx: Ctx, id: string, expected?: Precondition) {
  need(ctx, 'decide');
  await inTransaction(ctx, async (tx, audit) => {
    const review = await lockOpen(tx, id, expected);
    const errors = [
      ...(review.pack ? [] : [fieldError('pack', 'reviews.pack_missing')]),
      ...(review.decisions.trim() ? [] : [fieldError('decisions', 'reviews.decisions_required')]),
    ];
    if (errors.length) throw invalid(errors);
    await tx
      .update(managementReviews)
      .set({ status: 'done', closedAt: new Date(), closedBy: ctx.principal!.userId })
      .where(eq(managementReviews.id, id));
    await audit({ action: 'management_review.close', ...AUDIT(id), after: { status: 'done' } });
  });
  return getReview(ctx, id);
}

/** An action the CISO decides: carried out in the fiscal year after the review's. */
export async function addAction(ctx: Ctx, id: string, body: z.infer<typeof CreateReviewActionBody>): Promise<ReviewAction> {
  need(ctx, 'decide');
  return inTransaction(ctx, async (tx, audit) => {
    const review = await lockOpen(tx, id);
    const [row] = await tx
      .insert(managementReviewActions)
      .values({ reviewId: id, fiscalYear: review.fiscalYear + 1, ...body })
      .returning();
    await audit({ action: 'management_review.action.create', ...AUDIT(id), after: { actionId: row!.id, ...body } });
    return presentAction(row!);
  });
}

/**
 * Changes an action. Its wording, owner and due date are the CISO's while the review is open; its progress (status,
 * outcome) is followed up during the year by the office or the CISO, also after the review closed.
 */
export async function updateAction(
  ctx: Ctx,
  id: string,
  actionId: string,
  body: z.infer<typeof UpdateReviewActionBody>,
  expected?: Precondition,
): Promise<ReviewAction> {
  const r = need(ctx, 'read');
  const { status, outcome, ...decision } = body;
  const decides = Object.values(decision).some((v) => v !== undefined);
  if (decides && !r.decide) throw forbidden(msg('reviews.decide_only'));
  if ((status !== undefined || outcome !== undefined) && !r.decide && !r.manage) throw forbidden(msg('reviews.not_yours'));
  return inTransaction(ctx, async (tx, audit) => {
    const review = await selectReview(tx, id);
    if (decides && review.status === 'done') throw conflict(msg('reviews.closed'));
    const load = async () => {
      const [a] = await tx
        .select()
        .from(managementReviewActions)
        .where(and(eq(managementReviewActions.id, actionId), eq(managementReviewActions.reviewId, id)));
      if (!a) throw notFound('The action');
      return a;
    };
    const before = await loadForUpdate(tx, managementReviewActions, actionId, load, expected);
    const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    const [after] = await tx
      .update(managementReviewActions)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(managementReviewActions.id, actionId))
      .returning();
    const pick = (o: Record<string, unknown>) => Object.fromEntries(Object.keys(changes).map((k) => [k, o[k]]));
    await audit({
      action: 'management_review.action.update',
      ...AUDIT(id),
      before: { actionId, ...pick(before) },
      after: { actionId, ...changes },
    });
    return presentAction(after!);
  });
}
