import type { ExtendPrivacyRequestBody } from '@mamori/contracts';
import { type AnswerPrivacyRequestBody, type UpdatePrivacyRequestBody } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { covers, scopeOf } from '../../../platform/access/scope';
import { conflict, fieldError, invalid, msg, unprocessable } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { unitById } from '../../org/service';
import { nextOf, requestClocks } from './clocks';
import { extendRequest } from './extension';
import { privacyRequests } from './tables';
import { auditView, entriesOf, isClosed, lawsOf, loadScoped } from './records';
import { getRequest } from './read';

/** Handling a request: triage, identity check, steps, the answer, the GDPR extension. */
/**
 * Triage and handling: the unit, the entries concerned (the laws and clocks follow while open), the identity
 * check (who and when recorded), a step or a closing without answer (declined, withdrawn).
 */
export async function updateRequest(ctx: Ctx, id: string, body: UpdatePrivacyRequestBody, expected?: Precondition) {
  await inTransaction(ctx, async (tx, audit) => {
    const before = await loadForUpdate(tx, privacyRequests, id, () => loadScoped(tx, ctx, id), expected);
    if (isClosed(before.status)) throw conflict(msg('privacy.request_closed'));
    const problems = [];
    const set: Partial<typeof privacyRequests.$inferInsert> = { updatedAt: new Date() };
    if (body.unitId !== undefined) {
      if (body.unitId === null) {
        if (scopeOf(ctx.principal, 'privacy-requests:handle').kind !== 'all')
          problems.push(fieldError('body.unitId', 'validation.required'));
        set.unitId = null;
        set.unitPath = null;
      } else {
        const unit = await unitById(tx, body.unitId);
        if (!unit || !covers(scopeOf(ctx.principal, 'privacy-requests:handle'), unit.path))
          problems.push(fieldError('body.unitId', 'privacy.unit_unknown'));
        else Object.assign(set, { unitId: unit.id, unitPath: unit.path });
      }
    }
    const activityIds = body.activityIds ?? before.activityIds;
    const entries = await entriesOf(tx, activityIds);
    if (body.activityIds) {
      const readable = scopeOf(ctx.principal, 'privacy:read');
      body.activityIds.forEach((aid, i) => {
        if (!entries.some((e) => e.id === aid && covers(readable, e.unitPath)))
          problems.push(fieldError(`body.activityIds.${i}`, 'privacy.activity_unknown'));
      });
      set.activityIds = [...new Set(body.activityIds)];
      set.laws = lawsOf(before.requesterCountry, entries);
      // the clocks follow the laws; a clock already started keeps its start (the receipt)
      set.clocks = requestClocks({ laws: set.laws, type: before.type }, before.receivedAt, !!before.extendedAt);
      Object.assign(set, nextOf(set.clocks));
    }
    if (problems.length) throw invalid(problems);
    if (body.identity) {
      Object.assign(set, {
        identityMethod: body.identity.method,
        identityNote: body.identity.note ?? '',
        identityCheckedAt: new Date(),
        identityCheckedBy: ctx.principal!.userId,
      });
      if (before.status === 'received' && !body.status) set.status = 'in_progress';
    }
    if (body.status) {
      set.status = body.status;
      if (body.status === 'declined' || body.status === 'withdrawn') Object.assign(set, { nextWarnAt: null, nextDueAt: null });
    }
    const [after] = await tx.update(privacyRequests).set(set).where(eq(privacyRequests.id, id)).returning();
    await audit({
      action: 'privacy.request.update',
      targetType: 'privacy_request',
      targetId: id,
      orgPath: after!.unitPath,
      before: auditView(before),
      after: { ...auditView(after!), note: body.note ?? null, identityNote: body.identity?.note ?? null },
    });
  });
  return getRequest(ctx, id, false);
}

/**
 * Records the answer and its date. The identity check must be on record; after a clock has run out, the answer
 * needs the reason it is late (refused otherwise: 422, nothing changed).
 */
export async function answerRequest(
  ctx: Ctx,
  id: string,
  body: z.output<typeof AnswerPrivacyRequestBody>,
  expected?: Precondition,
) {
  await inTransaction(ctx, async (tx, audit) => {
    const before = await loadForUpdate(tx, privacyRequests, id, () => loadScoped(tx, ctx, id), expected);
    if (isClosed(before.status)) throw conflict(msg('privacy.request_closed'));
    if (!before.identityCheckedAt)
      throw unprocessable(msg('privacy.identity_required'), [fieldError('body', 'privacy.identity_required')]);
    const now = new Date();
    const late = before.clocks.filter((c) => Date.parse(c.dueAt) < now.getTime());
    if (late.length && !body.lateReason.trim()) {
      const due = new Date(Math.min(...late.map((c) => Date.parse(c.dueAt)))).toISOString();
      throw unprocessable(msg('privacy.late_reason_required', { due: { at: due } }), [
        fieldError('body.lateReason', 'privacy.late_reason_required', { due: { at: due } }),
      ]);
    }
    const [after] = await tx
      .update(privacyRequests)
      .set({
        status: 'answered',
        outcome: body.outcome,
        answer: body.answer,
        language: body.language ?? before.language,
        lateReason: body.lateReason,
        answeredAt: now,
        answeredBy: ctx.principal!.userId,
        nextWarnAt: null,
        nextDueAt: null,
        updatedAt: now,
      })
      .where(eq(privacyRequests.id, id))
      .returning();
    await audit({
      action: 'privacy.request.answer',
      targetType: 'privacy_request',
      targetId: id,
      orgPath: after!.unitPath,
      before: auditView(before),
      after: auditView(after!),
    });
  });
  return getRequest(ctx, id, false);
}

/** GDPR art. 12(3): the extension by two months (requests/extension.ts), on a request in the caller's scope. */
export async function extendRequestInScope(
  ctx: Ctx,
  id: string,
  body: z.output<typeof ExtendPrivacyRequestBody>,
  expected?: Precondition,
) {
  await extendRequest(ctx, id, body, (db) => loadScoped(db, ctx, id), expected);
  return getRequest(ctx, id, false);
}
