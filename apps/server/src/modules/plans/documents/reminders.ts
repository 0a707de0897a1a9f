import { and, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import { holdersOf } from '../../../platform/access/holders';
import { defineJob } from '../../../platform/jobs/define';
import { queueMail } from '../../../platform/mail/outbox';
import { mailDate, mailOf } from '../../../platform/mail/text';
import { notify } from '../../../platform/notifications/notify';
import { governanceDocuments, governanceDocumentVersions } from './tables';
import { yearsFromToday } from './workflow';

/** How many days before a document's yearly review date the offices that manage it are reminded. */
export const REVIEW_REMIND_DAYS_BEFORE = 30;

/**
 * Reminds, once per review date, the holders of documents:manage over each document whose yearly review falls within
 * REVIEW_REMIND_DAYS_BEFORE days: an in-app notification and a mail (ja + en). The documents are claimed and stamped
 * in one statement, so overlapping runs remind once; a new review date clears the stamp.
 */
export async function remindDocumentReviews(db: Db, config: Config, now = new Date()): Promise<number> {
  const today = yearsFromToday(0, now);
  const horizon = new Date(Date.parse(today) + REVIEW_REMIND_DAYS_BEFORE * 86_400_000).toISOString().slice(0, 10);
  let sent = 0;
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const claimed = await tx
      .update(governanceDocuments)
      .set({ reviewRemindedAt: now })
      .where(
        and(
          isNull(governanceDocuments.reviewRemindedAt),
          isNotNull(governanceDocuments.reviewDueOn),
          lte(governanceDocuments.reviewDueOn, horizon),
        ),
      )
      .returning();
    for (const doc of claimed) {
      const [v] = await tx
        .select({ ja: governanceDocumentVersions.titleJa, en: governanceDocumentVersions.titleEn })
        .from(governanceDocumentVersions)
        .where(
          and(eq(governanceDocumentVersions.documentId, doc.id), eq(governanceDocumentVersions.number, doc.publishedNumber ?? 0)),
        );
      const title = v ?? { ja: doc.key, en: doc.key };
      const office = await holdersOf(tx, 'documents:manage', doc.scopePath);
      const link = `/documents/${doc.id}/edit`;
      sent += await notify(tx, { to: office, kind: 'document.review-due', params: { title, dueOn: doc.reviewDueOn! }, link });
      for (const p of office)
        await queueMail(tx, {
          to: p.email,
          ...mailOf(
            { ja: `規程の定期見直し: ${title.ja}`, en: `Yearly review due: ${title.en}` },
            {
              ja: [
                `「${title.ja}」の定期見直し期限は ${mailDate(doc.reviewDueOn, 'ja')} です。見直し結果(変更なし、または改訂)を記録してください。`,
              ],
              en: [
                `The yearly review of "${title.en}" is due on ${mailDate(doc.reviewDueOn, 'en')}. Record its outcome (unchanged, or a revision).`,
              ],
            },
            `${config.publicUrl}${link}`,
          ),
        });
    }
  });
  return sent;
}

export const documentReviewReminders = defineJob({
  kind: 'documents.review-reminders',
  payload: z.object({}),
  async handler(_p, { db, config }) {
    await remindDocumentReviews(db, config);
  },
});
