import type { UpdateIncidentBody } from '@mamori/contracts';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { fieldError, type FieldError } from '../../platform/errors/app-error';
import { incidentTasks } from './tables';
import { addEntry } from './timeline';

export type TaskDecision = NonNullable<UpdateIncidentBody['taskDecisions']>[number];
type OpenTask = Pick<typeof incidentTasks.$inferSelect, 'id' | 'titleJa' | 'titleEn'>;

/**
 * Closing a case with open tasks needs a decision on each: done, or not needed with a reason. Answers the
 * refusals (each undecided task named, a decision without its reason, a decision on a task that is not open)
 * and the open tasks, read under the case's row lock.
 */
export async function openTaskProblems(tx: Db, incidentId: string, decisions: TaskDecision[]) {
  const open: OpenTask[] = await tx
    .select({ id: incidentTasks.id, titleJa: incidentTasks.titleJa, titleEn: incidentTasks.titleEn })
    .from(incidentTasks)
    .where(and(eq(incidentTasks.incidentId, incidentId), isNull(incidentTasks.doneAt)))
    .orderBy(asc(incidentTasks.position), asc(incidentTasks.createdAt));
  const openIds = new Set(open.map((t) => t.id));
  const decided = new Map(decisions.map((d) => [d.taskId, d]));
  const problems: FieldError[] = [];
  decisions.forEach((d, i) => {
    if (!openIds.has(d.taskId)) problems.push(fieldError(`body.taskDecisions.${i}.taskId`, 'incident.task_not_open'));
    else if (d.decision === 'not_needed' && !d.reason)
      problems.push(fieldError(`body.taskDecisions.${i}.reason`, 'incident.task_reason_required'));
  });
  const undecided = open.filter((t) => !decided.has(t.id));
  for (const t of undecided)
    problems.push(fieldError('body.taskDecisions', 'incident.task_undecided', { task: { ja: t.titleJa, en: t.titleEn } }));
  return {
    problems,
    open,
    undecided: { ja: undecided.map((t) => `「${t.titleJa}」`).join('、'), en: undecided.map((t) => `"${t.titleEn}"`).join(', ') },
  };
}

/** Applies the decisions (already checked): each open task done, or settled as not needed with its reason. */
export async function settleOpenTasks(tx: Db, incidentId: string, open: OpenTask[], decisions: TaskDecision[], me: string) {
  if (!open.length) return;
  const now = new Date();
  const byDecision = (k: TaskDecision['decision']) => decisions.filter((d) => d.decision === k);
  const done = byDecision('done').map((d) => d.taskId);
  if (done.length)
    await tx
      .update(incidentTasks)
      .set({ doneAt: now, doneBy: me })
      .where(and(inArray(incidentTasks.id, done), isNull(incidentTasks.doneAt)));
  for (const d of byDecision('not_needed'))
    await tx
      .update(incidentTasks)
      .set({ doneAt: now, doneBy: me, notNeededReason: d.reason ?? '' })
      .where(and(eq(incidentTasks.id, d.taskId), isNull(incidentTasks.doneAt)));
  for (const t of open) {
    const d = decisions.find((x) => x.taskId === t.id)!;
    await addEntry(tx, incidentId, me, {
      kind: 'task',
      text: d.decision === 'done' ? `done at closing: ${t.titleEn}` : `not needed: ${t.titleEn}: ${d.reason ?? ''}`,
      data: {
        taskId: t.id,
        decision: d.decision,
        reason: d.reason ?? null,
        message: {
          code: d.decision === 'done' ? 'timeline.task_done_at_close' : 'timeline.task_not_needed',
          params: { task: { ja: t.titleJa, en: t.titleEn }, reason: d.reason ?? '' },
        },
      },
    });
  }
}
