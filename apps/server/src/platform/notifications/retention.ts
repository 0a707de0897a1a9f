import { and, isNotNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { notifications } from './tables';

/**
 * How long notifications stay. A notification only points at a record (an incident, an assessment…), which
 * keeps its own history and audit trail, so the bell need not keep everything: read ones go after READ_DAYS,
 * unread ones after ALL_DAYS (someone who has not looked in a year has the records themselves to look at).
 * docs/architecture.md, "Notifications".
 */
export const READ_DAYS = 90;
export const ALL_DAYS = 365;

const DAY = 86_400_000;

/** Deletes the notifications past their time; returns how many. Run daily by the `notifications.purge` job. */
export async function purgeOldNotifications(db: Db, now = new Date()): Promise<number> {
  const readBefore = new Date(now.getTime() - READ_DAYS * DAY);
  const allBefore = new Date(now.getTime() - ALL_DAYS * DAY);
  const gone = await db
    .delete(notifications)
    .where(or(and(isNotNull(notifications.readAt), lt(notifications.readAt, readBefore)), lt(notifications.createdAt, allBefore)))
    .returning({ id: notifications.id });
  return gone.length;
}
