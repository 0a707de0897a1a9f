import type { NotificationKind } from '@mamori/contracts';
import { and, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notifications } from '../platform/notifications/tables';

/** Who received notifications of a kind (optionally with this link), as sorted user ids: one entry per notification. */
export async function recipientsOf(db: Db, kind: NotificationKind, link?: string): Promise<string[]> {
  const where: SQL[] = [eq(notifications.kind, kind)];
  if (link) where.push(eq(notifications.link, link));
  const rows = await db
    .select({ id: notifications.recipientId })
    .from(notifications)
    .where(and(...where));
  return rows.map((r) => r.id).sort();
}

export const ids = (...users: { id: string }[]) => users.map((u) => u.id).sort();
