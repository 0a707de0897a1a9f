import { todayJst } from '@mamori/contracts';
import type { PlanTask } from '@mamori/contracts';
import { fiscalYearOf } from '@mamori/contracts';
import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { PlanTaskQuery } from '@mamori/contracts';
import type { Db } from '../../../db/client';
import { scopeOf, scopeSql, covers } from '../../../platform/access/scope';
import type { Principal } from '../../../platform/access/principal';
import { users } from '../../../platform/auth/tables';
import { notFound } from '../../../platform/errors/app-error';
import { CursorPart, decodeCursor, encodeCursor } from '../../../platform/http/cursor';
import type { Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { planActivities } from '../plan/tables';
import { planTaskAssignees, planTaskFiles, planTasks } from './tables';
import { z as zod } from 'zod';

export type TaskRow = typeof planTasks.$inferSelect;

/** Today in Japan, where due dates are written. */
export { todayJst };

/** Who sees a task: plans:read over its unit, or being one of its assignees. */
export function visibleSql(principal: Principal | null): SQL {
  const scope = scopeOf(principal, 'plans:read');
  const mine = principal
    ? sql`EXISTS (SELECT 1 FROM plan_task_assignees pa WHERE pa.task_id = ${planTasks.id} AND pa.user_id = ${principal.userId})`
    : sql`false`;
  return sql`(${scopeSql(scope, planTasks.unitPath)} OR ${mine})`;
}

export async function canSeeTask(db: Db, principal: Principal | null, row: TaskRow): Promise<boolean> {
  if (covers(scopeOf(principal, 'plans:read'), row.unitPath)) return true;
  if (!principal) return false;
  const [a] = await db
    .select({ u: planTaskAssignees.userId })
    .from(planTaskAssignees)
    .where(and(eq(planTaskAssignees.taskId, row.id), eq(planTaskAssignees.userId, principal.userId)));
  return !!a;
}

const TaskCursor = zod.tuple([CursorPart.day, CursorPart.uuid]);

/** Presents task rows with their activity, unit, assignees and files (four batched reads). */
export async function presentTasks(db: Db, rows: TaskRow[], now = new Date()): Promise<PlanTask[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [acts, units, assignees, files] = await Promise.all([
    db
      .select()
      .from(planActivities)
      .where(inArray(planActivities.id, [...new Set(rows.map((r) => r.activityId))])),
    db
      .select({ id: orgUnits.id, nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn })
      .from(orgUnits)
      .where(inArray(orgUnits.id, [...new Set(rows.map((r) => r.unitId))])),
    db
      .select({ taskId: planTaskAssignees.taskId, id: users.id, name: users.name })
      .from(planTaskAssignees)
      .innerJoin(users, eq(users.id, planTaskAssignees.userId))
      .where(inArray(planTaskAssignees.taskId, ids)),
    db
      .select({
        taskId: planTaskFiles.taskId,
        id: planTaskFiles.id,
        name: planTaskFiles.name,
        mediaType: planTaskFiles.mediaType,
        size: planTaskFiles.size,
      })
      .from(planTaskFiles)
      .where(inArray(planTaskFiles.taskId, ids))
      .orderBy(asc(planTaskFiles.uploadedAt)),
  ]);
  const doneBy = [...new Set(rows.map((r) => r.doneBy).filter((x): x is string => !!x))];
  const doers = doneBy.length
    ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, doneBy))
    : [];
  const actOf = new Map(acts.map((a) => [a.id, a]));
  const unitOf = new Map(units.map((u) => [u.id, u]));
  const doerOf = new Map(doers.map((d) => [d.id, d]));
  const today = todayJst(now);
  return rows.map((r) => {
    const a = actOf.get(r.activityId)!;
    const u = unitOf.get(r.unitId)!;
    return {
      id: r.id,
      fiscalYear: r.fiscalYear,
      activity: {
        id: a.id,
        kind: a.kind,
        phase: a.phase,
        title: { ja: a.titleJa, en: a.titleEn },
        evidence: a.evidence,
        guide: a.guide,
        guideUrl: a.guideUrl,
        startDate: a.startDate,
        linkKind: a.linkKind,
      },
      unit: { id: u.id, name: { ja: u.nameJa, en: u.nameEn } },
      dueDate: r.dueDate,
      status: r.status,
      late: r.status === 'open' && r.dueDate < today,
      comment: r.comment,
      doneAt: r.doneAt?.toISOString() ?? null,
      doneBy: r.doneBy ? (doerOf.get(r.doneBy) ?? null) : null,
      doneSource: r.status === 'done' ? (r.doneSource ?? 'manual') : null,
      evidenceHref: r.status === 'done' ? r.evidenceHref : null,
      assignees: assignees.filter((x) => x.taskId === r.id).map((x) => ({ id: x.id, name: x.name })),
      files: files
        .filter((f) => f.taskId === r.id)
        .map((f) => ({ id: f.id, name: f.name, mediaType: f.mediaType, size: f.size })),
      rowVersion: r.rowVersion,
    };
  });
}

