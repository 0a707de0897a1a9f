import { z } from 'zod';
import { UNREAD_COUNT_CAP, type Notification, type NotificationListQuery } from '@mamori/contracts';
import { and, count, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { notFound } from '../errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../http/cursor';
import { inTransaction, type Ctx } from '../tx';
import { notifications } from './tables';

type Row = typeof notifications.$inferSelect;

const present = (n: Row): Notification => ({
  id: n.id,
  kind: n.kind,
  titleKey: n.titleKey,
  bodyKey: n.bodyKey,
  params: n.params,
  link: n.link,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

/** Every query here is limited to the caller's own notifications: another user's answer 404, like a missing one. */
const mine = (ctx: Ctx) => eq(notifications.recipientId, ctx.principal!.userId);

/** Unread, counted up to UNREAD_COUNT_CAP: polled every minute by every open tab, it must stay cheap for a busy office. */
export async function unreadCount(ctx: Ctx): Promise<number> {
  const unread = ctx.db
    .select({ one: sql`1` })
    .from(notifications)
    .where(and(mine(ctx), isNull(notifications.readAt)))
    .limit(UNREAD_COUNT_CAP)
    .as('unread');
  const [row] = await ctx.db.select({ n: count() }).from(unread);
  return row?.n ?? 0;
}

/** One's own notifications, newest first, keyset-paged on (created at, id), with the unread count for the bell. */
export async function listNotifications(ctx: Ctx, q: z.infer<typeof NotificationListQuery>) {
  const where: (SQL | undefined)[] = [mine(ctx)];
  if (q.unread === 'true') where.push(isNull(notifications.readAt));
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, z.tuple([CursorPart.instant, CursorPart.uuid]));
    where.push(
      or(lt(notifications.createdAt, new Date(at)), and(eq(notifications.createdAt, new Date(at)), lt(notifications.id, id))),
    );
  }
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(and(...where))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(q.limit + 1);
  const page = pageOf(rows, q.limit, present, (r) => [r.createdAt.toISOString(), r.id]);
  return { ...page, unread: await unreadCount(ctx) };
}

/** Marks one of one's own notifications read (again: no change, no event). */
export function markRead(ctx: Ctx, id: string) {
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.id, id), mine(ctx)));
    if (!row) throw notFound('The notification');
    if (row.readAt) return present(row);
    const [read] = await tx.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, id)).returning();
    await audit({ action: 'notification.read', targetType: 'notification', targetId: id, after: { readAt: read!.readAt } });
    return present(read!);
  });
}

/** Marks every unread notification of one's own read. */
export function markAllRead(ctx: Ctx) {
  return inTransaction(ctx, async (tx, audit) => {
    const read = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(mine(ctx), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    if (read.length)
      await audit({
        action: 'notification.read-all',
        targetType: 'notification',
        targetId: null,
        after: { marked: read.length },
      });
    return { marked: read.length };
  });
}
