import type { CloseTakeOutBody, DecideTakeOutBody, TakeOut } from '@mamori/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { users } from '../../../platform/auth/tables';
import { conflict, fieldError, forbidden, invalid, msg, notFound } from '../../../platform/errors/app-error';
import { lockRow } from '../../../platform/records/lock';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { assetsByIds } from '../service';
import { activateStep } from './approvers';
import { tellApprovers, tellRequester, type Subject } from './mails';
import { canSee, loadTakeOut, type TakeOutRow } from './read';
import { APPROVER_NAMES } from './rules';
import { takeOutApprovers, takeOutItems, takeOuts, takeOutSteps } from './tables';

/** Locks the request's row and loads it as the reader may see it (404 otherwise). */
async function lockVisible(tx: Db, ctx: Ctx, id: string) {
  await lockRow(tx, takeOuts, id);
  const [row] = await tx.select().from(takeOuts).where(eq(takeOuts.id, id));
  if (!row) throw notFound();
  const seen = await canSee(tx, ctx, row);
  if (!seen.visible) throw notFound();
  return { row, approver: seen.approver };
}

async function subjectOf(tx: Db, row: TakeOutRow): Promise<Subject> {
  const items = await tx
    .select()
    .from(takeOutItems)
    .where(eq(takeOutItems.takeOutId, row.id))
    .orderBy(asc(takeOutItems.position));
  const [first] = await assetsByIds(tx, [items[0]!.assetId]);
  const [requester] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, row.requesterId));
  return { id: row.id, asset: first?.name ?? '', count: items.length, requester: requester?.name ?? '', periodTo: row.periodTo };
}

const reread = async (ctx: Ctx, id: string): Promise<TakeOut> => (await loadTakeOut(ctx, id))!;

/**
 * An approver decides the current step. The row lock makes concurrent decisions queue: the first one moves the
 * request on, and the second, which names a step that is no longer current, is a 409. Someone who is not an
 * approver of the current step gets a 403 naming who decides it.
 */
export async function decideTakeOut(ctx: Ctx, publicUrl: string, id: string, body: z.output<typeof DecideTakeOutBody>) {
  if (body.decision === 'reject' && !body.comment) throw invalid([fieldError('body.comment', 'take_out.reject_comment')]);
  const me = ctx.principal!;
  await inTransaction(ctx, async (tx, audit) => {
    const { row } = await lockVisible(tx, ctx, id);
    if (row.status !== 'pending' || row.currentStep === null) throw conflict(msg('take_out.not_pending'));
    if (body.step !== row.currentStep) throw conflict(msg('take_out.already_decided'));
    const [step] = await tx
      .select()
      .from(takeOutSteps)
      .where(and(eq(takeOutSteps.takeOutId, id), eq(takeOutSteps.position, row.currentStep)));
    const [named] = await tx
      .select({ userId: takeOutApprovers.userId })
      .from(takeOutApprovers)
      .where(
        and(
          eq(takeOutApprovers.takeOutId, id),
          eq(takeOutApprovers.position, row.currentStep),
          eq(takeOutApprovers.userId, me.userId),
        ),
      );
    if (!named) throw forbidden(msg('take_out.not_approver', { approver: APPROVER_NAMES[step!.approver] }));

    const now = new Date();
    const decision = body.decision === 'approve' ? 'approved' : 'rejected';
    await tx
      .update(takeOutSteps)
      .set({ decision, decidedBy: me.userId, decidedAt: now, comment: body.comment })
      .where(and(eq(takeOutSteps.takeOutId, id), eq(takeOutSteps.position, row.currentStep)));
    const [next] = await tx
      .select()
      .from(takeOutSteps)
      .where(and(eq(takeOutSteps.takeOutId, id), eq(takeOutSteps.position, row.currentStep + 1)));
    const subject = await subjectOf(tx, row);
    const [requester] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, row.requesterId));
    let status: TakeOutRow['status'] = 'pending';
    if (decision === 'rejected') {
      status = 'rejected';
      await tellRequester(tx, publicUrl, subject, [requester!], { rejectedBy: me.name });
    } else if (next) {
      const approvers = await activateStep(tx, id, next.position, next.approver, row.unitPath, row.requesterId);
      await tellApprovers(tx, publicUrl, subject, approvers);
    } else {
      status = 'approved';
      await tellRequester(tx, publicUrl, subject, [requester!], 'approved');
    }
    await tx
      .update(takeOuts)
      .set({ status, currentStep: status === 'pending' ? next!.position : null, updatedAt: now })
      .where(eq(takeOuts.id, id));
    await audit({
      action: `take_out.${body.decision}`,
      targetType: 'take_out',
      targetId: id,
      orgPath: row.unitPath,
      before: { status: row.status, step: row.currentStep },
      after: { status, step: step!.approver, comment: body.comment },
    });
  });
  return reread(ctx, id);
}

/** The requester, or an approver of the request, confirms that what was taken out came back or was disposed of. */
export async function closeTakeOut(ctx: Ctx, id: string, body: z.output<typeof CloseTakeOutBody>) {
  const me = ctx.principal!.userId;
  await inTransaction(ctx, async (tx, audit) => {
    const { row, approver } = await lockVisible(tx, ctx, id);
    if (row.requesterId !== me && !approver) throw forbidden(msg('take_out.close_forbidden'));
    if (row.status !== 'approved') throw conflict(msg('take_out.not_closable'));
    const now = new Date();
    await tx
      .update(takeOuts)
      .set({ status: body.outcome, closedBy: me, closedAt: now, closeComment: body.comment, updatedAt: now })
      .where(eq(takeOuts.id, id));
    await audit({
      action: `take_out.${body.outcome === 'returned' ? 'return' : 'dispose'}`,
      targetType: 'take_out',
      targetId: id,
      orgPath: row.unitPath,
      before: { status: row.status },
      after: { status: body.outcome, comment: body.comment },
    });
  });
  return reread(ctx, id);
}

/** The requester withdraws a request still waiting for a decision. */
export async function cancelTakeOut(ctx: Ctx, id: string) {
  const me = ctx.principal!.userId;
  await inTransaction(ctx, async (tx, audit) => {
    const { row } = await lockVisible(tx, ctx, id);
    if (row.requesterId !== me) throw forbidden(msg('take_out.cancel_forbidden'));
    if (row.status !== 'pending') throw conflict(msg('take_out.not_pending'));
    const now = new Date();
    await tx
      .update(takeOuts)
      .set({ status: 'cancelled', currentStep: null, closedBy: me, closedAt: now, updatedAt: now })
      .where(eq(takeOuts.id, id));
    await audit({
      action: 'take_out.cancel',
      targetType: 'take_out',
      targetId: id,
      orgPath: row.unitPath,
      before: { status: row.status },
      after: { status: 'cancelled' },
    });
  });
  return reread(ctx, id);
}
