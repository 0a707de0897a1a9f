import type { CRA_NO_CLOCK_REASONS, CraDeadline } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { clockStatus } from '../../../platform/deadlines/engine';
import { planRegime, regimeOf, regulatoryRule } from '../../../platform/deadlines/regulatory';
import type { Start } from '../../../platform/deadlines/stages';
import { craProductsByIds, type CraProductRef } from '../../products/service';
import { vulnerabilityProducts } from '../tables';
import { vulnerabilityCra, vulnerabilityCraClocks } from './tables';

type CraRow = typeof vulnerabilityCra.$inferSelect;
type ClockRow = typeof vulnerabilityCraClocks.$inferSelect;
type NoClockReason = (typeof CRA_NO_CLOCK_REASONS)[number];

export interface CaseCraProduct extends CraProductRef {
  status: string;
  affectedVersions: string | null;
  fixedVersion: string | null;
  remediation: string | null;
  noClockReason: NoClockReason | null;
}

/**
 * Why a product of the case has no CRA clock, or null when it has them: it must be affected (a product under
 * investigation or not affected has nothing to report), a product with digital elements in the CRA's scope, and
 * placed on the EU market (its date not after today).
 */
export function noClockReason(p: { status: string; craInScope: boolean; euMarketSince: string | null }, now: Date) {
  if (p.status !== 'affected') return 'not_affected' as const;
  if (!p.craInScope) return 'not_in_cra_scope' as const;
  if (!p.euMarketSince || p.euMarketSince > now.toISOString().slice(0, 10)) return 'not_on_eu_market' as const;
  return null;
}

/** The case's products with their CRA attributes and whether each has clocks, by product code. */
export async function caseCraProducts(db: Db, vulnerabilityId: string, now = new Date()): Promise<CaseCraProduct[]> {
  const links = await db.select().from(vulnerabilityProducts).where(eq(vulnerabilityProducts.vulnerabilityId, vulnerabilityId));
  const refs = new Map(
    (
      await craProductsByIds(
        db,
        links.map((l) => l.productId),
      )
    ).map((p) => [p.id, p]),
  );
  return links
    .filter((l) => refs.has(l.productId))
    .map((l) => {
      const p = refs.get(l.productId)!;
      return {
        ...p,
        status: l.status,
        affectedVersions: l.affectedVersions,
        fixedVersion: l.fixedVersion,
        remediation: l.remediation,
        noClockReason: noClockReason({ ...p, status: l.status }, now),
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * Brings a case's stages in line with the catalogue, the case's events (awareness, the fix, submissions) and its
 * products: each affected product in the CRA's scope and on the EU market has its own set of stages; a new stage
 * is added, a running or waiting one moves, and a submitted one is never touched. Chained stages start here when
 * the stage they follow is submitted (for that product). A product that no longer qualifies loses its stages not
 * submitted. Case-wide rows (no product, from before the clocks were per product) are left as they are.
 * Returns the stages as they are now.
 */
export async function syncCraClocks(tx: Db, cra: CraRow, now = new Date()): Promise<ClockRow[]> {
  const existing = await tx
    .select()
    .from(vulnerabilityCraClocks)
    .where(eq(vulnerabilityCraClocks.vulnerabilityId, cra.vulnerabilityId));
  const key = (productId: string | null, ruleId: string) => `${productId}|${ruleId}`;
  const byKey = new Map(existing.map((c) => [key(c.productId, c.ruleId), c]));
  const wanted = new Set<string>();
  const eligible = (await caseCraProducts(tx, cra.vulnerabilityId, now)).filter((p) => !p.noClockReason);
  for (const product of eligible) {
    const mine = existing.filter((c) => c.productId === product.id);
    const planned = planRegime(cra.regime, {
      events: { awareAt: cra.awareAt, fixAvailableAt: cra.fixAvailableAt },
      submitted: Object.fromEntries(mine.map((c) => [c.ruleId, c.submittedAt])),
    });
    for (const p of planned) {
      const k = key(product.id, p.ruleId);
      wanted.add(k);
      const row = byKey.get(k);
      const values = {
        stage: p.rule.stage,
        hard: p.rule.hard,
        startAt: p.startAt,
        warnAt: p.warnAt,
        dueAt: p.dueAt,
        waitingFor: p.waitingFor,
      };
      if (!row)
        await tx
          .insert(vulnerabilityCraClocks)
          .values({ vulnerabilityId: cra.vulnerabilityId, productId: product.id, ruleId: p.ruleId, ...values });
      else if (!row.submittedAt) await tx.update(vulnerabilityCraClocks).set(values).where(eq(vulnerabilityCraClocks.id, row.id));
    }
  }
  // A stage the case no longer has (a product that no longer qualifies, a rule gone) goes, unless it was submitted.
  for (const row of existing)
    if (row.productId && !wanted.has(key(row.productId, row.ruleId)) && !row.submittedAt)
      await tx.delete(vulnerabilityCraClocks).where(eq(vulnerabilityCraClocks.id, row.id));
  return tx.select().from(vulnerabilityCraClocks).where(eq(vulnerabilityCraClocks.vulnerabilityId, cra.vulnerabilityId));
}

/**
 * After the case's products changed: a case marked under the CRA gets clocks for a product newly affected on the
 * EU market and loses the running ones of a product no longer affected (submitted stages stay). Null: not marked.
 */
export async function resyncCraClocks(tx: Db, vulnerabilityId: string) {
  const [cra] = await tx.select().from(vulnerabilityCra).where(eq(vulnerabilityCra.vulnerabilityId, vulnerabilityId));
  return cra ? syncCraClocks(tx, cra) : null;
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
    productId: c.productId,
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
            draftId: c.draftId,
            draftSha256: c.draftSha256,
          }
        : null,
  };
}

/** Stages in reporting order: by product (case-wide ones first), by stage, then by due time (waiting ones last). */
export const byStage = (code: (productId: string | null) => string) => (a: ClockRow, b: ClockRow) =>
  code(a.productId).localeCompare(code(b.productId)) ||
  STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage) ||
  (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) ||
  a.ruleId.localeCompare(b.ruleId);
