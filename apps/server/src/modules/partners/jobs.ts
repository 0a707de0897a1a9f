import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { holdersOf } from '../../platform/access/holders';
import { systemActor } from '../../platform/audit/record';
import { users } from '../../platform/auth/tables';
import { defineJob } from '../../platform/jobs/define';
import { queueMail } from '../../platform/mail/outbox';
import { mailDate } from '../../platform/mail/text';
import { notify } from '../../platform/notifications/notify';
import { inTransaction } from '../../platform/tx';
import { improvementRequests, partnerAssessments } from './assessment-tables';
import { partnerRecipients } from './recipients';
import { partnerNdas } from './tables';

/** Days before its end that an NDA's renewal is asked for. */
export const NDA_NOTICE_DAYS = 60;
const ctxOf = (db: Db) => ({ db, actor: systemActor('partners.daily'), principal: null });

/**
 * Check-sheet reminders: each campaign lists days before the due date (e.g. 14 and 3); a sheet not yet
 * submitted gets one mail per step it reaches, and one more once overdue (step 0). Safe to run any number of times.
 */
async function remindAssessments(db: Db): Promise<number> {
  const rows = await queryRows<{
    id: string;
    partner_id: string;
    days: number;
    reminder_days: number[];
    last: number | null;
    due_on: string;
  }>(
    db,
    sql`SELECT a.id, a.partner_id, (a.due_on - current_date) AS days, c.reminder_days, a.last_reminder_days AS last, a.due_on::text
        FROM partner_assessments a JOIN partner_campaigns c ON c.id = a.campaign_id
        WHERE a.status IN ('draft', 'reopened') AND (a.last_reminder_days IS NULL OR a.last_reminder_days > 0)
          AND a.due_on - current_date <= (SELECT max(x::int) FROM jsonb_array_elements_text(c.reminder_days) x)`,
  );
  let sent = 0;
  for (const r of rows) {
    const step = r.days < 0 ? 0 : Math.min(...r.reminder_days.filter((d) => d >= r.days));
    if (r.last !== null && step >= r.last) continue;
    const claimed = await inTransaction(ctxOf(db), async (tx, audit) => {
      // Claimed by a conditional update: another run that sent this step meanwhile leaves nothing to claim.
      const [row] = await tx
        .update(partnerAssessments)
        .set({ lastReminderDays: step })
        .where(
          and(
            eq(partnerAssessments.id, r.id),
            or(isNull(partnerAssessments.lastReminderDays), gt(partnerAssessments.lastReminderDays, step)),
          ),
        )
        .returning({ id: partnerAssessments.id });
      if (!row) return false;
      for (const to of await partnerRecipients(tx, r.partner_id))
        await queueMail(tx, {
          to,
          subject:
            step === 0
              ? { ja: '[Mamori] チェックシート提出期限超過', en: '[Mamori] Check sheet overdue' }
              : {
                  ja: `[Mamori] チェックシート提出期限 ${mailDate(r.due_on, 'ja')}`,
                  en: `[Mamori] Check sheet due ${mailDate(r.due_on, 'en')}`,
                },
          body: {
            ja: `情報セキュリティチェックシートのご回答をお願いします (期限 ${mailDate(r.due_on, 'ja')})。`,
            en: `Please answer the information security check sheet (due ${mailDate(r.due_on, 'en')}).`,
          },
        });
      await audit({ action: 'partner_assessment.remind', targetType: 'partner_assessment', targetId: r.id, after: { step } });
      return true;
    });
    if (claimed) sent++;
  }
  return sent;
}

