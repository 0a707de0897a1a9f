import { notificationKeys, type NotificationKind, type NotificationParamsOf } from '@mamori/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../auth/tables';
import { notifications } from './tables';

/** A recipient: a user id, or a row of `holdersOf` / `nearestHoldersOf` (platform/access/holders.ts). */
export type Recipient = string | { id: string };

export interface NotifyInput<K extends NotificationKind> {
  to: Iterable<Recipient>;
  kind: K;
  params: NotificationParamsOf<K>;
  /** a path inside the web app, e.g. `/incidents/<id>` */
  link: string;
  /** the user whose action causes it: not told of their own action */
  except?: string | null;
}

/**
 * Notifies users in the caller's transaction: the notifications commit or roll back with the change that
 * causes them. Each recipient gets one, however often they are named; disabled accounts get none.
 */
export async function notify<K extends NotificationKind>(tx: Db, input: NotifyInput<K>): Promise<number> {
  if (!input.link.startsWith('/') || input.link.startsWith('//')) throw new Error(`not a path inside the app: ${input.link}`);
  const ids = new Set([...input.to].map((r) => (typeof r === 'string' ? r : r.id)));
  if (input.except) ids.delete(input.except);
  if (!ids.size) return 0;
  const active = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, [...ids]), eq(users.status, 'active')));
  if (!active.length) return 0;
  const { titleKey, bodyKey } = notificationKeys(input.kind);
  // Set here, not by the database: the list's cursor carries it in milliseconds, as JavaScript keeps time.
  const createdAt = new Date();
  await tx.insert(notifications).values(
    active.map((u) => ({
      recipientId: u.id,
      kind: input.kind,
      titleKey,
      bodyKey,
      params: input.params,
      link: input.link,
      createdAt,
    })),
  );
  return active.length;
}
