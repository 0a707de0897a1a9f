import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { queueMail } from '../../../platform/mail/outbox';
import { mailOf } from '../../../platform/mail/text';
import type { reportRuns } from '../tables';
import { reportSchedules } from '../tables';

/**
 * A scheduled run is done: each recipient of its schedule is mailed the run's link (in both languages; the files stay
 * behind sign-in and the reader's own scope). Called in the transaction that marks the run done.
 */
export async function mailScheduledRun(tx: Db, run: typeof reportRuns.$inferSelect, publicUrl: string): Promise<void> {
  if (!run.scheduleId) return;
  const [schedule] = await tx
    .select({ recipients: reportSchedules.recipients })
    .from(reportSchedules)
    .where(eq(reportSchedules.id, run.scheduleId));
  if (!schedule) return;
  const link = `${publicUrl}/reports?run=${run.id}`;
  for (const to of schedule.recipients)
    await queueMail(tx, {
      to,
      ...mailOf(
        { ja: `定期レポート: ${run.title}`, en: `Scheduled report: ${run.title}` },
        {
          ja: [`定期レポート「${run.title}」を作成しました。Mamori にサインインして開いてください。`],
          en: [`The scheduled report "${run.title}" is ready. Sign in to Mamori to open it.`],
        },
        link,
      ),
    });
}
