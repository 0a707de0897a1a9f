import { todayJst, type AssessmentFindingDetail, type DecideExceptionBody, type RequestExceptionBody } from '@mamori/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { conflict, fieldError, forbidden, invalid, msg, notFound, unprocessable } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { canAt } from '../access';
import { addDays } from './apply';
import { canRequestException, getFinding, loadFinding } from './findings';
import { assessmentExceptions, assessmentFindingEvents, assessmentFindings } from './tables';

/** An exception lasts at most this many days: a longer acceptance is decided again, not extended silently. */
export const MAX_EXCEPTION_DAYS = 365;

/** A change to a finding's exceptions is a change of the finding: its version (ETag) moves. */
const touch = (tx: Db, id: string) =>
  tx
    .update(assessmentFindings)
    .set({ rowVersion: sql`${assessmentFindings.rowVersion}` })
    .where(eq(assessmentFindings.id, id));

/**
 * Asks to accept the risk of an open finding until `expiresOn` (the system's keepers or the assessors in scope;
 * others who can read it get 403). The expiry is after today and at most a year away; one request waits at a time.
 */
export async function requestException(
  ctx: Ctx,
  id: string,
  body: RequestExceptionBody,
  expected: Precondition,
): Promise<AssessmentFindingDetail> {
  await inTransaction(ctx, async (tx, audit) => {
    const f = await loadForUpdate(tx, assessmentFindings, id, () => loadFinding(tx, ctx, id), expected);
    if (!canRequestException(ctx, f.unitPath)) throw forbidden(msg('assessments.exception_not_yours'));
    if (f.fixed) throw conflict(msg('assessments.exception_fixed'));
    const today = todayJst();
    const latest = addDays(today, MAX_EXCEPTION_DAYS);
    if (body.expiresOn <= today) throw invalid([fieldError('body.expiresOn', 'assessments.expiry_past')]);
    if (body.expiresOn > latest)
      throw invalid([fieldError('body.expiresOn', 'assessments.expiry_too_far', { days: MAX_EXCEPTION_DAYS, latest })]);
    const [pending] = await tx
      .select({ id: assessmentExceptions.id })
      .from(assessmentExceptions)
      .where(and(eq(assessmentExceptions.findingId, id), eq(assessmentExceptions.status, 'requested')));
    if (pending) throw conflict(msg('assessments.exception_pending'));
    const by = ctx.principal?.userId ?? null;
    const [row] = await tx
      .insert(assessmentExceptions)
      .values({ findingId: id, reason: body.reason, expiresOn: body.expiresOn, requestedBy: by })
      .returning();
    await tx.insert(assessmentFindingEvents).values({ findingId: id, kind: 'exception_requested', by });
    await touch(tx, id);
    await audit({
      action: 'assessment-exception.request',
      targetType: 'assessment-finding',
      targetId: id,
      orgPath: f.unitPath,
      after: { exceptionId: row!.id, reason: body.reason, expiresOn: body.expiresOn },
    });
  });
  return getFinding(ctx, id);
}

/**
 * Approves or refuses the waiting exception (assessment-exceptions:approve covering the system's unit, else 404).
 * Nobody decides their own request (403); an exception whose expiry has passed cannot be approved (422).
 */
export async function decideException(
  ctx: Ctx,
  id: string,
  body: DecideExceptionBody,
  expected: Precondition,
): Promise<AssessmentFindingDetail> {
  await inTransaction(ctx, async (tx, audit) => {
    const f = await loadForUpdate(tx, assessmentFindings, id, () => loadFinding(tx, ctx, id), expected);
    if (!canAt(ctx, 'assessment-exceptions:approve', f.unitPath)) throw notFound();
    const [pending] = await tx
      .select()
      .from(assessmentExceptions)
      .where(and(eq(assessmentExceptions.findingId, id), eq(assessmentExceptions.status, 'requested')));
    if (!pending) throw conflict(msg('assessments.exception_none'));
    const by = ctx.principal?.userId ?? null;
    if (pending.requestedBy && pending.requestedBy === by) throw forbidden(msg('assessments.self_approval'));
    if (body.decision === 'approved' && pending.expiresOn < todayJst())
      throw unprocessable(msg('assessments.expiry_past'), [fieldError('body.decision', 'assessments.expiry_past')]);
    await tx
      .update(assessmentExceptions)
      .set({ status: body.decision, note: body.note, decidedBy: by, decidedAt: new Date() })
      .where(eq(assessmentExceptions.id, pending.id));
    await tx
      .insert(assessmentFindingEvents)
      .values({ findingId: id, kind: body.decision === 'approved' ? 'exception_approved' : 'exception_refused', by });
    await touch(tx, id);
    await audit({
      action: 'assessment-exception.decide',
      targetType: 'assessment-finding',
      targetId: id,
      orgPath: f.unitPath,
      before: { exceptionId: pending.id, status: pending.status },
      after: { exceptionId: pending.id, status: body.decision, note: body.note, expiresOn: pending.expiresOn },
    });
  });
  return getFinding(ctx, id);
}
