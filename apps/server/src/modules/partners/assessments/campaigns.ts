import { z } from 'zod';
import type { CreateCampaignBody } from '@mamori/contracts';
import { and, desc, eq, getTableColumns, inArray, lt, or, sql } from 'drizzle-orm';
import { invalid } from '../../../platform/errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../../../platform/http/cursor';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { partnerScope, partnerScopeSql, qualified, type PartnerScope } from '../access';
import { partnerAssessments, partnerCampaigns } from '../assessment-tables';
import { applicableItems, currentCatalogVersion, loadCatalog } from './catalog';
import { profileOf } from '../records/profile';
import { partners } from '../tables';

/**
 * The campaign's check sheets counted inside the reader's scope: a partner user counts its own company's sheet
 * only, a site office the partners of its sites — never the group-wide figures.
 */
export const countsIn = (scope: PartnerScope) => {
  const inScope = partnerScopeSql(scope, sql`a.partner_id`);
  const campaign = qualified(partnerCampaigns.id);
  return {
    assessments: sql<number>`(SELECT count(*)::int FROM partner_assessments a WHERE a.campaign_id = ${campaign} AND ${inScope})`,
    submitted: sql<number>`(SELECT count(*)::int FROM partner_assessments a WHERE a.campaign_id = ${campaign}
      AND a.status IN ('submitted', 'closed') AND ${inScope})`,
  };
};
type Row = typeof partnerCampaigns.$inferSelect & { assessments: number; submitted: number };
export const presentCampaign = ({ createdBy: _c, ...r }: Row) => ({ ...r, createdAt: r.createdAt.toISOString() });

/** Campaigns, newest first; a partner account sees only those it has a check sheet in. */
export async function listCampaigns(ctx: Ctx, q: { limit: number; cursor?: string | undefined }) {
  const scope = partnerScope(ctx, 'partners:read');
  const where = [
    scope.kind === 'partner'
      ? sql`EXISTS (SELECT 1 FROM partner_assessments a WHERE a.campaign_id = ${qualified(partnerCampaigns.id)} AND ${partnerScopeSql(scope, sql`a.partner_id`)})`
      : undefined,
  ];
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, z.tuple([CursorPart.instant, CursorPart.uuid]));
    where.push(
      or(
        lt(partnerCampaigns.createdAt, new Date(at)),
        and(eq(partnerCampaigns.createdAt, new Date(at)), lt(partnerCampaigns.id, id)),
      ),
    );
  }
  const rows = await ctx.db
    .select({ ...getTableColumns(partnerCampaigns), ...countsIn(scope) })
    .from(partnerCampaigns)
    .where(and(...where))
    .orderBy(desc(partnerCampaigns.createdAt), desc(partnerCampaigns.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, presentCampaign, (r) => [r.createdAt.toISOString(), r.id]);
}

/**
 * Starts a campaign on the current catalogue version: one assessment per partner holding exactly the
 * requirements that apply to it now. Reminders are sent by the daily partner job (jobs.ts).
 */
export function createCampaign(ctx: Ctx, body: z.infer<typeof CreateCampaignBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const version = currentCatalogVersion();
    const catalog = loadCatalog(version);
    const ids = body.partnerIds ? [...new Set(body.partnerIds)] : undefined;
    const targets = await tx
      .select()
      .from(partners)
      .where(ids ? inArray(partners.id, ids) : eq(partners.status, 'active'));
    if (ids && targets.length !== ids.length) {
      const missing = ids.filter((id) => !targets.some((t) => t.id === id));
      throw invalid(
        missing.slice(0, 50).map((id) => ({ path: `body.partnerIds.${ids.indexOf(id)}`, message: 'unknown partner' })),
      );
    }
    if (!targets.length) throw invalid([{ path: 'body.partnerIds', message: 'there is no active partner to assess' }]);
    const [campaign] = await tx
      .insert(partnerCampaigns)
      .values({
        name: body.name,
        catalogVersion: version,
        dueOn: body.dueOn,
        reminderDays: body.reminderDays,
        createdBy: ctx.actor.userId,
      })
      .returning();
    const rows = targets.map((p) => ({
      partnerId: p.id,
      campaignId: campaign!.id,
      catalogVersion: version,
      requirementIds: applicableItems(catalog, profileOf(p)).map((i) => i.id),
      tier: p.tier,
      dueOn: body.dueOn,
    }));
    for (let i = 0; i < rows.length; i += 1000) await tx.insert(partnerAssessments).values(rows.slice(i, i + 1000));
    await audit({
      action: 'partner_campaign.create',
      targetType: 'partner_campaign',
      targetId: campaign!.id,
      after: { ...campaign, partners: targets.length },
    });
    return presentCampaign({ ...campaign!, assessments: rows.length, submitted: 0 });
  });
}
