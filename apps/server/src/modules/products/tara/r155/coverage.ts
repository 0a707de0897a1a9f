import type { TaraR155Coverage } from '@mamori/contracts';
import { and, eq } from 'drizzle-orm';
import { fieldError, invalid, notFound } from '../../../../platform/errors/app-error';
import type { Precondition } from '../../../../platform/records/version';
import type { Ctx } from '../../../../platform/tx';
import { changeAnalysis, getAnalysis } from '../analyses';
import { taraR155Exclusions } from '../tables';
import { isR155Threat, r155Catalog } from './catalog';

interface CoverageInput {
  threatScenarios: { id: string; r155Threats: string[] }[];
  r155NotApplicable: { code: string; reason: string }[];
}

/**
 * For each Annex 5 Part A threat: considered (a threat scenario references it), not applicable (ruled out with a
 * reason), or open. A threat both referenced and ruled out counts as considered: the scenario is the stronger record.
 */
export function coverageOf(ws: CoverageInput): TaraR155Coverage {
  const byCode = new Map<string, string[]>();
  for (const t of ws.threatScenarios) for (const code of t.r155Threats) byCode.set(code, [...(byCode.get(code) ?? []), t.id]);
  const reasons = new Map(ws.r155NotApplicable.map((x) => [x.code, x.reason]));
  const items = r155Catalog().threats.map((t) => {
    const threatIds = byCode.get(t.code) ?? [];
    const reason = reasons.get(t.code) ?? null;
    const status = threatIds.length ? ('considered' as const) : reason ? ('not_applicable' as const) : ('open' as const);
    return { code: t.code, category: t.category, status, threatIds, reason };
  });
  const count = (s: string) => items.filter((i) => i.status === s).length;
  return {
    counts: { total: items.length, considered: count('considered'), notApplicable: count('not_applicable'), open: count('open') },
    items,
  };
}

export async function getCoverage(ctx: Ctx, id: string) {
  return coverageOf(await getAnalysis(ctx, id));
}

const checkCode = (code: string) => {
  if (!isR155Threat(code)) throw invalid([fieldError('params.code', 'tara.r155_unknown', { code })]);
};

/** Rules an Annex 5 threat out for this analysis, with the reason (or changes the reason). */
export function excludeR155(ctx: Ctx, id: string, code: string, reason: string, expected: Precondition) {
  checkCode(code);
  return changeAnalysis(ctx, id, expected, async (tx, { orgPath }, audit) => {
    const values = { reason, updatedAt: new Date() };
    const [before] = await tx
      .select()
      .from(taraR155Exclusions)
      .where(and(eq(taraR155Exclusions.analysisId, id), eq(taraR155Exclusions.code, code)));
    await tx
      .insert(taraR155Exclusions)
      .values({ analysisId: id, code, ...values })
      .onConflictDoUpdate({ target: [taraR155Exclusions.analysisId, taraR155Exclusions.code], set: values });
    await audit({
      action: 'tara_coverage.exclude',
      targetType: 'tara_analysis',
      targetId: id,
      orgPath,
      before: before ? { code, reason: before.reason } : null,
      after: { code, reason },
    });
  });
}

export function includeR155(ctx: Ctx, id: string, code: string, expected: Precondition) {
  checkCode(code);
  return changeAnalysis(ctx, id, expected, async (tx, { orgPath }, audit) => {
    const [before] = await tx
      .delete(taraR155Exclusions)
      .where(and(eq(taraR155Exclusions.analysisId, id), eq(taraR155Exclusions.code, code)))
      .returning();
    if (!before) throw notFound('The exclusion');
    await audit({
      action: 'tara_coverage.include',
      targetType: 'tara_analysis',
      targetId: id,
      orgPath,
      before: { code, reason: before.reason },
    });
  });
}
