import { fiscalYearDays, type ReviewPack, type ReviewPackSourceKey } from '@mamori/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { auditProgrammeSummary } from '../../audits/service';
import { soaStatusSummary } from '../../controls/service';
import { incidentTrends } from '../../incidents/service';
import { partnerProgrammeSummary } from '../../partners/service';
import { riskSummary } from '../../risks/service';
import { trainingCompletionSummary } from '../../training/service';
import { planProgressSummary } from '../service';
import { managementReviewActions, type managementReviews } from './tables';

type ReviewRow = typeof managementReviews.$inferSelect;

/**
 * One named input of the review pack (ISO/IEC 27001 9.3.2). `assemble` reads the figures from the domain that owns
 * them (through its service.ts) for the review's fiscal year and answers plain JSON, kept as the pack's snapshot;
 * `null` means the domain does not exist yet and the section shows "not available yet".
 */
export interface PackSource {
  key: ReviewPackSourceKey;
  assemble(db: Db, review: ReviewRow): Promise<Record<string, unknown> | null>;
}

export const notYet = (key: ReviewPackSourceKey): PackSource => ({ key, assemble: async () => null });

/** The actions decided at last year's review, to be carried out in this review's fiscal year, with their status. */
const previousActions: PackSource = {
  key: 'previousActions',
  async assemble(db, review) {
    const items = await db
      .select()
      .from(managementReviewActions)
      .where(eq(managementReviewActions.fiscalYear, review.fiscalYear))
      .orderBy(asc(managementReviewActions.dueOn));
    return {
      total: items.length,
      done: items.filter((a) => a.status === 'done').length,
      open: items.filter((a) => a.status === 'open').length,
      items: items.map((a) => ({ title: a.title, owner: a.owner, dueOn: a.dueOn, status: a.status, outcome: a.outcome })),
    };
  },
};

/** What the office entered: internal and external issues, interested parties' requirements. */
const issues: PackSource = {
  key: 'issues',
  assemble: async (_db, r) => ({
    internalIssues: r.internalIssues,
    externalIssues: r.externalIssues,
    interestedParties: r.interestedParties,
  }),
};

const months = (fy: number) => {
  const { from, to } = fiscalYearDays(fy);
  return { from: from.slice(0, 7), to: to.slice(0, 7) };
};

const incidents: PackSource = {
  key: 'incidents',
  async assemble(db, r) {
    const { from, to } = months(r.fiscalYear);
    const now = await incidentTrends(db, from, to);
    const before = months(r.fiscalYear - 1);
    const last = await incidentTrends(db, before.from, before.to);
    const total = (t: typeof now) => t.months.reduce((n, m) => n + m.incidents, 0);
    const near = (t: typeof now) => t.months.reduce((n, m) => n + m.nearMisses, 0);
    return {
      ...now,
      incidents: total(now),
      nearMisses: near(now),
      previousYear: { incidents: total(last), nearMisses: near(last) },
    };
  },
};

const risks: PackSource = {
  key: 'risks',
  assemble: async (db) => ({ ...(await riskSummary(db, '/')) }),
};

const soa: PackSource = {
  key: 'soa',
  async assemble(db) {
    const s = await soaStatusSummary(db);
    return s ? { ...s } : { approvedVersion: null };
  },
};

const partners: PackSource = {
  key: 'partners',
  async assemble(db, r) {
    const { from, to } = fiscalYearDays(r.fiscalYear);
    return { ...(await partnerProgrammeSummary(db, from, to)) };
  },
};

/** The internal audit programme of the review's year (audits/service.ts), as flat figures. */
const auditResults: PackSource = {
  key: 'audits',
  async assemble(db, r) {
    const a = await auditProgrammeSummary(db, { fiscalYear: r.fiscalYear, unitPath: '/' });
    return {
      total: a.audits.total,
      done: a.audits.closed + a.audits.reported,
      open: a.audits.planned + a.audits.inProgress,
      major: a.findings.major,
      minor: a.findings.minor,
      openNonconformities: a.openNonconformities,
      overdue: a.overdueNonconformities,
    };
  },
};

/** The yearly plan's completion for the review's year (plans/service.ts), the whole group. */
const planCompletion: PackSource = {
  key: 'planCompletion',
  async assemble(db, r) {
    const p = await planProgressSummary(db, { fiscalYear: r.fiscalYear, unitPath: null });
    return { total: p.total, done: p.done, overdue: p.late, rate: Math.round(p.rate * 100) };
  },
};

/**
/** Education: the group's training completion when the pack is assembled (training/service.ts). */
const education: PackSource = {
  key: 'education',
  async assemble(db) {
    const e = await trainingCompletionSummary(db, null);
    return { total: e.assigned, done: e.passed, overdue: e.overdue, rate: Math.round(e.rate * 100) };
  },
};

/**
 * The pack's sources, in the order of the pack. A domain still to come answers with `notYet('…')` (shown as "not
 * available yet") until a PackSource calls its service.ts read function.
 */
export const packSources: PackSource[] = [
  previousActions,
  issues,
  incidents,
  auditResults,
  planCompletion,
  risks,
  soa,
  partners,
  education,
];

/** Reads every source now and answers the snapshot the review keeps. */
export async function assemblePack(db: Db, review: ReviewRow, sources = packSources, now = new Date()): Promise<ReviewPack> {
  const sections = [];
  for (const s of sources) {
    const data = await s.assemble(db, review);
    sections.push({ key: s.key, available: data !== null, data });
  }
  return { assembledAt: now.toISOString(), sections };
}

/** The open actions to be carried out in a fiscal year (the plans helper's copy-to-next-year reads these). */
export async function openActionsOf(db: Db, fiscalYear: number) {
  return db
    .select({
      id: managementReviewActions.id,
      reviewId: managementReviewActions.reviewId,
      fiscalYear: managementReviewActions.fiscalYear,
      title: managementReviewActions.title,
      owner: managementReviewActions.owner,
      dueOn: managementReviewActions.dueOn,
    })
    .from(managementReviewActions)
    .where(and(eq(managementReviewActions.fiscalYear, fiscalYear), eq(managementReviewActions.status, 'open')))
    .orderBy(asc(managementReviewActions.dueOn));
}
