import type { CreateCoordinationBody, CreateRemediationTaskBody, UpdateRemediationTaskBody } from '@mamori/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { scopeOf } from '../../platform/access/scope';
import { notFound } from '../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../platform/tx';
import { loadCase } from './cases';
import { vulnerabilityCoordination, vulnerabilityTasks } from './tables';

type TaskRow = typeof vulnerabilityTasks.$inferSelect;
const presentTask = (t: TaskRow) => ({
  id: t.id,
  kind: t.kind,
  title: t.title,
  dueOn: t.dueOn,
  done: t.done,
  updatedAt: t.updatedAt.toISOString(),
});
const presentRecord = ({ vulnerabilityId: _v, createdAt: _c, ...r }: typeof vulnerabilityCoordination.$inferSelect) => r;

/** The remediation part of a case's detail. */
export async function remediationOf(db: Db, caseId: string) {
  const tasks = await db
    .select()
    .from(vulnerabilityTasks)
    .where(eq(vulnerabilityTasks.vulnerabilityId, caseId))
    .orderBy(asc(vulnerabilityTasks.createdAt), asc(vulnerabilityTasks.id));
  const records = await db
    .select()
    .from(vulnerabilityCoordination)
    .where(eq(vulnerabilityCoordination.vulnerabilityId, caseId))
    .orderBy(asc(vulnerabilityCoordination.occurredOn), asc(vulnerabilityCoordination.createdAt));
  return { tasks: tasks.map(presentTask), coordination: records.map(presentRecord) };
}

export function addTask(ctx: Ctx, caseId: string, body: z.infer<typeof CreateRemediationTaskBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    await loadCase(tx, scopeOf(ctx.principal, 'vulnerabilities:manage'), caseId);
    const [row] = await tx
      .insert(vulnerabilityTasks)
      .values({ ...body, vulnerabilityId: caseId })
      .returning();
    await audit({ action: 'vulnerability.task_create', targetType: 'vulnerability', targetId: caseId, after: presentTask(row!) });
    return presentTask(row!);
  });
}

export function updateTask(ctx: Ctx, caseId: string, taskId: string, body: z.infer<typeof UpdateRemediationTaskBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    await loadCase(tx, scopeOf(ctx.principal, 'vulnerabilities:manage'), caseId);
    const where = and(eq(vulnerabilityTasks.id, taskId), eq(vulnerabilityTasks.vulnerabilityId, caseId));
    const [before] = await tx.select().from(vulnerabilityTasks).where(where);
    if (!before) throw notFound('The task');
    const [after] = await tx
      .update(vulnerabilityTasks)
      .set({ ...body, updatedAt: new Date() })
      .where(where)
      .returning();
    await audit({
      action: 'vulnerability.task_update',
      targetType: 'vulnerability',
      targetId: caseId,
      before: presentTask(before),
      after: presentTask(after!),
    });
    return presentTask(after!);
  });
}

export function addCoordination(ctx: Ctx, caseId: string, body: z.infer<typeof CreateCoordinationBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    await loadCase(tx, scopeOf(ctx.principal, 'vulnerabilities:manage'), caseId);
    const [row] = await tx
      .insert(vulnerabilityCoordination)
      .values({ ...body, vulnerabilityId: caseId })
      .returning();
    await audit({
      action: 'vulnerability.coordination',
      targetType: 'vulnerability',
      targetId: caseId,
      after: presentRecord(row!),
    });
    return presentRecord(row!);
  });
}
