import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { holdersOf } from '../../../platform/access/holders';
import { users } from '../../../platform/auth/tables';
import { AppError, msg } from '../../../platform/errors/app-error';
import { queueMail } from '../../../platform/mail/outbox';
import { inTransaction, type Audit, type Ctx } from '../../../platform/tx';
import { partnerScope } from '../access';
import { getAssessment, loadAssessment } from './assessments';
import { partnerAssessmentRounds, partnerAssessments, partnerReopenRequests } from '../assessment-tables';
import { conflict } from '../errors';
import { loadReopenRequest, presentReopenRequest } from './reopen-query';
import { sheetStatusName } from '../status-names';
import { reopenStatusName } from '../status-names';

type AssessmentRow = typeof partnerAssessments.$inferSelect;

/**
 * Puts a submitted check sheet back to answering (status `reopened`, which the portal answers like a draft).
 * Its scores are copied to the history first, so resubmitting overwrites the sheet's score and not the
 * earlier one. A pending request of the partner is settled by it: the office answered what was asked.
 */
async function reopenSubmitted(
  tx: Db,
  audit: Audit,
  ctx: Ctx,
  a: AssessmentRow,
  reason: string,
  requestId: string | null,
  decisionReason: string | null = null,
) {
  if (a.status !== 'submitted') throw conflict(msg('partner.reopen_not_submitted', { status: sheetStatusName(a.status) }));
  const now = new Date();
  const { score, score1, score2, score3, score4, score5, threshold, passed, submittedAt, submittedBy } = a;
  await tx.insert(partnerAssessmentRounds).values({
    assessmentId: a.id,
    ...{ submittedAt, submittedBy, score, score1, score2, score3, score4, score5, threshold, passed },
    reopenedAt: now,
    reopenedBy: ctx.actor.userId,
    reopenReason: reason,
    reopenRequestId: requestId,
  });
  await tx
    .update(partnerAssessments)
    .set({ status: 'reopened', reopenReason: reason, updatedAt: now })
    .where(eq(partnerAssessments.id, a.id));
  await audit({
    action: 'partner_assessment.reopen',
    targetType: 'partner_assessment',
    targetId: a.id,
    before: { status: a.status, score, threshold, passed },
    after: { status: 'reopened', reason, requestId },
  });
  const settled = await tx
    .update(partnerReopenRequests)
    .set({ status: 'approved', decidedAt: now, decidedBy: ctx.actor.userId, decisionReason })
    .where(and(eq(partnerReopenRequests.assessmentId, a.id), eq(partnerReopenRequests.status, 'pending')))
    .returning();
  for (const r of settled) {
    await audit({
      action: 'partner_reopen_request.approve',
      targetType: 'partner_reopen_request',
      targetId: r.id,
      orgPath: null,
      after: { assessmentId: a.id, comment: decisionReason },
    });
    await tellRequester(tx, r.requestedBy, 'approved', decisionReason);
  }
}

/** The office reopens a submitted check sheet on its own initiative. */
export async function reopenAssessment(ctx: Ctx, id: string, reason: string) {
  await inTransaction(ctx, async (tx, audit) => {
    const a = await loadAssessment(tx, partnerScope(ctx, 'partner-assessments:review'), id, true);
    await reopenSubmitted(tx, audit, ctx, a, reason, null);
  });
  return getAssessment(ctx, id);
}

