import type { CraDeadline } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { clockStatus } from '../../../platform/deadlines/engine';
import { planRegime, regimeOf, regulatoryRule } from '../../../platform/deadlines/regulatory';
import type { Start } from '../../../platform/deadlines/stages';
import type { vulnerabilityCra } from './tables';
import { vulnerabilityCraClocks } from './tables';

type CraRow = typeof vulnerabilityCra.$inferSelect;
type ClockRow = typeof vulnerabilityCraClocks.$inferSelect;

/**
 * Brings a case's stages in line with the catalogue and the case's events (awareness, the fix, submissions):
 * a new stage is added, a running or waiting one moves, and a submitted one is never touched. Chained stages
 * start here when the stage they follow is submitted. Returns the stages as they are now.
 */
export async function syncCraClocks(tx: Db, cra: CraRow): Promise<ClockRow[]> {
  const existing = await tx
    .select()
    .from(vulnerabilityCraClocks)
    .where(eq(vulnerabilityCraClocks.vulnerabilityId, cra.vulnerabilityId));
  const byRule = new Map(existing.map((c) => [c.ruleId, c]));
  const planned = planRegime(cra.regime, {
    events: { awareAt: cra.awareAt, fixAvailableAt: cra.fixAvailableAt },
    submitted: Object.fromEntries(existing.map((c) => [c.ruleId, c.submittedAt])),
  });
  const wanted = new Set(planned.map((p) => p.ruleId));
  for (const p of planned) {
    const row = byRule.get(p.ruleId);
    const values = {
      stage: p.rule.stage,
      hard: p.rule.hard,
      startAt: p.startAt,
      warnAt: p.warnAt,
      dueAt: p.dueAt,
      waitingFor: p.waitingFor,
    };
    if (!row)
      await tx.insert(vulnerabilityCraClocks).values({ vulnerabilityId: cra.vulnerabilityId, ruleId: p.ruleId, ...values });
    else if (!row.submittedAt) await tx.update(vulnerabilityCraClocks).set(values).where(eq(vulnerabilityCraClocks.id, row.id));
  }
  // A stage the catalogue no longer has for this case goes, unless it was submitted (history stays).
  for (const row of existing)
    if (!wanted.has(row.ruleId) && !row.submittedAt)
      await tx.delete(vulnerabilityCraClocks).where(eq(vulnerabilityCraClocks.id, row.id));
  return tx.select().from(vulnerabilityCraClocks).where(eq(vulnerabilityCraClocks.vulnerabilityId, cra.vulnerabilityId));
}

/** What a waiting stage waits for, in both languages (an event of the regime, or an earlier stage's submission). */
export function waitingText(regime: string, w: Start): { ja: string; en: string } {
  if ('event' in w) {
    const e = regimeOf(regime)?.events.find((x) => x.id === w.event);
    return { ja: e?.ja ?? w.event, en: e?.en ?? w.event };
  }
  const r = regulatoryRule(w.submitted);
  return { ja: `${r?.titleJa ?? w.submitted}の提出`, en: `submission of the ${r?.titleEn ?? w.submitted}` };
}

export const stageTitle = (ruleId: string) => {
  const r = regulatoryRule(ruleId);
  return { ja: r?.titleJa ?? ruleId, en: r?.titleEn ?? ruleId };
};

const STAGE_ORDER = ['early_warning', 'notification', 'progress_report', 'final_report', 'filing'];

export function presentCraClock(c: ClockRow, regime: string, now: Date): z.infer<typeof CraDeadline> {
  const rule = regulatoryRule(c.ruleId);
  const status =
    !c.dueAt || !c.warnAt
      ? c.submittedAt
        ? 'met'
        : 'waiting'
      : clockStatus({ warnAt: c.warnAt, dueAt: c.dueAt, metAt: c.submittedAt, waivedAt: null, obsoleteAt: null }, now);
  return {
    id: c.id,
    ruleId: c.ruleId,
    stage: c.stage,
    title: stageTitle(c.ruleId),
    recipient: { ja: rule?.recipientJa ?? '', en: rule?.recipientEn ?? '' },
    source: rule?.source ?? '',
    checkWithLegal: rule?.checkWithLegal ?? true,
    interpretation:
      rule?.interpretationJa && rule.interpretationEn ? { ja: rule.interpretationJa, en: rule.interpretationEn } : null,
    hard: c.hard,
    startAt: c.startAt?.toISOString() ?? null,
    warnAt: c.warnAt?.toISOString() ?? null,
    dueAt: c.dueAt?.toISOString() ?? null,
    waitingFor: c.waitingFor && !c.submittedAt ? waitingText(regime, c.waitingFor) : null,
    status: status as z.infer<typeof CraDeadline>['status'],
    timeLeftMs: c.dueAt && !c.submittedAt ? c.dueAt.getTime() - now.getTime() : null,
    submission:
      c.submittedAt && c.recipient
        ? {
            submittedAt: c.submittedAt.toISOString(),
            recipient: c.recipient,
            reference: c.reference ?? '',
            text: c.text ?? '',
            submittedBy: c.submittedBy,
          }
        : null,
  };
}

/** Stages in reporting order: by stage, then by due time (waiting ones last). */
export const byStage = (a: ClockRow, b: ClockRow) =>
  STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage) ||
  (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) ||
  a.ruleId.localeCompare(b.ruleId);
