import { and, eq, getTableColumns, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { notFound } from '../../../platform/errors/app-error';
import { queueMail } from '../../../platform/mail/outbox';
import { mailDate } from '../../../platform/mail/text';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { partnerScope, partnerScopeSql } from '../access';
import { partnerAssessments, partnerCampaigns } from '../assessment-tables';
import { partnerRecipients } from '../recipients';
import { countsIn, presentCampaign } from './campaigns';

/** A sheet reminded by hand is not reminded again for this long (a second click, or two office users at once). */
export const MANUAL_REMINDER_GAP_HOURS = 20;

/** One campaign with its counts inside the reader's scope; 404 for a partner account without a sheet in it. */
export async function getCampaign(ctx: Ctx, id: string) {
  const scope = partnerScope(ctx, 'partners:read');
  const [row] = await ctx.db
    .select({ ...getTableColumns(partnerCampaigns), ...countsIn(scope) })
    .from(partnerCampaigns)
    .where(eq(partnerCampaigns.id, id));
  if (!row || (scope.kind === 'partner' && row.assessments === 0)) throw notFound('The campaign');
  return presentCampaign(row);
}

/**
 * The office reminds every partner of the campaign that has not submitted yet (issue 18: "remind the missing
 * ones"): a mail to the partner's portal users and security contacts, per sheet. Sheets are claimed by one
 * conditional update, so a sheet reminded in the last 20 hours — by a second click, or by a colleague at the same
 * moment — is skipped rather than mailed twice.
 */
export function remindCampaign(ctx: Ctx, id: string) {
  return inTransaction(ctx, async (tx, audit) => {
    const scope = partnerScope(ctx, 'partner-campaigns:manage');
    const [campaign] = await tx.select().from(partnerCampaigns).where(eq(partnerCampaigns.id, id));
    if (!campaign) throw notFound('The campaign');
    const waiting = and(
      eq(partnerAssessments.campaignId, id),
      inArray(partnerAssessments.status, ['draft', 'reopened']),
      partnerScopeSql(scope, partnerAssessments.partnerId),
    );
    const [open] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(partnerAssessments)
      .where(waiting);
    const claimed = await tx
      .update(partnerAssessments)
      .set({ remindedAt: sql`now()` })
      .where(
        and(
          waiting,
          or(
            isNull(partnerAssessments.remindedAt),
            lt(partnerAssessments.remindedAt, sql`now() - make_interval(hours => ${MANUAL_REMINDER_GAP_HOURS})`),
          ),
        ),
      )
      .returning({ id: partnerAssessments.id, partnerId: partnerAssessments.partnerId, dueOn: partnerAssessments.dueOn });
    let mails = 0;
    for (const sheet of claimed) {
      for (const to of await partnerRecipients(tx, sheet.partnerId)) {
        await queueMail(tx, {
          to,
          subject: {
            ja: `[Mamori] チェックシートご回答のお願い(${campaign.name})`,
            en: `[Mamori] Please answer the check sheet (${campaign.name})`,
          },
          body: {
            ja: `「${campaign.name}」の情報セキュリティチェックシートが未提出です。期限 ${mailDate(sheet.dueOn, 'ja')} までにご回答ください。`,
            en: `The information security check sheet of "${campaign.name}" has not been submitted yet. Please answer it by ${mailDate(sheet.dueOn, 'en')}.`,
          },
        });
        mails++;
      }
      await audit({
        action: 'partner_assessment.remind',
        targetType: 'partner_assessment',
        targetId: sheet.id,
        after: { manual: true, campaignId: id },
      });
    }
    return { reminded: claimed.length, skipped: (open?.n ?? 0) - claimed.length, mails };
  });
}