/** A partner user asks the office to reopen its own submitted check sheet, giving the reason. */
export function requestReopen(ctx: Ctx, assessmentId: string, reason: string) {
  const scope = partnerScope(ctx, 'partner-portal:answer');
  if (scope.kind !== 'partner') throw new AppError('forbidden', msg('partner.reopen_by_partner'));
  return inTransaction(ctx, async (tx, audit) => {
    const a = await loadAssessment(tx, scope, assessmentId, true);
    if (a.status !== 'submitted') throw conflict(msg('partner.reopen_not_submitted', { status: sheetStatusName(a.status) }));
    const [pending] = await tx
      .select({ id: partnerReopenRequests.id })
      .from(partnerReopenRequests)
      .where(and(eq(partnerReopenRequests.assessmentId, a.id), eq(partnerReopenRequests.status, 'pending')));
    if (pending) throw conflict(msg('partner.reopen_pending'));
    const [row] = await tx
      .insert(partnerReopenRequests)
      .values({ assessmentId: a.id, partnerId: a.partnerId, reason, requestedBy: ctx.actor.userId })
      .returning();
    await audit({
      action: 'partner_reopen_request.create',
      targetType: 'partner_reopen_request',
      targetId: row!.id,
      orgPath: null,
      after: row,
    });
    const request = await loadReopenRequest(tx, scope, row!.id);
    for (const h of await holdersOf(tx, 'partner-assessments:review', null))
      await queueMail(tx, {
        to: h.email,
        subject: {
          ja: `[Mamori] チェックシート再開の依頼: ${request.partnerName}`,
          en: `[Mamori] Reopen requested by ${request.partnerName}`,
        },
        body: `${request.partnerName} — ${request.campaignName}\n\n${reason}`,
      });
    return presentReopenRequest(request);
  });
}

/** The office approves a pending request: the check sheet is reopened with the partner's reason. */
export function approveReopenRequest(ctx: Ctx, id: string, comment: string) {
  return inTransaction(ctx, async (tx, audit) => {
    const scope = partnerScope(ctx, 'partner-assessments:review');
    const { r } = await loadReopenRequest(tx, scope, id, true);
    if (r.status !== 'pending') throw conflict(msg('partner.reopen_decided', { status: reopenStatusName(r.status) }));
    const a = await loadAssessment(tx, scope, r.assessmentId, true);
    await reopenSubmitted(tx, audit, ctx, a, r.reason, r.id, comment || null);
    return presentReopenRequest(await loadReopenRequest(tx, scope, id));
  });
}

/** The office refuses a pending request, saying why; the check sheet stays as submitted. */
export function refuseReopenRequest(ctx: Ctx, id: string, reason: string) {
  return inTransaction(ctx, async (tx, audit) => {
    const scope = partnerScope(ctx, 'partner-assessments:review');
    const { r } = await loadReopenRequest(tx, scope, id, true);
    if (r.status !== 'pending') throw conflict(msg('partner.reopen_decided', { status: reopenStatusName(r.status) }));
    await tx
      .update(partnerReopenRequests)
      .set({ status: 'refused', decidedAt: new Date(), decidedBy: ctx.actor.userId, decisionReason: reason })
      .where(eq(partnerReopenRequests.id, id));
    await audit({
      action: 'partner_reopen_request.refuse',
      targetType: 'partner_reopen_request',
      targetId: id,
      orgPath: null,
      before: r,
      after: { status: 'refused', reason },
    });
    await tellRequester(tx, r.requestedBy, 'refused', reason);
    return presentReopenRequest(await loadReopenRequest(tx, scope, id));
  });
}

async function tellRequester(tx: Db, userId: string | null, outcome: 'approved' | 'refused', note: string | null) {
  if (!userId) return;
  const [u] = await tx
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.status, 'active')));
  if (!u) return;
  const [ja, en] =
    outcome === 'approved'
      ? [
          'チェックシートの再開依頼が承認されました。回答を修正して再提出してください。',
          'Your reopen request was approved: correct your answers and submit again.',
        ]
      : ['チェックシートの再開依頼は承認されませんでした。', 'Your reopen request was refused.'];
  await queueMail(tx, {
    to: u.email,
    subject:
      outcome === 'approved'
        ? { ja: 'チェックシート再開依頼の承認', en: 'Reopen request approved' }
        : { ja: 'チェックシート再開依頼の結果', en: 'Reopen request refused' },
    body: { ja: `${ja}${note ? `\n\n${note}` : ''}`, en: `${en}${note ? `\n\n${note}` : ''}` },
  });
}
