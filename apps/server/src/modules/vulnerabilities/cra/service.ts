import type { CraFixBody, CraReporting, CraSubmissionBody, MarkCraBody } from '@mamori/contracts';
import { eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { scopeOf } from '../../../platform/access/scope';
import { recordRead } from '../../../platform/audit/record';
import { conflict, fieldError, invalid, msg } from '../../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { loadCase } from '../cases/visibility';
import { byStage, caseCraProducts, presentCraClock, stageTitle, syncCraClocks, waitingText } from './clocks';
import { lockCase, requireMarked } from './lock';
import { draftForSubmission, markDraftSubmitted } from './saved-drafts';
import { userNoticeOf } from './user-notice';
import { vulnerabilityCra, vulnerabilityCraClocks } from './tables';

/**
 * CRA art. 14 reporting of a vulnerability case: mark it actively exploited (or a severe incident), record when a
 * fix became available, record each submission to ENISA's single reporting platform or the coordinating CSIRT.
 * Reading needs vulnerabilities:read on the case, every change vulnerabilities:report; outside the scope: 404.
 */

type View = z.infer<typeof CraReporting>;

/** Up to five minutes ahead is accepted (clocks of browsers drift); later is a mistake. */
const FUTURE_SLACK_MS = 5 * 60_000;

async function view(db: Db, id: string, now = new Date()): Promise<View> {
  const [cra] = await db.select().from(vulnerabilityCra).where(eq(vulnerabilityCra.vulnerabilityId, id));
  const prods = await caseCraProducts(db, id, now);
  const products = prods.map((p) => ({
    productId: p.id,
    code: p.code,
    nameJa: p.nameJa,
    nameEn: p.nameEn,
    status: p.status,
    craInScope: p.craInScope,
    euMarketSince: p.euMarketSince,
    craCategory: p.craCategory,
    supportPeriodEnd: p.supportPeriodEnd,
    mainEstablishment: p.mainEstablishment,
    euMarkets: p.euMarkets,
    noClockReason: p.noClockReason,
  }));
  const userNotice = await userNoticeOf(db, id);
  if (!cra) return { reporting: null, products, deadlines: [], userNotice };
  const clocks = await db.select().from(vulnerabilityCraClocks).where(eq(vulnerabilityCraClocks.vulnerabilityId, id));
  const codes = new Map(prods.map((p) => [p.id, p.code]));
  const code = (productId: string | null) => (productId ? (codes.get(productId) ?? productId) : '');
  return {
    reporting: {
      regime: cra.regime,
      awareAt: cra.awareAt.toISOString(),
      evidence: cra.evidence,
      fixAvailableAt: cra.fixAvailableAt?.toISOString() ?? null,
      fixNote: cra.fixNote,
      markedAt: cra.markedAt.toISOString(),
      markedBy: cra.markedBy,
    },
    products,
    deadlines: clocks.sort(byStage(code)).map((c) => presentCraClock(c, cra.regime, now)),
    userNotice,
  };
}

/** The case's CRA reporting and its stages (`GET /vulnerabilities/{id}/deadlines`); the read is logged. */
export async function craReporting(ctx: Ctx, id: string): Promise<View> {
  await loadCase(ctx.db, scopeOf(ctx.principal, 'vulnerabilities:read'), id);
  await recordRead(ctx.db, ctx.actor, { action: 'vulnerability.cra.read', targetType: 'vulnerability', targetId: id });
  return view(ctx.db, id);
}

const notFuture = (at: Date, path: string) => {
  if (at.getTime() > Date.now() + FUTURE_SLACK_MS) throw invalid([fieldError(path, 'cra.in_future')]);
};

/** Marks a case actively exploited (or a severe incident): the stages' clocks start from `awareAt`. */
export function markCra(ctx: Ctx, id: string, body: z.infer<typeof MarkCraBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    if (await lockCase(tx, ctx, id)) throw conflict(msg('cra.already_marked'));
    const awareAt = new Date(body.awareAt);
    notFuture(awareAt, 'body.awareAt');
    const [cra] = await tx
      .insert(vulnerabilityCra)
      .values({ vulnerabilityId: id, regime: body.regime, awareAt, evidence: body.evidence, markedBy: ctx.principal!.userId })
      .returning();
    const clocks = await syncCraClocks(tx, cra!);
    await audit({
      action: 'vulnerability.cra.mark',
      targetType: 'vulnerability',
      targetId: id,
      after: { ...body, clocks: clocks.map((c) => ({ productId: c.productId, ruleId: c.ruleId, dueAt: c.dueAt })) },
    });
    return view(tx, id);
  });
}

