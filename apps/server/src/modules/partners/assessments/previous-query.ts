import { and, desc, eq, isNotNull, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { partnerAssessments, partnerCampaigns } from '../assessment-tables';

/** The partner's latest submitted check sheet other than this one (a campaign of an earlier year, as a rule). */
export async function previousSheetOf(db: Db, partnerId: string, exceptId: string) {
  const [row] = await db
    .select({
      id: partnerAssessments.id,
      campaignName: partnerCampaigns.name,
      submittedAt: partnerAssessments.submittedAt,
    })
    .from(partnerAssessments)
    .innerJoin(partnerCampaigns, eq(partnerCampaigns.id, partnerAssessments.campaignId))
    .where(
      and(
        eq(partnerAssessments.partnerId, partnerId),
        ne(partnerAssessments.id, exceptId),
        isNotNull(partnerAssessments.submittedAt),
      ),
    )
    .orderBy(desc(partnerAssessments.submittedAt), desc(partnerAssessments.id))
    .limit(1);
  return row ? { ...row, submittedAt: row.submittedAt!.toISOString() } : null;
}
