import { GROUP_IDS, type GroupId } from './catalog';

export type AnswerValue = 'implemented' | 'partly' | 'not_implemented' | 'not_applicable';

/** What each answer earns of a requirement's weight. N/A earns nothing and is also left out of the maximum. */
export const CREDIT: Record<Exclude<AnswerValue, 'not_applicable'>, number> = { implemented: 1, partly: 0.5, not_implemented: 0 };

export interface ScoredItem {
  id: string;
  group: GroupId;
  weight: number;
  critical: boolean;
}

export interface ScoreResult {
  /** 0–100 with one decimal; null when nothing counts (every requirement N/A) */
  overall: number | null;
  groups: Record<GroupId, number | null>;
  /** requirements answered partly or not implemented (or not answered), in item order */
  shortfalls: { requirementId: string; critical: boolean; value: AnswerValue | null }[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The score of an assessment. For the requirements R that apply to it, each with weight w(r):
 *
 *   credit(r) = 1 implemented · 0.5 partly · 0 not implemented or not answered
 *   counted   = the r in R not answered "not applicable"
 *   score     = 100 × Σ_{r∈counted} w(r)·credit(r) / Σ_{r∈counted} w(r)      (one decimal)
 *
 * The same formula over the requirements of one group gives the group score (1)–(5). When nothing is
 * counted (all N/A, or no requirement of the group applies) the score is null, not 0 or 100: it is
 * shown as "—" and neither passes nor fails on its own. The overall score is weighted by requirement,
 * not the average of the group scores, so a group with many requirements counts for more.
 */
export function scoreAssessment(items: readonly ScoredItem[], answers: ReadonlyMap<string, AnswerValue>): ScoreResult {
  const earned = new Map<GroupId, number>();
  const max = new Map<GroupId, number>();
  const shortfalls: ScoreResult['shortfalls'] = [];
  for (const item of items) {
    const value = answers.get(item.id) ?? null;
    if (value === 'not_applicable') continue;
    const credit = value ? CREDIT[value] : 0;
    earned.set(item.group, (earned.get(item.group) ?? 0) + item.weight * credit);
    max.set(item.group, (max.get(item.group) ?? 0) + item.weight);
    if (credit < 1) shortfalls.push({ requirementId: item.id, critical: item.critical, value });
  }
  const sum = (m: Map<GroupId, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const ratio = (e: number, m: number) => (m > 0 ? round1((100 * e) / m) : null);
  const groups = Object.fromEntries(GROUP_IDS.map((g) => [g, ratio(earned.get(g) ?? 0, max.get(g) ?? 0)])) as Record<
    GroupId,
    number | null
  >;
  return { overall: ratio(sum(earned), sum(max)), groups, shortfalls };
}

export interface Verdict {
  passed: boolean;
  /** requirements that get an improvement request, with why */
  requests: { requirementId: string; reason: 'below_threshold' | 'critical' }[];
}

/**
 * Pass or fail against the partner's tier threshold. Below the threshold, every shortfall gets an
 * improvement request; whatever the score, a critical requirement answered "not implemented" gets one too
 * and fails the assessment. A null score (all N/A) is not below any threshold.
 */
export function judge(result: ScoreResult, threshold: number): Verdict {
  const below = result.overall !== null && result.overall < threshold;
  const requests: Verdict['requests'] = [];
  for (const s of result.shortfalls) {
    const criticalMiss = s.critical && (s.value === 'not_implemented' || s.value === null);
    if (criticalMiss) requests.push({ requirementId: s.requirementId, reason: 'critical' });
    else if (below) requests.push({ requirementId: s.requirementId, reason: 'below_threshold' });
  }
  return { passed: !below && !requests.some((r) => r.reason === 'critical'), requests };
}
