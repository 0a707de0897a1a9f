import { z } from 'zod';
import type { AssessmentListQuery, SaveAnswersBody } from '@mamori/contracts';
import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { recordRead } from '../../../platform/audit/record';
import { conflict, notFound, refuseWith } from '../errors';
import { CursorPart, decodeCursor, pageOf } from '../../../platform/http/cursor';
import { loadForUpdate } from '../../../platform/records/lock';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { partnerScope, partnerScopeSql, type PartnerScope } from '../access';
import { answerable, checkAnswers, writeAnswers } from './answers';
import { partnerAnswers, partnerAssessments, partnerCampaigns } from '../assessment-tables';
import { loadCatalog } from './catalog';
import { checkFiles } from '../records/improvements';
import { previousSheetOf } from './previous-query';
import { reopenRecordsOf } from './reopen-query';
import { partners } from '../tables';
import { msg } from '../../../platform/errors/app-error';
import { sheetStatusName } from '../status-names';

/** Not submitted by its due date. */
const overdueSheetSql = sql`(${partnerAssessments.status} IN ('draft', 'reopened') AND ${partnerAssessments.dueOn} < current_date)`;

const summaryColumns = {
  id: partnerAssessments.id,
  partnerId: partnerAssessments.partnerId,
  partnerName: partners.nameEn,
  partnerNameJa: partners.nameJa,
  campaignId: partnerAssessments.campaignId,
  campaignName: partnerCampaigns.name,
  catalogVersion: partnerAssessments.catalogVersion,
  status: partnerAssessments.status,
  dueOn: partnerAssessments.dueOn,
  submittedAt: partnerAssessments.submittedAt,
  score: partnerAssessments.score,
  threshold: partnerAssessments.threshold,
  passed: partnerAssessments.passed,
  createdAt: partnerAssessments.createdAt,
};
const selectSummaries = (db: Db) =>
  db
    .select(summaryColumns)
    .from(partnerAssessments)
    .innerJoin(partners, eq(partners.id, partnerAssessments.partnerId))
    .innerJoin(partnerCampaigns, eq(partnerCampaigns.id, partnerAssessments.campaignId));
type Summary = Awaited<ReturnType<ReturnType<typeof selectSummaries>['where']>>[number];
const presentSummary = ({ createdAt: _c, ...r }: Summary) => ({ ...r, submittedAt: r.submittedAt?.toISOString() ?? null });

export async function listAssessments(ctx: Ctx, q: z.infer<typeof AssessmentListQuery>) {
  const where: (SQL | undefined)[] = [partnerScopeSql(partnerScope(ctx, 'partners:read'), partnerAssessments.partnerId)];
  if (q.partnerId) where.push(eq(partnerAssessments.partnerId, q.partnerId));
  if (q.campaignId) where.push(eq(partnerAssessments.campaignId, q.campaignId));
  if (q.status) where.push(eq(partnerAssessments.status, q.status));
  if (q.overdue !== undefined) where.push(q.overdue ? overdueSheetSql : sql`NOT ${overdueSheetSql}`);
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, z.tuple([CursorPart.instant, CursorPart.uuid]));
    const t = new Date(at);
    where.push(or(lt(partnerAssessments.createdAt, t), and(eq(partnerAssessments.createdAt, t), lt(partnerAssessments.id, id))));
  }
  const rows = await selectSummaries(ctx.db)
    .where(and(...where))
    .orderBy(desc(partnerAssessments.createdAt), desc(partnerAssessments.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, presentSummary, (r) => [r.createdAt.toISOString(), r.id]);
}

/** The assessment row if inside the scope, 404 otherwise. `forUpdate` locks it for the rest of the transaction. */
export async function loadAssessment(db: Db, scope: PartnerScope, id: string, forUpdate = false) {
  const load = async () => {
    const [row] = await db
      .select()
      .from(partnerAssessments)
      .where(and(eq(partnerAssessments.id, id), partnerScopeSql(scope, partnerAssessments.partnerId)));
    if (!row) throw notFound('The check sheet');
    return row;
  };
  return forUpdate ? loadForUpdate(db, partnerAssessments, id, load) : load();
}

/** Answers, score overall and per group, threshold and status; a read by a partner or office is logged. */
export async function getAssessment(ctx: Ctx, id: string) {
  const a = await loadAssessment(ctx.db, partnerScope(ctx, 'partners:read'), id);
  const [summary] = await selectSummaries(ctx.db).where(eq(partnerAssessments.id, id));
  const answers = await ctx.db.select().from(partnerAnswers).where(eq(partnerAnswers.assessmentId, id));
  const byId = new Map(answers.map((x) => [x.requirementId, x]));
  const catalog = loadCatalog(a.catalogVersion);
  const fixed = new Set(a.requirementIds);
  const items = catalog.items
    .filter((i) => fixed.has(i.id))
    .map((i) => {
      const ans = byId.get(i.id);
      return {
        requirementId: i.id,
        group: i.group,
        subItem: i.subItem,
        stem: i.stem,
        text: i.text,
        weight: i.weight,
        critical: i.critical,
        value: ans?.value ?? null,
        reason: ans?.reason ?? null,
        comment: ans?.comment ?? null,
        evidenceFileIds: ans?.evidenceFileIds ?? [],
      };
    });
  await recordRead(ctx.db, ctx.actor, { action: 'partner_assessment.read', targetType: 'partner_assessment', targetId: id });
  return {
    ...presentSummary(summary!),
    tier: a.tier,
    scores: { '1': a.score1, '2': a.score2, '3': a.score3, '4': a.score4, '5': a.score5 },
    reopenReason: a.reopenReason,
    answered: items.filter((i) => i.value).length,
    total: items.length,
    items,
    previousSheet: await previousSheetOf(ctx.db, a.partnerId, a.id),
    ...(await reopenRecordsOf(ctx.db, id)),
  };
}

/** Saves answers as a draft: any subset, any number of times, until submitted. */
export async function saveAnswers(ctx: Ctx, id: string, body: z.infer<typeof SaveAnswersBody>) {
  await inTransaction(ctx, async (tx, audit) => {
    const a = await loadAssessment(tx, partnerScope(ctx, 'partner-portal:answer'), id, true);
    if (!answerable(a)) throw conflict(msg('partner.sheet_not_open', { status: sheetStatusName(a.status) }));
    refuseWith(checkAnswers(a, body.answers, (i, f) => `body.answers.${i}.${f}`));
    await checkFiles(tx, a.partnerId, [...new Set(body.answers.flatMap((x) => x.evidenceFileIds ?? []))]);
    await writeAnswers(tx, audit, a, body.answers, ctx.actor.userId);
  });
  return getAssessment(ctx, id);
}
