import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { queueMail } from '../../../platform/mail/outbox';
import { inTransaction, type Audit, type Ctx } from '../../../platform/tx';
import { users } from '../../../platform/auth/tables';
import { partnerScope } from '../access';
import { partnerAnswers, partnerAssessments, partnerCampaigns, improvementRequests } from '../assessment-tables';
import { loadCatalog } from './catalog';
import { conflict, unprocessable } from '../errors';
import { answerable } from './answers';
import { getAssessment, loadAssessment } from './assessments';
import { notifyAssessmentSubmitted } from '../notifications';
import { judge, scoreAssessment, type AnswerValue } from './scoring';
import { partners } from '../tables';
import { thresholdFor } from './thresholds';
import { msg, fieldError } from '../../../platform/errors/app-error';
import { sheetStatusName } from '../status-names';

/** Days a partner has to answer an improvement request. */
export const IMPROVEMENT_DAYS = 60;
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10);

type AssessmentRow = typeof partnerAssessments.$inferSelect;

/**
 * Scores a complete assessment, stores the scores and the verdict, copies the score to the partner when it
 * is the partner's newest assessment, and opens an improvement request per failing requirement (docs/partners.md).
 */
export async function scoreAndJudge(tx: Db, audit: Audit, a: AssessmentRow, now = new Date()) {
  const answers = await tx
    .select({ id: partnerAnswers.requirementId, value: partnerAnswers.value })
    .from(partnerAnswers)
    .where(eq(partnerAnswers.assessmentId, a.id));
  const values = new Map<string, AnswerValue>(answers.map((x) => [x.id, x.value]));
  const catalog = loadCatalog(a.catalogVersion);
  const items = a.requirementIds.map((id) => catalog.byId.get(id)!);
  const result = scoreAssessment(items, values);
  const threshold = await thresholdFor(tx, a.tier);
  const verdict = judge(result, threshold);
  const g = result.groups;
  await tx
    .update(partnerAssessments)
    .set({
      status: 'submitted',
      submittedAt: now,
      score: result.overall,
      score1: g['1'],
      score2: g['2'],
      score3: g['3'],
      score4: g['4'],
      score5: g['5'],
      threshold,
      passed: verdict.passed,
      updatedAt: now,
    })
    .where(eq(partnerAssessments.id, a.id));
  await tx
    .update(partners)
    .set({ latestScore: result.overall, latestAssessmentId: a.id, latestScoredAt: now })
    .where(
      and(
        eq(partners.id, a.partnerId),
        sql`NOT EXISTS (SELECT 1 FROM partner_assessments n WHERE n.partner_id = ${a.partnerId}
          AND n.score IS NOT NULL AND n.id <> ${a.id} AND n.created_at > ${a.createdAt})`,
      ),
    );
  const [campaign] = await tx
    .select({ createdBy: partnerCampaigns.createdBy })
    .from(partnerCampaigns)
    .where(eq(partnerCampaigns.id, a.campaignId));
  const created = verdict.requests.length
    ? await tx
        .insert(improvementRequests)
        .values(
          verdict.requests.map((r) => ({
            ...r,
            assessmentId: a.id,
            partnerId: a.partnerId,
            ownerId: campaign?.createdBy ?? null,
            dueOn: addDays(now, IMPROVEMENT_DAYS),
          })),
        )
        .onConflictDoNothing()
        .returning({ id: improvementRequests.id, requirementId: improvementRequests.requirementId })
    : [];
  await audit({
    action: 'partner_assessment.submit',
    targetType: 'partner_assessment',
    targetId: a.id,
    after: {
      score: result.overall,
      groups: g,
      threshold,
      passed: verdict.passed,
      improvementRequests: created.map((c) => c.requirementId),
    },
  });
  if (created.length) await mailPartnerUsers(tx, a.partnerId, created.length);
  return { result, verdict, created };
}

async function mailPartnerUsers(tx: Db, partnerId: string, n: number) {
  const to = await tx
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.partnerId, partnerId), eq(users.status, 'active')));
  for (const u of to)
    await queueMail(tx, {
      to: u.email,
      subject: { ja: `改善のお願い ${n} 件`, en: `${n} improvement request(s)` },
      body: {
        ja: `チェックシートの結果、${n} 件の改善をお願いします。ポータルで改善計画をご回答ください。`,
        en: `Your check sheet resulted in ${n} improvement request(s). Please answer them with a plan in the partner portal.`,
      },
    });
}

/** Submits a check sheet: every requirement must be answered; then it is scored at once. */
export async function submitAssessment(ctx: Ctx, id: string) {
  await inTransaction(ctx, async (tx, audit) => {
    const a = await loadAssessment(tx, partnerScope(ctx, 'partner-portal:answer'), id, true);
    if (!answerable(a)) throw conflict(msg('partner.sheet_already', { status: sheetStatusName(a.status) }));
    const answered = new Set(
      (await tx.select({ id: partnerAnswers.requirementId }).from(partnerAnswers).where(eq(partnerAnswers.assessmentId, id))).map(
        (r) => r.id,
      ),
    );
    const missing = a.requirementIds.filter((r) => !answered.has(r));
    if (missing.length)
      throw unprocessable(
        msg('partner.unanswered', { count: missing.length }),
        missing.map((r) => fieldError(`answers.${r}`, 'partner.not_answered')),
      );
    await tx.update(partnerAssessments).set({ submittedBy: ctx.actor.userId }).where(eq(partnerAssessments.id, id));
    const { result } = await scoreAndJudge(tx, audit, a);
    await notifyAssessmentSubmitted(tx, a, result.overall);
  });
  return getAssessment(ctx, id);
}
