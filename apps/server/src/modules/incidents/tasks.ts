import type { CreateTaskBody, UpdateTaskBody } from '@mamori/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { users } from '../../platform/auth/tables';
import { fieldError, forbidden, invalid, notFound, msg } from '../../platform/errors/app-error';
import { loadForUpdate } from '../../platform/records/lock';
import { inTransaction, type Ctx } from '../../platform/tx';
import { incidentMembers, incidents, incidentTasks } from './tables';
import { addEntry } from './timeline';
import { loadCase } from './visibility';

type TaskRow = typeof incidentTasks.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const present = (t: TaskRow & { ownerName: string | null }) => ({
  id: t.id,
  step: t.step as 'initial_response',
  titleJa: t.titleJa,
  titleEn: t.titleEn,
  owner: t.ownerId ? { id: t.ownerId, name: t.ownerName ?? '' } : null,
  dueAt: iso(t.dueAt),
  doneAt: iso(t.doneAt),
  notNeededReason: t.notNeededReason,
  fromTemplate: t.fromTemplate,
});

const selectTasks = (db: Db) =>
  db
    .select({ task: incidentTasks, ownerName: users.name })
    .from(incidentTasks)
    .leftJoin(users, eq(users.id, incidentTasks.ownerId));

export async function listTasks(ctx: Ctx, id: string) {
  await loadCase(ctx.db, ctx, id);
  const rows = await selectTasks(ctx.db)
    .where(eq(incidentTasks.incidentId, id))
    .orderBy(asc(incidentTasks.position), asc(incidentTasks.createdAt));
  return rows.map((r) => present({ ...r.task, ownerName: r.ownerName }));
}

/** An owner must be an active account; they join the case as a member so they can read what they work on. */
async function ownerOf(tx: Db, incidentId: string, ownerId: string, by: string) {
  const [user] = await tx.select().from(users).where(eq(users.id, ownerId));
  if (!user || user.status !== 'active') throw invalid([fieldError('body.ownerId', 'incident.account_unknown')]);
  await tx.insert(incidentMembers).values({ incidentId, userId: ownerId, note: 'task owner', addedBy: by }).onConflictDoNothing();
  return user;
}

export function createTask(ctx: Ctx, id: string, body: z.infer<typeof CreateTaskBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    // Locked: the new task's position is derived from the others'.
    const { row } = await loadForUpdate(tx, incidents, id, () => loadCase(tx, ctx, id, 'manage'));
    const me = ctx.principal!.userId;
    if (body.ownerId) await ownerOf(tx, id, body.ownerId, me);
    const [{ next }] = (await tx
      .select({ next: sql<number>`coalesce(max(${incidentTasks.position}), -1)::int + 1` })
      .from(incidentTasks)
      .where(eq(incidentTasks.incidentId, id))) as [{ next: number }];
    const [task] = await tx
      .insert(incidentTasks)
      .values({
        incidentId: id,
        step: body.step,
        titleJa: body.title,
        titleEn: body.title,
        ownerId: body.ownerId ?? null,
        dueAt: body.dueAt ? new Date(body.dueAt) : null,
        position: next,
      })
      .returning();
    await addEntry(tx, id, me, { kind: 'task', text: `task added: ${body.title}`, data: { taskId: task!.id } });
    await audit({ action: 'incident.task.add', targetType: 'incident', targetId: id, orgPath: row.orgPath, after: task });
    const [joined] = await selectTasks(tx).where(eq(incidentTasks.id, task!.id));
    return present({ ...joined!.task, ownerName: joined!.ownerName });
  });
}

/** The office assigns owners and due dates; an owner may mark their own task done (or not done). */
export function updateTask(ctx: Ctx, id: string, taskId: string, body: z.infer<typeof UpdateTaskBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    // Locked (the case, then the task: one order): the done mark and the audit's "before" come from this read.
    const { row, access } = await loadForUpdate(tx, incidents, id, () => loadCase(tx, ctx, id, 'contribute'));
    const me = ctx.principal!.userId;
    const [task] = await tx
      .select()
      .from(incidentTasks)
      .where(and(eq(incidentTasks.id, taskId), eq(incidentTasks.incidentId, id)));
    if (!task) throw notFound('The task');
    const onlyDone = body.ownerId === undefined && body.dueAt === undefined;
    if (!access.manage && !(onlyDone && task.ownerId === me)) throw forbidden(msg('incident.task_change_refused'));
    if (body.ownerId) await ownerOf(tx, id, body.ownerId, me);
    const done =
      body.done === undefined
        ? {}
        : body.done
          ? { doneAt: task.doneAt ?? new Date(), doneBy: task.doneBy ?? me }
          : { doneAt: null, doneBy: null };
    const [updated] = await tx
      .update(incidentTasks)
      .set({
        ...(body.ownerId !== undefined ? { ownerId: body.ownerId } : {}),
        ...(body.dueAt !== undefined ? { dueAt: body.dueAt ? new Date(body.dueAt) : null } : {}),
        ...done,
      })
      .where(eq(incidentTasks.id, taskId))
      .returning();
    const what = Object.keys(body).join(', ');
    await addEntry(tx, id, me, {
      kind: 'task',
      text: `task ${body.done ? 'done' : 'changed'}: ${task.titleEn}`,
      data: { taskId, ...body },
    });
    await audit({
      action: 'incident.task.update',
      targetType: 'incident',
      targetId: id,
      orgPath: row.orgPath,
      before: task,
      after: { ...updated, changed: what },
    });
    const [joined] = await selectTasks(tx).where(eq(incidentTasks.id, taskId));
    return present({ ...joined!.task, ownerName: joined!.ownerName });
  });
}
