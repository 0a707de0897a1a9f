import { and, eq, inArray } from 'drizzle-orm';
import { msg } from '../../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { partnerScope } from '../access';
import { partnerAnswers } from '../assessment-tables';
import { conflict } from '../errors';
import { answerable, writeAnswers } from './answers';
import { getAssessment, loadAssessment } from './assessments';
import { previousSheetOf } from './previous-query';

/**
 * Starts a sheet from the partner's previous answers (issue 18: "offer last year's answers as a starting point"):
 * every requirement of this sheet that is still unanswered here and was answered on the previous sheet takes that
 * answer, its reason, comment and evidence. Nothing already answered is overwritten; the partner then reviews and
 * submits as usual. Requirements that are new this year stay unanswered.
 */
export async function copyPreviousAnswers(ctx: Ctx, id: string) {
  let copied = 0;
  await inTransaction(ctx, async (tx, audit) => {
    const a = await loadAssessment(tx, partnerScope(ctx, 'partner-portal:answer'), id, true);
    if (!answerable(a)) throw conflict(msg('partner.sheet.not_answerable'));
    const previous = await previousSheetOf(tx, a.partnerId, a.id);
    if (!previous) throw conflict(msg('partner.sheet.no_previous'));
    const answered = new Set(
      (
        await tx.select({ id: partnerAnswers.requirementId }).from(partnerAnswers).where(eq(partnerAnswers.assessmentId, a.id))
      ).map((r) => r.id),
    );
    const open = a.requirementIds.filter((r) => !answered.has(r));
    if (!open.length) return;
    const earlier = await tx
      .select()
      .from(partnerAnswers)
      .where(and(eq(partnerAnswers.assessmentId, previous.id), inArray(partnerAnswers.requirementId, open)));
    copied = earlier.length;
    if (!earlier.length) return;
    await writeAnswers(
      tx,
      audit,
      a,
      earlier.map((e) => ({
        requirementId: e.requirementId,
        value: e.value,
        reason: e.reason,
        comment: e.comment,
        evidenceFileIds: e.evidenceFileIds,
      })),
      ctx.actor.userId,
    );
  });
  return { copied, assessment: await getAssessment(ctx, id) };
}
