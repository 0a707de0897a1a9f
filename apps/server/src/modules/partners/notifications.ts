import type { Action } from '@mamori/contracts';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { holdersOf } from '../../platform/access/holders';
import { users } from '../../platform/auth/tables';
import { notify } from '../../platform/notifications/notify';
import { orgUnits } from '../org/tables';
import { partnerCampaigns } from './assessment-tables';
import { partnerOrgUnits, partners } from './tables';

/**
 * Who in the programme hears about a partner: holders of `action` whose scope covers an org unit working
 * with it (a site office for its site's partners) and the group-wide holders, as partnerScope lets them see it.
 */
async function officeFor(tx: Db, partnerId: string, action: Action) {
  const units = await tx
    .select({ path: orgUnits.path })
    .from(partnerOrgUnits)
    .innerJoin(orgUnits, eq(orgUnits.id, partnerOrgUnits.orgUnitId))
    .where(eq(partnerOrgUnits.partnerId, partnerId));
  const found: { id: string }[] = [];
  for (const path of units.length ? units.map((u) => u.path) : [null]) found.push(...(await holdersOf(tx, action, path)));
  return found;
}

/** The partner's own active portal accounts. */
const portalUsers = (tx: Db, partnerId: string) =>
  tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.partnerId, partnerId), eq(users.kind, 'partner'), eq(users.status, 'active')));

async function partnerName(tx: Db, partnerId: string) {
  const [p] = await tx.select({ ja: partners.nameJa, en: partners.nameEn }).from(partners).where(eq(partners.id, partnerId));
  return p!;
}

/** A partner submitted its check sheet: the campaign's owner and the reviewers of that partner look at it. */
export async function notifyAssessmentSubmitted(
  tx: Db,
  a: { id: string; partnerId: string; campaignId: string },
  score: number | null,
) {
  const reviewers = await officeFor(tx, a.partnerId, 'partner-assessments:review');
  const [campaign] = await tx
    .select({ owner: partnerCampaigns.createdBy })
    .from(partnerCampaigns)
    .where(eq(partnerCampaigns.id, a.campaignId));
  await notify(tx, {
    to: [...reviewers, ...(campaign?.owner ? [campaign.owner] : [])],
    kind: 'partner-assessment.submitted',
    params: { partner: await partnerName(tx, a.partnerId), score: score ?? '—' },
    link: `/partner-assessments/${a.id}`,
  });
}

/** A partner answered an improvement request: its owner and the office decide on the plan. */
export async function notifyImprovementAnswered(
  tx: Db,
  ir: { partnerId: string; ownerId: string | null; requirementId: string },
) {
  const office = await officeFor(tx, ir.partnerId, 'improvement-requests:manage');
  await notify(tx, {
    to: [...office, ...(ir.ownerId ? [ir.ownerId] : [])],
    kind: 'improvement-request.answered',
    params: { partner: await partnerName(tx, ir.partnerId), requirement: ir.requirementId },
    link: '/improvement-requests',
  });
}

/** The office returned a plan: the partner's portal users answer again. */
export async function notifyImprovementReturned(tx: Db, ir: { partnerId: string; requirementId: string }) {
  await notify(tx, {
    to: await portalUsers(tx, ir.partnerId),
    kind: 'improvement-request.returned',
    params: { requirement: ir.requirementId },
    link: '/portal/improvements',
  });
}
