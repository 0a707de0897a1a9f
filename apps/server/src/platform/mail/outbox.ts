import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { defineJob } from '../jobs/define';
import { enqueue } from '../jobs/queue';
import { mailOutbox } from './tables';

export interface Mail {
  to: string;
  subject: string;
  body: string;
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
      .sendMail({ from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.body });
    await db.update(mailOutbox).set({ status: 'sent', sentAt: new Date() }).where(eq(mailOutbox.id, id));
  },
});

/** Queues a mail in the caller's transaction; the job sends it after commit. */
export async function queueMail(tx: Db, mail: Mail): Promise<void> {
  const [row] = await tx.insert(mailOutbox).values(mail).returning({ id: mailOutbox.id });
  await enqueue(tx, deliverMail, { id: row!.id });
}
