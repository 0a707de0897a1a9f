import type { ExtendPrivacyRequestBody } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { conflict, fieldError, msg, unprocessable } from '../../../platform/errors/app-error';
import { queueMail, type Mail } from '../../../platform/mail/outbox';
import { mailDay } from '../../../platform/mail/text';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { extendable, nextOf, requestClocks } from './clocks';
import { privacyRequests } from './tables';

type Row = typeof privacyRequests.$inferSelect;

/** A contact that mail can reach (the form takes any contact: an address, a phone number, a postal address). */
export const mailable = (contact: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact.trim());

/** Open, not extended, with a clock its rule lets extend (GDPR) that has not run out: the extension is still possible. */
export function canExtend(row: Row, now = new Date()): boolean {
  if (row.extendedAt || ['answered', 'declined', 'withdrawn'].includes(row.status)) return false;
  return extendable(row.clocks).some((c) => Date.parse(c.dueAt) > now.getTime());
}

/** The requester's notice, in the language of their request (the outbox's own choice does not apply: they have no account). */
function notice(row: Row, dueAt: string): Omit<Mail, 'to'> {
  return {
    language: row.language,
    subject: {
      ja: `ご請求 ${row.reference} の回答期限延長のお知らせ`,
      en: `Your request ${row.reference}: the time to answer is extended`,
    },
    body: (l) =>
      l.language === 'en'
        ? `Dear ${row.requesterName},\n\nWe need more time to answer your request ${row.reference} (GDPR Article 12(3)). We will answer by ${mailDay(dueAt, l)}.\n\nReason: ${row.extensionReason}\n`
        : `${row.requesterName} 様\n\nご請求 ${row.reference} への回答に時間を要するため、回答期限を延長いたします（GDPR 第12条3項）。${mailDay(dueAt, l)} までに回答いたします。\n\n理由: ${row.extensionReason}\n`,
  };
}

/**
 * GDPR art. 12(3): the one-month clock is extended once by two further months, with the reason, before it has run out;
 * the requester is told (by mail when the contact is an address, else the page tells the staff to tell them). The
 * APPI clock has no extension and stays. 409 when closed or already extended, 422 when no clock may be extended or
 * the one that may has run out; nothing changed.
 */
export async function extendRequest(
  ctx: Ctx,
  id: string,
  body: z.output<typeof ExtendPrivacyRequestBody>,
  load: (db: Db) => Promise<Row>,
  expected?: Precondition,
) {
  await inTransaction(ctx, async (tx, audit) => {
    const before = await loadForUpdate(tx, privacyRequests, id, () => load(tx), expected);
    if (['answered', 'declined', 'withdrawn'].includes(before.status)) throw conflict(msg('privacy.request_closed'));
    if (before.extendedAt) throw conflict(msg('privacy.already_extended'));
    const now = new Date();
    const open = extendable(before.clocks);
    if (!open.length) throw unprocessable(msg('privacy.not_extendable'), [fieldError('body', 'privacy.not_extendable')]);
    if (!open.some((c) => Date.parse(c.dueAt) > now.getTime()))
      throw unprocessable(msg('privacy.extension_too_late'), [fieldError('body', 'privacy.extension_too_late')]);
    const clocks = requestClocks({ laws: before.laws, type: before.type }, before.receivedAt, true);
    const next = nextOf(clocks);
    const moved = (at: Date | null, stamp: Date | null) => (at && at > now ? null : stamp);
    const [after] = await tx
      .update(privacyRequests)
      .set({
        clocks,
        ...next,
        extendedAt: now,
        extendedBy: ctx.principal!.userId,
        extensionReason: body.reason,
        // a reminder already sent is sent again for the new dates
        remindedAt: moved(next.nextWarnAt, before.remindedAt),
        escalatedAt: moved(next.nextDueAt, before.escalatedAt),
        updatedAt: now,
      })
      .where(eq(privacyRequests.id, id))
      .returning();
    const dueAt = clocks.find((c) => c.extended)!.dueAt;
    const told = mailable(before.requesterContact);
    if (told) await queueMail(tx, { to: before.requesterContact.trim(), ...notice(after!, dueAt) });
    await audit({
      action: 'privacy.request.extend',
      targetType: 'privacy_request',
      targetId: id,
      orgPath: after!.unitPath,
      before: { clocks: before.clocks },
      after: { clocks, reason: body.reason, told: told ? 'mail' : 'other' },
    });
  });
}
