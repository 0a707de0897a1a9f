import { and, count, eq, inArray, isNull, lte, or, gte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { improvementRequests, partnerAssessments } from './assessment-tables';
import { openSql } from './records/improvements';
import { partnerNdas, partners } from './tables';

/**
 * What other domains may read of the partner programme (the assets ledger's sharing check, reports).
 * Other domains never read the partner tables themselves.
 */

export interface PartnerName {
  id: string;
  nameJa: string;
  nameEn: string;
  status: 'active' | 'ended';
}

/** The partners with these ids (unknown ids are missing from the answer). No scope: callers decide what to show. */
export async function partnersByIds(db: Db, ids: readonly string[]): Promise<PartnerName[]> {
  if (!ids.length) return [];
  return db
    .select({ id: partners.id, nameJa: partners.nameJa, nameEn: partners.nameEn, status: partners.status })
    .from(partners)
    .where(inArray(partners.id, [...new Set(ids)]));
}

export interface PartnerSharingStatus extends PartnerName {
  /** an NDA whose validity covers today */
  ndaInForce: boolean;
  /** improvement requests not settled yet (open, answered, returned) */
  openRequests: number;
  /** of which raised for a failed critical requirement */
  openCriticalRequests: number;
}

/**
 * What sharing information with the partner depends on (issue #11): whether an NDA is in force today and how many
 * improvement requests are still open. null when the partner does not exist.
 */
export async function partnerSharingStatus(db: Db, partnerId: string): Promise<PartnerSharingStatus | null> {
  const [p] = await partnersByIds(db, [partnerId]);
  if (!p) return null;
  const today = new Date().toISOString().slice(0, 10);
  const [nda] = await db
    .select({ n: count() })
    .from(partnerNdas)
    .where(
      and(
        eq(partnerNdas.partnerId, partnerId),
        lte(partnerNdas.validFrom, today),
        or(isNull(partnerNdas.validUntil), gte(partnerNdas.validUntil, today)),
      ),
    );
  const [open] = await db
    .select({
      all: count(),
      critical: sql<number>`count(*) FILTER (WHERE ${improvementRequests.reason} = 'critical')::int`,
    })
    .from(improvementRequests)
    .where(and(eq(improvementRequests.partnerId, partnerId), openSql));
  return {
    ...p,
    ndaInForce: (nda?.n ?? 0) > 0,
    openRequests: Number(open?.all ?? 0),
    openCriticalRequests: Number(open?.critical ?? 0),
  };
}

/** Active partners with an NDA in force today, by English name (demo data and pickers that offer only these). */
export async function partnersWithNdaInForce(db: Db, limit = 100): Promise<PartnerName[]> {
  const today = new Date().toISOString().slice(0, 10);
  return db
    .selectDistinct({ id: partners.id, nameJa: partners.nameJa, nameEn: partners.nameEn, status: partners.status })
    .from(partners)
    .innerJoin(partnerNdas, eq(partnerNdas.partnerId, partners.id))
    .where(
      and(
        eq(partners.status, 'active'),
        lte(partnerNdas.validFrom, today),
        or(isNull(partnerNdas.validUntil), gte(partnerNdas.validUntil, today)),
      ),
    )
    .orderBy(partners.nameEn)
    .limit(limit);
}

export interface ProcessorStatus extends PartnerName {
  latestScore: number | null;
  latestScoredAt: Date | null;
  /** an NDA whose validity covers today */
  ndaInForce: boolean;
}

/** Partners acting as processors of personal data (the privacy register): their latest score and NDA, in one query. */
export async function processorStatuses(db: Db, ids: readonly string[]): Promise<ProcessorStatus[]> {
  if (!ids.length) return [];
  const today = new Date().toISOString().slice(0, 10);
  return db
    .select({
      id: partners.id,
      nameJa: partners.nameJa,
      nameEn: partners.nameEn,
      status: partners.status,
      latestScore: partners.latestScore,
      latestScoredAt: partners.latestScoredAt,
      ndaInForce: sql<boolean>`EXISTS (SELECT 1 FROM ${partnerNdas} WHERE ${partnerNdas.partnerId} = ${partners.id}
        AND ${partnerNdas.validFrom} <= ${today} AND (${partnerNdas.validUntil} IS NULL OR ${partnerNdas.validUntil} >= ${today}))`,
    })
    .from(partners)
    .where(inArray(partners.id, [...new Set(ids)]));
}

export interface PartnerProgrammeSummary {
  /** check sheets due in the period */
  assessments: number;
  submitted: number;
  passed: number;
  failed: number;
  averageScore: number | null;
  /** improvement requests not settled yet (today, whatever their period) */
  openImprovementRequests: number;
  openCriticalRequests: number;
}

/**
 * The partner programme's results for a period (the management review's input): check sheets due between two days,
 * how many were submitted and passed, the average score, and the improvement requests still open.
 */
export async function partnerProgrammeSummary(db: Db, from: string, to: string): Promise<PartnerProgrammeSummary> {
  const [a] = await db
    .select({
      all: count(),
      submitted: sql<number>`count(*) FILTER (WHERE ${partnerAssessments.status} IN ('submitted', 'closed'))::int`,
      passed: sql<number>`count(*) FILTER (WHERE ${partnerAssessments.passed} = true)::int`,
      failed: sql<number>`count(*) FILTER (WHERE ${partnerAssessments.passed} = false)::int`,
      average: sql<string | null>`round(avg(${partnerAssessments.score}), 1)`,
    })
    .from(partnerAssessments)
    .where(and(gte(partnerAssessments.dueOn, from), lte(partnerAssessments.dueOn, to)));
  const [open] = await db
    .select({
      all: count(),
      critical: sql<number>`count(*) FILTER (WHERE ${improvementRequests.reason} = 'critical')::int`,
    })
    .from(improvementRequests)
    .where(openSql);
  return {
    assessments: Number(a?.all ?? 0),
    submitted: Number(a?.submitted ?? 0),
    passed: Number(a?.passed ?? 0),
    failed: Number(a?.failed ?? 0),
    averageScore: a?.average === null || a?.average === undefined ? null : Number(a.average),
    openImprovementRequests: Number(open?.all ?? 0),
    openCriticalRequests: Number(open?.critical ?? 0),
  };
}
/** Figures for the dashboard and reports, and "needs my attention" (issue #15). */
export { attentionFor, partnerProgramme, type PartnerProgramme } from './reporting/figures';

/** The yearly plan's linked activities (plans `plans.linked` job and editor): which units' partners have answered. */
export { partnerCampaignCompletion, partnerCampaignTargets } from './assessments/completion';
