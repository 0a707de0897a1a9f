import { z } from 'zod';
import type { ReopenRequestListQuery } from '@mamori/contracts';
import { and, asc, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { users } from '../../../platform/auth/tables';
import { CursorPart, decodeCursor, pageOf } from '../../../platform/http/cursor';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Ctx } from '../../../platform/tx';
import { partnerScope, partnerScopeSql, type PartnerScope } from '../access';
import { partnerAssessmentRounds, partnerAssessments, partnerCampaigns, partnerReopenRequests } from '../assessment-tables';
import { notFound } from '../errors';
import { partners } from '../tables';

const select = (db: Db) =>
  db
    .select({
      r: partnerReopenRequests,
      partnerName: partners.nameEn,
      partnerNameJa: partners.nameJa,
      campaignName: partnerCampaigns.name,
      by: users.name,
    })
    .from(partnerReopenRequests)
    .innerJoin(partners, eq(partners.id, partnerReopenRequests.partnerId))
    .innerJoin(partnerAssessments, eq(partnerAssessments.id, partnerReopenRequests.assessmentId))
    .innerJoin(partnerCampaigns, eq(partnerCampaigns.id, partnerAssessments.campaignId))
    .leftJoin(users, eq(users.id, partnerReopenRequests.requestedBy));
type Row = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];

const present = ({ r, partnerName, partnerNameJa, campaignName, by }: Row) => ({
  id: r.id,
  assessmentId: r.assessmentId,
  partnerId: r.partnerId,
  partnerName,
  partnerNameJa,
  campaignName,
  reason: r.reason,
  status: r.status,
  requestedAt: r.requestedAt.toISOString(),
  requestedByName: by,
  decidedAt: r.decidedAt?.toISOString() ?? null,
  decisionReason: r.decisionReason,
});
export type ReopenRequestView = ReturnType<typeof present>;

/** Reopen requests in the reader's scope, newest first (the office filters on `status=pending`). */
export async function listReopenRequests(ctx: Ctx, q: z.infer<typeof ReopenRequestListQuery>) {
  const where: (SQL | undefined)[] = [partnerScopeSql(partnerScope(ctx, 'partners:read'), partnerReopenRequests.partnerId)];
  if (q.status) where.push(eq(partnerReopenRequests.status, q.status));
  if (q.assessmentId) where.push(eq(partnerReopenRequests.assessmentId, q.assessmentId));
  if (q.partnerId) where.push(eq(partnerReopenRequests.partnerId, q.partnerId));
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, z.tuple([CursorPart.instant, CursorPart.uuid]));
    const t = new Date(at);
    where.push(
      or(
        lt(partnerReopenRequests.requestedAt, t),
        and(eq(partnerReopenRequests.requestedAt, t), lt(partnerReopenRequests.id, id)),
      ),
    );
  }
  const rows = await select(ctx.db)
    .where(and(...where))
    .orderBy(desc(partnerReopenRequests.requestedAt), desc(partnerReopenRequests.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, present, (r) => [r.r.requestedAt.toISOString(), r.r.id]);
}

/** One request, if inside the scope; 404 otherwise. `forUpdate` locks it for the rest of the transaction. */
export async function loadReopenRequest(db: Db, scope: PartnerScope, id: string, forUpdate = false) {
  const load = async () => {
    const [row] = await select(db).where(
      and(eq(partnerReopenRequests.id, id), partnerScopeSql(scope, partnerReopenRequests.partnerId)),
    );
    if (!row) throw notFound('The reopen request');
    return row;
  };
  return forUpdate ? loadForUpdate(db, partnerReopenRequests, id, load) : load();
}
export const presentReopenRequest = present;

/** What the assessment page shows of its reopening: the earlier rounds (their scores) and the requests. */
export async function reopenRecordsOf(db: Db, assessmentId: string) {
  const rounds = await db
    .select()
    .from(partnerAssessmentRounds)
    .where(eq(partnerAssessmentRounds.assessmentId, assessmentId))
    .orderBy(asc(partnerAssessmentRounds.reopenedAt));
  const requests = await select(db)
    .where(eq(partnerReopenRequests.assessmentId, assessmentId))
    .orderBy(desc(partnerReopenRequests.requestedAt));
  return {
    history: rounds.map((r) => ({
      submittedAt: r.submittedAt?.toISOString() ?? null,
      score: r.score,
      scores: { '1': r.score1, '2': r.score2, '3': r.score3, '4': r.score4, '5': r.score5 },
      threshold: r.threshold,
      passed: r.passed,
      reopenedAt: r.reopenedAt.toISOString(),
      reopenReason: r.reopenReason,
    })),
    reopenRequests: requests.map(present),
  };
}
