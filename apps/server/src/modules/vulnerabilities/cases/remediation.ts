import type { CreateCoordinationBody, CreateRemediationTaskBody, UpdateRemediationTaskBody } from '@mamori/contracts';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { scopeOf } from '../../../platform/access/scope';
import { invalid, notFound } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { loadCase } from './visibility';
import { vulnerabilityCoordination, vulnerabilityTasks } from '../tables';

type TaskRow = typeof vulnerabilityTasks.$inferSelect;
type Owner = { id: string; code: string; nameJa: string; nameEn: string };

async function ownersOf(db: Db, rows: TaskRow[]) {
  const ids = [...new Set(rows.map((r) => r.ownerOrgUnitId).filter((id): id is string => id !== null))];
  const units = ids.length
    ? await db
        .select({ id: orgUnits.id, code: orgUnits.code, nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn })
        .from(orgUnits)
        .where(inArray(orgUnits.id, ids))
    : [];
  return new Map<string, Owner>(units.map((u) => [u.id, u]));
}

const presentTask = (t: TaskRow, owners: Map<string, Owner>) => ({
  id: t.id,
  kind: t.kind,
  title: t.title,
  owner: (t.ownerOrgUnitId && owners.get(t.ownerOrgUnitId)) || null,
  dueOn: t.dueOn,
  done: t.done,
  updatedAt: t.updatedAt.toISOString(),
});
const presentOne = async (db: Db, t: TaskRow) => presentTask(t, await ownersOf(db, [t]));

/** The owner must be an existing organisation: a clear 400 rather than a foreign-key failure. */
async function checkOwner(db: Db, ownerOrgUnitId: string | null | undefined) {
  if (!ownerOrgUnitId) return;
  const [unit] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.id, ownerOrgUnitId));
  if (!unit) throw invalid([{ path: 'body.ownerOrgUnitId', message: 'no such organisation' }]);
}
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
  const owners = await ownersOf(db, tasks);
  return { tasks: tasks.map((t) => presentTask(t, owners)), coordination: records.map(presentRecord) };
}

export function addTask(ctx: Ctx, caseId: string, body: z.infer<typeof CreateRemediationTaskBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    await loadCase(tx, scopeOf(ctx.principal, 'vulnerabilities:manage'), caseId);
    await checkOwner(tx, body.ownerOrgUnitId);
    const [row] = await tx
      .insert(vulnerabilityTasks)
      .values({ ...body, vulnerabilityId: caseId })
      .returning();
    const task = await presentOne(tx, row!);
    await audit({ action: 'vulnerability.task_create', targetType: 'vulnerability', targetId: caseId, after: task });
    return task;
  });
}

export function updateTask(ctx: Ctx, caseId: string, taskId: string, body: z.infer<typeof UpdateRemediationTaskBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    await loadCase(tx, scopeOf(ctx.principal, 'vulnerabilities:manage'), caseId);
    const where = and(eq(vulnerabilityTasks.id, taskId), eq(vulnerabilityTasks.vulnerabilityId, caseId));
    const [before] = await loadForUpdate(tx, vulnerabilityTasks, taskId, () => tx.select().from(vulnerabilityTasks).where(where));
    if (!before) throw notFound('The task');
    await checkOwner(tx, body.ownerOrgUnitId);
    const [after] = await tx
      .update(vulnerabilityTasks)
      .set({ ...body, updatedAt: new Date() })
      .where(where)
      .returning();
    await audit({
      action: 'vulnerability.task_update',
      targetType: 'vulnerability',
      targetId: caseId,
      before: await presentOne(tx, before),
      after: await presentOne(tx, after!),
    });
    return presentOne(tx, after!);
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
