import type { AttemptResult, SubmitAttemptBody } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import { conflict, fieldError, invalid, msg, notFound, type FieldError } from '../../../platform/errors/app-error';
import { lockRow } from '../../../platform/records/lock';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { publishedContent } from '../courses/courses';
import { addMonths, todayJst } from '../people';
import { trainingAssignments, trainingAttempts, trainingCourses } from '../tables';
import { loadAssignment } from './read';

/**
 * Scores a quiz attempt on the server and keeps the answers. Refused, with nothing recorded: an attempt on someone
 * else's assignment (404), an answer naming a question or option the quiz does not have (400, each field named), a
 * submit after a pass or beyond the retries (409). The assignment row is locked first, so of two submits at once
 * the second sees the first's outcome.
 */
export async function submitAttempt(ctx: Ctx, id: string, body: SubmitAttemptBody): Promise<AttemptResult> {
  return inTransaction(ctx, async (tx, audit) => {
    await lockRow(tx, trainingAssignments, id);
    const { row, own } = await loadAssignment(ctx, id, tx);
    if (!own) throw notFound();
    const published = await publishedContent(tx, row.courseId);
    const quiz = published?.content.quiz;
    if (!published || !quiz) throw conflict(msg('training.no_quiz'));
    if (row.status === 'passed') throw conflict(msg('training.already_passed'));
    if (row.status === 'expired') throw conflict(msg('training.assignment_expired'));
    if (quiz.maxAttempts !== null && row.attempts >= quiz.maxAttempts)
      throw conflict(msg('training.no_attempts_left', { max: quiz.maxAttempts }));

    const errors: FieldError[] = [];
    const byId = new Map(quiz.questions.map((q) => [q.id, q]));
    const given = new Map<string, string[]>();
    body.answers.forEach((ans, i) => {
      const q = byId.get(ans.questionId);
      if (!q) return errors.push(fieldError(`body.answers.${i}.questionId`, 'training.unknown_question'));
      if (given.has(ans.questionId)) return errors.push(fieldError(`body.answers.${i}.questionId`, 'training.duplicate_id'));
      const options = new Set(q.options.map((o) => o.id));
      ans.optionIds.forEach((o, j) => {
        if (!options.has(o)) errors.push(fieldError(`body.answers.${i}.optionIds.${j}`, 'training.unknown_option'));
      });
      if (q.kind === 'single' && ans.optionIds.length > 1)
        errors.push(fieldError(`body.answers.${i}.optionIds`, 'training.single_choice'));
      given.set(ans.questionId, ans.optionIds);
    });
    if (errors.length) throw invalid(errors);

    const results = quiz.questions.map((q) => {
      const chosen = new Set(given.get(q.id) ?? []);
      const right = q.options.filter((o) => o.correct).map((o) => o.id);
      const correct = chosen.size === right.length && right.every((o) => chosen.has(o));
      return { questionId: q.id, correct };
    });
    const score = Math.round((100 * results.filter((r) => r.correct).length) / results.length);
    const passed = score >= quiz.passMark;
    const attempt = row.attempts + 1;
    const now = new Date();
    const [course] = await tx
      .select({ validityMonths: trainingCourses.validityMonths })
      .from(trainingCourses)
      .where(eq(trainingCourses.id, row.courseId));
    const out = quiz.maxAttempts !== null && attempt >= quiz.maxAttempts;
    await tx.insert(trainingAttempts).values({
      assignmentId: id,
      attempt,
      courseVersion: published.version,
      answers: body.answers,
      results,
      score,
      passed,
      submittedAt: now,
      userId: ctx.principal!.userId,
    });
    await tx
      .update(trainingAssignments)
      .set({
        attempts: attempt,
        score: Math.max(score, row.score ?? 0),
        status: passed ? 'passed' : out ? 'failed' : 'in_progress',
        ...(passed
          ? {
              passedAt: now,
              passedVersion: published.version,
              expiresOn: course?.validityMonths ? addMonths(todayJst(now), course.validityMonths) : null,
            }
          : {}),
      })
      .where(eq(trainingAssignments.id, id));
    await audit({
      action: passed ? 'training.quiz.pass' : 'training.quiz.fail',
      targetType: 'training_assignment',
      targetId: id,
      orgPath: row.unitPath,
      after: { attempt, score, passed, version: published.version },
    });
    return { attempt, score, passed, submittedAt: now.toISOString(), results };
  });
}

/** Marks a course without a quiz as done (having read it); a course with a quiz is passed by its quiz only. */
export async function completeCourse(ctx: Ctx, id: string): Promise<{ ok: true }> {
  return inTransaction(ctx, async (tx, audit) => {
    await lockRow(tx, trainingAssignments, id);
    const { row, own } = await loadAssignment(ctx, id, tx);
    if (!own) throw notFound();
    const published = await publishedContent(tx, row.courseId);
    if (!published) throw notFound();
    if (published.content.quiz) throw conflict(msg('training.quiz_required'));
    if (row.status === 'passed') throw conflict(msg('training.already_passed'));
    if (row.status === 'expired') throw conflict(msg('training.assignment_expired'));
    const now = new Date();
    const [course] = await tx
      .select({ validityMonths: trainingCourses.validityMonths })
      .from(trainingCourses)
      .where(eq(trainingCourses.id, row.courseId));
    await tx
      .update(trainingAssignments)
      .set({
        status: 'passed',
        passedAt: now,
        passedVersion: published.version,
        expiresOn: course?.validityMonths ? addMonths(todayJst(now), course.validityMonths) : null,
      })
      .where(eq(trainingAssignments.id, id));
    await audit({
      action: 'training.course.complete',
      targetType: 'training_assignment',
      targetId: id,
      orgPath: row.unitPath,
      after: { version: published.version },
    });
    return { ok: true as const };
  });
}
