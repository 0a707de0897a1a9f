import { and, asc, eq, gt, isNotNull, isNull, lte, ne, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { holdersOf, roleHoldersOf } from '../../platform/access/holders';
import { systemActor } from '../../platform/audit/record';
import { defineJob } from '../../platform/jobs/define';
import { queueMail } from '../../platform/mail/outbox';
import { mailDate, mailTime, type LocalText, type MailText } from '../../platform/mail/text';
import { inTransaction } from '../../platform/tx';
import { privacyCatalog } from './catalog';
import { tokyoDay } from './register/rules';
import { processingActivities } from './register/tables';
import { privacyRequests } from './requests/tables';
import { addDays, isoDate } from '../../platform/deadlines/zoned-time';

const BATCH = 200;
type To = { email: string }[];

/** The outbox writes each recipient's mail in their language (both when nothing decides it). */
async function mailAll(tx: Db, to: To, subject: LocalText, body: MailText) {
  for (const r of to) await queueMail(tx, { to: r.email, subject, body });
}

/**
 * One pass of the privacy reminders, each sent once (stamped in the transaction of its mail; rows claimed with
 * SKIP LOCKED so overlapping runs do not double them):
 * - register entries whose yearly review falls due within the catalogue's notice: the unit's heads;
 * - data-subject requests past their first clock's warning (reminder) or due time (escalation): the holders of
 *   privacy-requests:handle whose scope covers the request (the privacy office for one not yet triaged).
 */
export async function runPrivacyReminders(db: Db, publicUrl: string, now = new Date()) {
  const counts = { reviews: 0, reminded: 0, escalated: 0 };
  const ctx = { db, actor: systemActor('privacy.reminders'), principal: null };
  const [y, m, d] = tokyoDay(now).split('-').map(Number) as [number, number, number];
  const horizon = isoDate(addDays({ y, m, d }, privacyCatalog().review.remindDaysBefore));
  for (;;) {
    const n = await inTransaction(ctx, async (tx) => {
      const rows = await tx
        .select()
        .from(processingActivities)
        .where(
          and(
            eq(processingActivities.status, 'active'),
            lte(processingActivities.reviewDueOn, horizon),
            or(
              isNull(processingActivities.reviewRemindedFor),
              ne(processingActivities.reviewRemindedFor, processingActivities.reviewDueOn),
            ),
          ),
        )
        .orderBy(asc(processingActivities.reviewDueOn))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      for (const r of rows) {
        const link = `${publicUrl}/privacy/register/${r.id}`;
        await mailAll(
          tx,
          await roleHoldersOf(tx, 'org_head', r.unitPath, { nearest: true }),
          {
            ja: `[Mamori] 個人情報取扱台帳の年次見直し（${r.service}）`,
            en: `[Mamori] Yearly review of a personal-data register entry (${r.service})`,
          },
          {
            ja: `「${r.service}」の台帳項目の年次見直し期限は ${mailDate(r.reviewDueOn, 'ja')} です。内容を確認し、承認してください。\n${link}`,
            en: `The yearly review of "${r.service}" is due on ${mailDate(r.reviewDueOn, 'en')}. Please check the entry and sign it off.\n${link}`,
          },
        );
        await tx.update(processingActivities).set({ reviewRemindedFor: r.reviewDueOn }).where(eq(processingActivities.id, r.id));
      }
      return rows.length;
    });
    counts.reviews += n;
    if (n < BATCH) break;
  }
  for (const kind of ['remind', 'escalate'] as const) {
    let after: string | null = null;
    for (;;) {
      const n: number = await inTransaction(ctx, async (tx) => {
        const stamp = kind === 'remind' ? privacyRequests.remindedAt : privacyRequests.escalatedAt;
        const due = kind === 'remind' ? privacyRequests.nextWarnAt : privacyRequests.nextDueAt;
        const rows = await tx
          .select()
          .from(privacyRequests)
          .where(
            and(
              isNotNull(privacyRequests.nextDueAt),
              lte(due, now),
              isNull(stamp),
              after ? gt(privacyRequests.id, after) : undefined,
            ),
          )
          .orderBy(asc(privacyRequests.id))
          .limit(BATCH)
          .for('update', { skipLocked: true });
        for (const r of rows) {
          const link = `${publicUrl}/privacy/requests/${r.id}`;
          const dueAt = r.nextDueAt!;
          await mailAll(
            tx,
            await holdersOf(tx, 'privacy-requests:handle', r.unitPath),
            kind === 'remind'
              ? {
                  ja: `[Mamori] 開示等請求の回答期限が近づいています（${r.reference}）`,
                  en: `[Mamori] A data-subject request is due soon (${r.reference})`,
                }
              : {
                  ja: `[Mamori] 開示等請求の回答期限を過ぎています（${r.reference}）`,
                  en: `[Mamori] A data-subject request is overdue (${r.reference})`,
                },
            (l) =>
              l.language === 'ja'
                ? `請求 ${r.reference} の回答期限は ${mailTime(dueAt, l)} です。\n${link}`
                : `Request ${r.reference} is due ${mailTime(dueAt, l)}.\n${link}`,
          );
          await tx
            .update(privacyRequests)
            .set(kind === 'remind' ? { remindedAt: now } : { escalatedAt: now })
            .where(eq(privacyRequests.id, r.id));
        }
        after = rows.at(-1)?.id ?? after;
        return rows.length;
      });
      counts[kind === 'remind' ? 'reminded' : 'escalated'] += n;
      if (n < BATCH) break;
    }
  }
  return counts;
}

export const privacyRemindersJob = defineJob({
  kind: 'privacy.reminders',
  payload: z.object({}),
  async handler(_p, { db, config, log }) {
    const counts = await runPrivacyReminders(db, config.publicUrl);
    if (counts.reviews || counts.reminded || counts.escalated) log.info(counts, 'privacy reminders sent');
  },
});
