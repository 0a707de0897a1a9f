import type { CompletePlanTaskBody, ReopenPlanTaskBody } from '@mamori/contracts';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { covers, scopeOf } from '../../../platform/access/scope';
import { conflict, fieldError, forbidden, invalid, msg, notFound } from '../../../platform/errors/app-error';
import { decodeBase64File } from '../../../platform/files/base64-file';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { planActivities } from '../plan/tables';
import { canSeeTask, loadTaskRow, presentTasks, type TaskRow } from './read';
import { planTaskFiles, planTasks } from './tables';

export const MAX_TASK_FILE_BYTES = 10 * 1024 * 1024;
/** What an evidence file may be: documents, spreadsheets, images, text (no executable content types). */
export const TASK_FILE_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'image/png',
  'image/jpeg',
  'text/plain',
  'text/csv',
];

/** Locks the task's row and loads it as the reader may see it (404 otherwise), then checks If-Match (412). */
async function lockTask(tx: Db, ctx: Ctx, id: string, expected?: Precondition): Promise<TaskRow> {
  return loadForUpdate(
    tx,
    planTasks,
    id,
    async () => {
      const row = await loadTaskRow(tx, id);
      if (!row || !(await canSeeTask(tx, ctx.principal, row))) throw notFound();
      return row;
    },
    expected,
  );
}

/** Checks an uploaded file before any transaction: allowed type, base64, not empty, at most 10 MB. */
function decodeFile(file: NonNullable<z.output<typeof CompletePlanTaskBody>['file']>) {
  const decoded = decodeBase64File(file, {
    types: TASK_FILE_TYPES,
    maxBytes: MAX_TASK_FILE_BYTES,
    at: 'body.file',
    codes: { type: 'plans.file_type', base64: 'plans.file_base64', tooLarge: 'plans.file_too_large', empty: 'plans.file_empty' },
  });
  return { name: file.name, ...decoded };
}

/**
 * The unit records a task done, with the evidence its activity asks for: a file (sent now or attached before), a
 * comment, or nothing. Refused without it (400 naming the field), on a task that is not open (409), and with a
 * stale If-Match (412). Concurrent completions queue on the row lock: the second finds the task done (409).
 */
export async function completeTask(ctx: Ctx, id: string, body: z.output<typeof CompletePlanTaskBody>, expected?: Precondition) {
  const file = body.file ? decodeFile(body.file) : undefined;
  const row = await inTransaction(ctx, async (tx, audit) => {
    const task = await lockTask(tx, ctx, id, expected);
    if (!covers(scopeOf(ctx.principal, 'plan-tasks:complete'), task.unitPath)) throw forbidden(msg('plans.complete_forbidden'));
    if (task.status !== 'open')
      throw conflict(msg('plans.task_not_open', { status: task.status }), [
        fieldError('status', 'plans.task_not_open', { status: task.status }),
      ]);
    const [activity] = await tx.select().from(planActivities).where(eq(planActivities.id, task.activityId));
    const [{ files } = { files: 0 }] = await tx
      .select({ files: sql<number>`count(*)::int` })
      .from(planTaskFiles)
      .where(eq(planTaskFiles.taskId, id));
    if (activity!.evidence === 'file' && !file && files === 0)
      throw invalid([fieldError('body.file', 'plans.evidence_file_required')], msg('plans.evidence_missing'));
    if (activity!.evidence === 'comment' && !body.comment)
      throw invalid([fieldError('body.comment', 'plans.evidence_comment_required')], msg('plans.evidence_missing'));
    const me = ctx.principal!.userId;
    let fileId: string | null = null;
    if (file) {
      const [f] = await tx
        .insert(planTaskFiles)
        .values({
          taskId: id,
          name: file.name,
          mediaType: file.mediaType,
          size: file.content.length,
          sha256: file.sha256,
          content: file.content,
          uploadedBy: me,
        })
        .returning({ id: planTaskFiles.id });
      fileId = f!.id;
    }
    const [after] = await tx
      .update(planTasks)
      .set({ status: 'done', comment: body.comment, doneBy: me, doneAt: new Date(), doneSource: 'manual', evidenceHref: null })
      .where(eq(planTasks.id, id))
      .returning();
    await audit({
      action: 'plan_task.complete',
      targetType: 'plan_task',
      targetId: id,
      orgPath: task.unitPath,
      before: { status: task.status },
      after: {
        status: 'done',
        comment: body.comment,
        file: file ? { id: fileId, name: file.name, sha256: file.sha256, size: file.content.length } : null,
      },
    });
    return after!;
  });
  return (await presentTasks(ctx.db, [row]))[0]!;
}

/**
 * An office reopens a done task (the evidence did not hold), with the reason: holders of plan-tasks:complete whose
 * scope covers the task's site (the site office, the security office); a unit's own leader or head cannot.
 */
export async function reopenTask(ctx: Ctx, id: string, body: z.output<typeof ReopenPlanTaskBody>, expected?: Precondition) {
  const row = await inTransaction(ctx, async (tx, audit) => {
    const task = await lockTask(tx, ctx, id, expected);
    const [site] = task.siteId ? await tx.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, task.siteId)) : [];
    const scope = scopeOf(ctx.principal, 'plan-tasks:complete');
    if (!covers(scope, site?.path ?? null)) throw forbidden(msg('plans.reopen_forbidden'));
    if (task.status !== 'done')
      throw conflict(msg('plans.task_not_done', { status: task.status }), [
        fieldError('status', 'plans.task_not_done', { status: task.status }),
      ]);
    const [after] = await tx
      .update(planTasks)
      .set({
        status: 'open',
        doneBy: null,
        doneAt: null,
        doneSource: null,
        evidenceHref: null,
        remindedAt: null,
        escalatedAt: null,
      })
      .where(eq(planTasks.id, id))
      .returning();
    await audit({
      action: 'plan_task.reopen',
      targetType: 'plan_task',
      targetId: id,
      orgPath: task.unitPath,
      before: { status: 'done', comment: task.comment, source: task.doneSource, evidence: task.evidenceHref },
      after: { status: 'open', reason: body.reason },
    });
    return after!;
  });
  return (await presentTasks(ctx.db, [row]))[0]!;
}
