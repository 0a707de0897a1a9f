import { ANSWER_VALUES, type AnswerInput } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { conflict, type FieldError, msg } from '../../../platform/errors/app-error';
import type { Audit } from '../../../platform/tx';
import { partnerAnswers, type partnerAssessments } from '../assessment-tables';
import { sheetStatusName } from '../status-names';

type AssessmentRow = typeof partnerAssessments.$inferSelect;
type Answer = z.infer<typeof AnswerInput>;

export const answerable = (a: AssessmentRow) => a.status === 'draft' || a.status === 'reopened';

/**
 * Checks answers against the assessment (the JSON body and the uploaded sheet alike): each requirement must
 * belong to it, once; "not applicable" needs a reason. `where(i, field)` names the place for the error.
 */
export function checkAnswers(a: AssessmentRow, answers: Answer[], where: (i: number, field: string) => string): FieldError[] {
  const known = new Set(a.requirementIds);
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  answers.forEach((ans, i) => {
    if (!known.has(ans.requirementId))
      errors.push({ path: where(i, 'requirementId'), message: `${ans.requirementId} is not a requirement of this check sheet` });
    else if (seen.has(ans.requirementId))
      errors.push({ path: where(i, 'requirementId'), message: `${ans.requirementId} is answered twice` });
    seen.add(ans.requirementId);
    if (!ANSWER_VALUES.includes(ans.value)) errors.push({ path: where(i, 'value'), message: 'unknown answer' });
    if (ans.value === 'not_applicable' && !ans.reason?.trim())
      errors.push({ path: where(i, 'reason'), message: 'give the reason why this does not apply' });
  });
  return errors;
}

/** Writes checked answers (insert or replace), with one audit event. Evidence is replaced only where given. */
export async function writeAnswers(tx: Db, audit: Audit, a: AssessmentRow, answers: Answer[], userId: string | null) {
  if (!answerable(a)) throw conflict(msg('partner.sheet_not_open', { status: sheetStatusName(a.status) }));
  const set = {
    value: sql`excluded.value`,
    reason: sql`excluded.reason`,
    comment: sql`excluded.comment`,
    updatedAt: new Date(),
    updatedBy: userId,
  };
  for (const withEvidence of [true, false]) {
    const part = answers.filter((x) => (x.evidenceFileIds !== undefined) === withEvidence);
    for (let i = 0; i < part.length; i += 500)
      await tx
        .insert(partnerAnswers)
        .values(
          part
            .slice(i, i + 500)
            .map((ans) => ({ ...ans, evidenceFileIds: ans.evidenceFileIds ?? [], assessmentId: a.id, updatedBy: userId })),
        )
        .onConflictDoUpdate({
          target: [partnerAnswers.assessmentId, partnerAnswers.requirementId],
          set: withEvidence ? { ...set, evidenceFileIds: sql`excluded.evidence_file_ids` } : set,
        });
  }
  await audit({
    action: 'partner_assessment.answer',
    targetType: 'partner_assessment',
    targetId: a.id,
    after: { answers: answers.map((x) => ({ id: x.requirementId, value: x.value, evidence: x.evidenceFileIds })) },
  });
}
