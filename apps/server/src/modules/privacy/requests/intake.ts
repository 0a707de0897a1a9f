import type { CreatePrivacyRequestBody, PublicPrivacyRequestBody } from '@mamori/contracts';
import { type PrivacyRequest } from '@mamori/contracts';
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { covers, scopeOf } from '../../../platform/access/scope';
import { fieldError, invalid } from '../../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { unitById } from '../../org/service';
import { nextOf, requestClocks } from './clocks';
import { privacyRequests } from './tables';
import { auditView, entriesOf, lawsOf, type Row } from './records';
import { getRequest } from './read';

/** Requests coming in: at a service's window (staff) or through the public form (no account). */
/** A reference people can quote (PR- and 10 letters/digits without look-alikes); random, so it tells nothing. */
const newReference = () => {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `PR-${[...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('')}`;
};

async function insertRequest(
  ctx: Ctx,
  input: Omit<z.output<typeof CreatePrivacyRequestBody>, 'receivedAt'> & {
    channel: Row['channel'];
    receivedAt: Date;
    unitPath: string | null;
  },
) {
  const entries = await entriesOf(ctx.db, input.activityIds);
  const laws = lawsOf(input.requesterCountry, entries);
  const clocks = requestClocks({ laws, type: input.type }, input.receivedAt);
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(privacyRequests)
      .values({ ...input, reference: newReference(), laws, clocks, ...nextOf(clocks) })
      .returning();
    await audit({
      action: input.channel === 'public_form' ? 'privacy.request.submit' : 'privacy.request.create',
      targetType: 'privacy_request',
      targetId: row!.id,
      orgPath: row!.unitPath,
      after: auditView(row!),
    });
    return row!;
  });
}

/** A request received at a service's window, entered by the staff who handle requests in that unit. */
export async function createRequest(ctx: Ctx, body: z.output<typeof CreatePrivacyRequestBody>): Promise<PrivacyRequest> {
  const scope = scopeOf(ctx.principal, 'privacy-requests:handle');
  const problems = [];
  let unitPath: string | null = null;
  if (body.unitId) {
    const unit = await unitById(ctx.db, body.unitId);
    if (!unit || !covers(scope, unit.path)) problems.push(fieldError('body.unitId', 'privacy.unit_unknown'));
    else unitPath = unit.path;
  } else if (scope.kind !== 'all') problems.push(fieldError('body.unitId', 'validation.required'));
  const entries = await entriesOf(ctx.db, body.activityIds);
  const readable = scopeOf(ctx.principal, 'privacy:read');
  body.activityIds.forEach((id, i) => {
    if (!entries.some((e) => e.id === id && covers(readable, e.unitPath)))
      problems.push(fieldError(`body.activityIds.${i}`, 'privacy.activity_unknown'));
  });
  if (problems.length) throw invalid(problems);
  const receivedAt = body.receivedAt ? new Date(body.receivedAt) : new Date();
  if (receivedAt.getTime() > Date.now() + 5 * 60_000) throw invalid([fieldError('body.receivedAt', 'validation.invalid')]);
  const row = await insertRequest(ctx, { ...body, channel: 'window', receivedAt, unitPath });
  return getRequest(ctx, row.id, false);
}

/**
 * The public form (no account). Every well-formed submission is stored for the privacy office and answered the
 * same way — a receipt with a random reference — whoever the requester is and whatever they ask: nothing is
 * looked up, so the answer cannot tell whether the person is known.
 */
export async function submitPublicRequest(ctx: Ctx, body: z.output<typeof PublicPrivacyRequestBody>) {
  const row = await insertRequest(ctx, {
    ...body,
    unitId: null,
    unitPath: null,
    activityIds: [],
    channel: 'public_form',
    receivedAt: new Date(),
  });
  return { received: true as const, reference: row.reference };
}
