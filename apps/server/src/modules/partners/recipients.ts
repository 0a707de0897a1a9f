import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../platform/auth/tables';
import { partnerContacts } from './tables';

/** Who hears about a partner's check sheet: its active portal users and its security contacts. */
export async function partnerRecipients(tx: Db, partnerId: string) {
  const portal = await tx
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.partnerId, partnerId), eq(users.status, 'active')));
  const contacts = await tx
    .select({ email: partnerContacts.email })
    .from(partnerContacts)
    .where(and(eq(partnerContacts.partnerId, partnerId), eq(partnerContacts.role, 'security')));
  return [...new Set([...portal, ...contacts].map((r) => r.email).filter((e): e is string => !!e))];
}
