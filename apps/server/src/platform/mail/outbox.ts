import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { defineJob } from '../jobs/define';
import { enqueue } from '../jobs/queue';
import { openStored, sealStored } from '../secrets/at-rest';
import { processKeyring } from '../secrets/keyring';
import { mailOutbox } from './tables';
import { frameForRecipient } from './template';
import type { MailText } from './text';
import type { MailLanguage } from '@mamori/contracts';

export interface Mail {
  to: string;
  /**
   * The subject and the text: a string is sent as it is; `{ ja, en }` (or a function of the recipient's locale, for
   * texts with dates and times: platform/mail/text.ts) is sent in the recipient's language, both when none decides.
   */
  subject: MailText;
  body: MailText;
  /**
   * The recipient's language when the caller knows it better than the accounts do: a privacy requester's, chosen on
   * the public form. Otherwise the outbox decides (platform/mail/recipient.ts).
   */
  language?: MailLanguage;
  /**
   * The body carries a bearer link (an activation link sets a password): it is stored sealed under the `mail`
   * purpose key and opened only to send it (docs/identity.md, "Secrets at rest").
   */
  secret?: boolean;
}

/** Associated data of a sealed body: a body copied to another row does not open. */
export const mailBodyPlace = (id: string) => `mail_outbox.body|${id}`;

/** The body to send: opened when sealed. */
export const mailBody = (mail: { id: string; body: string; sealedKeyId: string | null }): string =>
  mail.sealedKeyId ? openStored('mail', mail.body, mailBodyPlace(mail.id)) : mail.body;

/** MAMORI_MAIL_FROM, under the display name of the recipient's mail template when it has one. */
export function senderOf(mailFrom: string, fromName: string | null): string | { name: string; address: string } {
  if (!fromName) return mailFrom;
  const address = /<([^<>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  return { name: fromName, address };
}

export const deliverMail = defineJob({
  kind: 'mail.deliver',
  payload: z.object({ id: z.uuid() }),
  async handler({ id }, { db, config, log }) {
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    if (!mail || mail.status !== 'queued') return;
    if (!config.smtpUrl) {
      log.info({ mail: id, to: mail.to, subject: mail.subject }, 'mail not sent: no MAMORI_SMTP_URL; kept in the outbox');
      await db.update(mailOutbox).set({ status: 'logged', sentAt: new Date() }).where(eq(mailOutbox.id, id));
      return;
    }
    await nodemailer
      .createTransport(config.smtpUrl)
      .sendMail({ from: senderOf(config.mailFrom, mail.fromName), to: mail.to, subject: mail.subject, text: mailBody(mail) });
    await db.update(mailOutbox).set({ status: 'sent', sentAt: new Date() }).where(eq(mailOutbox.id, id));
  },
});

/**
 * Queues a mail in the caller's transaction, in its recipient's language (platform/mail/recipient.ts; stored in
 * `mail_outbox.language`, null when the mail carries both) and in the frame of the recipient's company
 * (platform/mail/template.ts: sender name, subject prefix, greeting, signature); the job sends it after commit.
 */
export async function queueMail(tx: Db, { secret, ...given }: Mail): Promise<void> {
  const id = randomUUID();
  const mail = { to: given.to, ...(await frameForRecipient(tx, given)) };
  const ring = processKeyring();
  const row = secret
    ? { ...mail, id, body: sealStored('mail', mail.body, mailBodyPlace(id), ring), sealedKeyId: ring.current.id }
    : { ...mail, id };
  await tx.insert(mailOutbox).values(row);
  await enqueue(tx, deliverMail, { id });
}