/** Records when a corrective or mitigating measure became available: the final report's 14 days start. */
export function recordCraFix(ctx: Ctx, id: string, body: z.infer<typeof CraFixBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const cra = requireMarked(await lockCase(tx, ctx, id));
    if (cra.regime !== 'cra-exploited-vulnerability') throw conflict(msg('cra.fix_not_applicable'));
    const finals = await tx.select().from(vulnerabilityCraClocks).where(eq(vulnerabilityCraClocks.vulnerabilityId, id));
    if (finals.some((c) => c.stage === 'final_report' && c.submittedAt)) throw conflict(msg('cra.final_submitted'));
    const availableAt = new Date(body.availableAt);
    notFuture(availableAt, 'body.availableAt');
    const [after] = await tx
      .update(vulnerabilityCra)
      .set({ fixAvailableAt: availableAt, fixNote: body.note ?? null })
      .where(eq(vulnerabilityCra.vulnerabilityId, id))
      .returning();
    const clocks = await syncCraClocks(tx, after!);
    await audit({
      action: 'vulnerability.cra.fix',
      targetType: 'vulnerability',
      targetId: id,
      before: { fixAvailableAt: cra.fixAvailableAt, fixNote: cra.fixNote },
      after: {
        ...body,
        clocks: clocks
          .filter((c) => c.stage === 'final_report')
          .map((c) => ({ productId: c.productId, ruleId: c.ruleId, dueAt: c.dueAt })),
      },
    });
    return view(tx, id);
  });
}

/**
 * Records a stage's submission (when, to whom, the platform's reference, the text sent); it meets the stage's clock
 * for the product named, or — without a product — for every product whose clock of that stage runs (one report
 * to ENISA's platform may name several products).
 */
export function submitCraStage(ctx: Ctx, id: string, body: z.infer<typeof CraSubmissionBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const cra = requireMarked(await lockCase(tx, ctx, id));
    if (!body.text && !body.draftId) throw invalid([fieldError('body.text', 'cra.text_or_draft')]);
    const ofRule = (await tx.select().from(vulnerabilityCraClocks).where(eq(vulnerabilityCraClocks.vulnerabilityId, id))).filter(
      (c) => c.ruleId === body.ruleId,
    );
    if (!ofRule.length) throw invalid([fieldError('body.ruleId', 'cra.stage_unknown')]);
    // A reviewed draft: of this stage (and product), reviewed, unchanged since (409 otherwise); it names the product.
    const draft = body.draftId ? await draftForSubmission(tx, id, body.draftId, body.ruleId, body.productId) : null;
    const productId = draft ? draft.productId : body.productId;
    const clocks = productId ? ofRule.filter((c) => c.productId === productId) : ofRule;
    if (!clocks.length) throw invalid([fieldError('body.productId', 'cra.product_not_in_case')]);
    const stage = stageTitle(body.ruleId);
    const open = clocks.filter((c) => !c.submittedAt);
    if (!open.length) throw conflict(msg('cra.stage_submitted', { stage }));
    const running = open.filter((c) => c.startAt);
    if (!running.length) {
      const w = open[0]!.waitingFor;
      throw conflict(msg('cra.stage_waiting', { stage, waitingFor: w ? waitingText(cra.regime, w) : '' }));
    }
    const submittedAt = new Date(body.submittedAt);
    notFuture(submittedAt, 'body.submittedAt');
    if (running.some((c) => submittedAt < c.startAt!)) throw invalid([fieldError('body.submittedAt', 'cra.before_start')]);
    await tx
      .update(vulnerabilityCraClocks)
      .set({
        submittedAt,
        recipient: body.recipient,
        reference: body.reference,
        text: body.text ?? draft!.row.document,
        submittedBy: ctx.principal!.userId,
        draftId: draft?.row.id ?? null,
        draftSha256: draft?.row.sha256 ?? null,
      })
      .where(
        inArray(
          vulnerabilityCraClocks.id,
          running.map((c) => c.id),
        ),
      );
    if (draft) await markDraftSubmitted(tx, draft.row.id, submittedAt);
    // A stage that follows this submission (the final report a month after the notification) starts now.
    const after = await syncCraClocks(tx, cra);
    await audit({
      action: 'vulnerability.cra.submit',
      targetType: 'vulnerability',
      targetId: id,
      after: {
        ...body,
        productId,
        draftSha256: draft?.row.sha256 ?? null,
        clocks: running.map((c) => ({
          productId: c.productId,
          dueAt: c.dueAt,
          late: c.dueAt ? submittedAt > c.dueAt : false,
        })),
        started: after
          .filter((c) => c.startAt && !c.submittedAt)
          .map((c) => ({ productId: c.productId, ruleId: c.ruleId, dueAt: c.dueAt })),
      },
    });
    return view(tx, id);
  });
}
