import type { DecideAcceptanceBody, MarkFalsePositiveBody, RequestAcceptanceBody, RetestFindingBody } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { scopeOf } from '../../../platform/access/scope';
import { conflict, fieldError, forbidden, invalid, msg } from '../../../platform/errors/app-error';
import { lockRow } from '../../../platform/records/lock';
import { checkVersion, type Precondition } from '../../../platform/records/version';
import { inTransaction, type Audit, type Ctx } from '../../../platform/tx';
import { releases } from '../tables';
import { findingView, loadFinding, todayJst } from './read';
import { testFindings, testPlanRuns } from './tables';

type Finding = typeof testFindings.$inferSelect;
const view = (f: Finding) => ({
  status: f.status,
  acceptanceReason: f.acceptanceReason,
  acceptanceRequestedBy: f.acceptanceRequestedBy,
  acceptanceApprovedBy: f.acceptanceApprovedBy,
  acceptedUntil: f.acceptedUntil,
  lastSeenRunId: f.lastSeenRunId,
});

/**
 * Runs `change` on a finding inside the caller's scope, with its release and its own row locked (the ship gate
 * locks the release too, so a finding never changes between the gate's check and the ship), If-Match checked,
 * and the change audited with before and after.
 */
function changeFinding(
  ctx: Ctx,
  id: string,
  action: string,
  expected: Precondition,
  change: (tx: Db, f: Finding, audit: Audit) => Promise<Partial<Finding>>,
) {
  const scope = scopeOf(ctx.principal, 'products:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const { finding: unlocked, plan } = await loadFinding(tx, scope, id);
    await lockRow(tx, releases, unlocked.releaseId);
    const version = await lockRow(tx, testFindings, id);
    checkVersion(version!, expected);
    const [before] = await tx.select().from(testFindings).where(eq(testFindings.id, id));
    const set = await change(tx, before!, audit);
    const [after] = await tx
      .update(testFindings)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(testFindings.id, id))
      .returning();
    await audit({
      action,
      targetType: 'product_test_finding',
      targetId: id,
      orgPath: plan.orgPath,
      before: view(before!),
      after: view(after!),
    });
    return findingView(tx, id);
  });
}

const refuseStatus = (status: string) =>
  conflict(msg('testing.finding_status', { status }), [fieldError('status', 'testing.finding_status', { status })]);

/**
 * A retest of one finding, recorded as a manual run of the plan: it must use the method that found it (a static
 * analysis pass does not retest a fuzzing crash). "fixed" closes it; "still_present" reopens it.
 */
export function retestFinding(ctx: Ctx, id: string, body: z.output<typeof RetestFindingBody>, expected?: Precondition) {
  return changeFinding(ctx, id, 'test_finding.retest', expected, async (tx, f) => {
    if (body.method !== f.method)
      throw invalid(
        [fieldError('body.method', 'testing.retest_method', { method: f.method })],
        msg('testing.retest_method', { method: f.method }),
      );
    if (!['open', 'fixed_pending_retest', 'closed'].includes(f.status)) throw refuseStatus(f.status);
    const [run] = await tx
      .insert(testPlanRuns)
      .values({
        planId: f.planId,
        source: 'manual',
        method: body.method,
        performedOn: body.performedOn,
        retest: true,
        tool: body.note?.slice(0, 300) ?? null,
        results: body.outcome === 'still_present' ? 1 : 0,
        importedBy: ctx.actor.userId,
      })
      .returning();
    return body.outcome === 'fixed' ? { status: 'closed' } : { status: 'open', lastSeenRunId: run!.id };
  });
}

/** Asks for the risk of an open finding to be accepted until a date: someone else must approve it. */
export function requestAcceptance(ctx: Ctx, id: string, body: z.output<typeof RequestAcceptanceBody>, expected?: Precondition) {
  return changeFinding(ctx, id, 'test_finding.request_acceptance', expected, async (_tx, f) => {
    if (!['open', 'fixed_pending_retest'].includes(f.status)) throw refuseStatus(f.status);
    if (body.acceptedUntil <= todayJst()) throw invalid([fieldError('body.acceptedUntil', 'testing.expiry_past')]);
    return {
      status: 'acceptance_requested',
      acceptanceReason: body.reason,
      acceptedUntil: body.acceptedUntil,
      acceptanceRequestedBy: ctx.actor.userId,
      acceptanceApprovedBy: null,
    };
  });
}

/**
 * Approves or rejects a requested acceptance. The approver is never the requester (separation of duties): 403.
 * Rejecting returns the finding to open.
 */
export function decideAcceptance(ctx: Ctx, id: string, body: z.output<typeof DecideAcceptanceBody>, expected?: Precondition) {
  const action = body.decision === 'approve' ? 'test_finding.approve_acceptance' : 'test_finding.reject_acceptance';
  return changeFinding(ctx, id, action, expected, async (_tx, f) => {
    if (f.status !== 'acceptance_requested') throw refuseStatus(f.status);
    if (f.acceptanceRequestedBy && f.acceptanceRequestedBy === ctx.actor.userId)
      throw forbidden(msg('testing.approver_is_requester'));
    if (body.decision === 'reject')
      return {
        status: 'open',
        acceptanceReason: null,
        acceptedUntil: null,
        acceptanceRequestedBy: null,
        acceptanceApprovedBy: null,
      };
    return { status: 'accepted', acceptanceApprovedBy: ctx.actor.userId };
  });
}

/** Marks a finding a false positive, with the reason (audited); a later run that reports it does not reopen it. */
export function markFalsePositive(ctx: Ctx, id: string, body: z.output<typeof MarkFalsePositiveBody>, expected?: Precondition) {
  return changeFinding(ctx, id, 'test_finding.false_positive', expected, async (_tx, f) => {
    if (!['open', 'fixed_pending_retest'].includes(f.status)) throw refuseStatus(f.status);
    return { status: 'false_positive', acceptanceReason: body.reason };
  });
}