/**
 * Tasks the reader may see, due first: of a fiscal year (this one by default), optionally of one unit's subtree,
 * only one's own (`mine`), by status or activity. Keyset-paged on (due date, id).
 */
export async function listTasks(ctx: Ctx, q: z.output<typeof PlanTaskQuery>) {
  const fy = q.fiscalYear ?? fiscalYearOf(new Date());
  const me = ctx.principal!;
  let unitPath: string | undefined;
  if (q.unit) {
    const [u] = await ctx.db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, q.unit));
    if (!u) throw notFound();
    unitPath = u.path;
  }
  const after = q.cursor ? decodeCursor(q.cursor, TaskCursor) : undefined;
  const rows = await ctx.db
    .select()
    .from(planTasks)
    .where(
      and(
        eq(planTasks.fiscalYear, fy),
        // mine: driven from the assignee index (user_id, task_id), a handful of rows, not a test per task of the year
        q.mine
          ? sql`${planTasks.id} IN (SELECT pa.task_id FROM plan_task_assignees pa WHERE pa.user_id = ${me.userId})`
          : visibleSql(me),
        unitPath ? sql`${planTasks.unitPath} LIKE ${unitPath.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'}` : undefined,
        q.status ? eq(planTasks.status, q.status) : sql`${planTasks.status} <> 'cancelled'`,
        q.activity ? eq(planTasks.activityId, q.activity) : undefined,
        after ? or(gt(planTasks.dueDate, after[0]), and(eq(planTasks.dueDate, after[0]), gt(planTasks.id, after[1]))) : undefined,
      ),
    )
    .orderBy(asc(planTasks.dueDate), asc(planTasks.id))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const items = await presentTasks(ctx.db, rows.slice(0, q.limit));
  const last = rows[q.limit - 1];
  return { items, nextCursor: more && last ? encodeCursor([last.dueDate, last.id]) : null };
}

export async function loadTaskRow(db: Db, id: string): Promise<TaskRow | undefined> {
  const [row] = await db.select().from(planTasks).where(eq(planTasks.id, id));
  return row;
}

export async function getTask(ctx: Ctx, id: string): Promise<PlanTask> {
  const row = await loadTaskRow(ctx.db, id);
  if (!row || !(await canSeeTask(ctx.db, ctx.principal, row))) throw notFound();
  return (await presentTasks(ctx.db, [row]))[0]!;
}

export async function taskFile(ctx: Ctx, id: string, fileId: string) {
  const row = await loadTaskRow(ctx.db, id);
  if (!row || !(await canSeeTask(ctx.db, ctx.principal, row))) throw notFound();
  const [f] = await ctx.db
    .select()
    .from(planTaskFiles)
    .where(and(eq(planTaskFiles.id, fileId), eq(planTaskFiles.taskId, id)));
  if (!f) throw notFound();
  return f;
}
