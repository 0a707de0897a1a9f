import { and, eq, isNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { nearestHoldersOf } from '../../platform/access/holders';
import { defineJob } from '../../platform/jobs/define';
import { queueMail } from '../../platform/mail/outbox';
import { mailDate, mailOf } from '../../platform/mail/text';
import { notify } from '../../platform/notifications/notify';
import { orgUnits } from '../org/tables';
import { controlStatusAnswers, controlStatusRequests } from './tables';

/** How many days before the due date the units that have not answered are reminded. */
export const REMIND_DAYS_BEFORE = 3;

const addDays = (day: string, n: number) => new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Reminds, once per request, the org heads and promotion leaders nearest to each unit that has not answered yet,
 * from REMIND_DAYS_BEFORE days before the due date: an in-app notification and a mail (ja + en). The request is
 * claimed and stamped in one statement, so overlapping runs remind once.
 */
export async function remindStatusRequests(db: Db, config: Config, now = new Date()): Promise<number> {
  const horizon = addDays(now.toISOString().slice(0, 10), REMIND_DAYS_BEFORE);
  let sent = 0;
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const claimed = await tx
      .update(controlStatusRequests)
      .set({ remindedAt: now })
      .where(and(isNull(controlStatusRequests.remindedAt), lte(controlStatusRequests.dueDate, horizon)))
      .returning();
    for (const request of claimed) {
      const pending = await tx
        .select({ path: controlStatusAnswers.unitPath, ja: orgUnits.nameJa, en: orgUnits.nameEn })
        .from(controlStatusAnswers)
        .innerJoin(orgUnits, eq(orgUnits.id, controlStatusAnswers.unitId))
        .where(and(eq(controlStatusAnswers.requestId, request.id), isNull(controlStatusAnswers.answeredAt)));
      const url = `${config.publicUrl}/control-status/${request.id}`;
      for (const unit of pending) {
        const people = await nearestHoldersOf(tx, 'control-status:answer', unit.path);
        sent += await notify(tx, {
          to: people,
          kind: 'control-status.reminder',
          params: { title: request.title, dueDate: request.dueDate, unit: { ja: unit.ja, en: unit.en } },
          link: `/control-status/${request.id}`,
        });
        for (const p of people)
          await queueMail(tx, {
            to: p.email,
            ...mailOf(
              { ja: `管理策の実施状況確認のお願い: ${request.title}`, en: `Control status requested: ${request.title}` },
              {
                ja: [`${unit.ja} の管理策の実施状況について、${mailDate(request.dueDate, 'ja')} までに回答してください。`],
                en: [
                  `Please state the implementation status of the requested controls for ${unit.en} by ${mailDate(request.dueDate, 'en')}.`,
                ],
              },
              url,
            ),
          });
      }
    }
  });
  return sent;
}

export const controlStatusReminders = defineJob({
  kind: 'controls.status-reminders',
  payload: z.object({}),
  async handler(_p, { db, config }) {
    await remindStatusRequests(db, config);
  },
});