/** Improvement requests past their due date without an answer go to their owner and the security office, once. */
async function escalateImprovements(db: Db): Promise<number> {
  const overdue = and(
    inArray(improvementRequests.status, ['open', 'returned']),
    sql`${improvementRequests.dueOn} < current_date`,
    isNull(improvementRequests.escalatedAt),
  );
  return inTransaction(ctxOf(db), async (tx, audit) => {
    // Claimed by one conditional update (the condition is checked again on each row it locks): a request answered
    // or given a new due date meanwhile, or escalated by another run, is not escalated.
    const due = await tx
      .update(improvementRequests)
      .set({ escalatedAt: new Date() })
      .where(
        and(
          overdue,
          inArray(
            improvementRequests.id,
            tx.select({ id: improvementRequests.id }).from(improvementRequests).where(overdue).limit(5000),
          ),
        ),
      )
      .returning();
    if (!due.length) return 0;
    const office = await holdersOf(tx, 'improvement-requests:manage', null);
    const ownerIds = [...new Set(due.map((d) => d.ownerId).filter((o): o is string => !!o))];
    const owners = ownerIds.length ? await tx.select({ email: users.email }).from(users).where(inArray(users.id, ownerIds)) : [];
    const to = new Set([...office.map((o) => o.email), ...owners.map((o) => o.email)]);
    await audit.many(
      due.map((d) => ({
        action: 'improvement_request.escalate',
        targetType: 'improvement_request',
        targetId: d.id,
        after: { dueOn: d.dueOn },
      })),
    );
    for (const email of to)
      await queueMail(tx, {
        to: email,
        subject: {
          ja: `[Mamori] 期限超過の改善要望 ${due.length} 件`,
          en: `[Mamori] ${due.length} overdue improvement request(s)`,
        },
        body: {
          ja: due.map((d) => `${d.requirementId}(期限 ${mailDate(d.dueOn, 'ja')}) ${d.partnerId}`).join('\n'),
          en: due.map((d) => `${d.requirementId} (due ${mailDate(d.dueOn, 'en')}) ${d.partnerId}`).join('\n'),
        },
      });
    await notify(tx, {
      to: [...office, ...ownerIds],
      kind: 'improvement-request.overdue',
      params: { count: due.length },
      link: '/improvement-requests',
    });
    return due.length;
  });
}

/** NDAs ending within NDA_NOTICE_DAYS: the security office is told once per end date. */
async function remindNdas(db: Db): Promise<number> {
  return inTransaction(ctxOf(db), async (tx, audit) => {
    // One conditional update claims them: an NDA re-dated meanwhile, or reminded by another run, is not reminded.
    const ending = await tx
      .update(partnerNdas)
      .set({ reminderSentAt: new Date() })
      .where(
        and(
          isNull(partnerNdas.reminderSentAt),
          sql`${partnerNdas.validUntil} BETWEEN current_date AND current_date + ${NDA_NOTICE_DAYS}::int`,
        ),
      )
      .returning();
    if (!ending.length) return 0;
    const office = await holdersOf(tx, 'partners:manage', null);
    await audit.many(
      ending.map((n) => ({
        action: 'partner_nda.remind',
        targetType: 'partner_nda',
        targetId: n.id,
        after: { validUntil: n.validUntil },
      })),
    );
    for (const o of office)
      await queueMail(tx, {
        to: o.email,
        subject: {
          ja: `[Mamori] 期限が近い秘密保持契約 ${ending.length} 件`,
          en: `[Mamori] ${ending.length} NDA(s) ending soon`,
        },
        body: {
          ja: ending.map((n) => `${n.title} — ${mailDate(n.validUntil, 'ja')} まで`).join('\n'),
          en: ending.map((n) => `${n.title} — until ${mailDate(n.validUntil, 'en')}`).join('\n'),
        },
      });
    return ending.length;
  });
}

export async function runPartnerDaily(db: Db) {
  return { reminded: await remindAssessments(db), escalated: await escalateImprovements(db), ndas: await remindNdas(db) };
}

export const partnersDaily = defineJob({
  kind: 'partners.daily',
  payload: z.object({}),
  async handler(_p, { db, log }) {
    log.info(await runPartnerDaily(db), 'partner reminders');
  },
});
