import { z } from 'zod';
import type { CreateAccountRequestBody } from '@mamori/contracts';
import { and, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { holdersOf } from '../../platform/access/holders';
import { covers, scopeOf, scopeSql, type Scope } from '../../platform/access/scope';
import { hashPassword, passwordProblems } from '../../platform/auth/password';
import { signInRulesOfAccount } from '../../platform/auth/sign-in-rules';
import { newSecret, sha256 } from '../../platform/auth/secrets';
import { activationTokens, roleAssignments, users } from '../../platform/auth/tables';
import { AppError, conflict, invalid, msg, notFound, fieldError } from '../../platform/errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../../platform/http/cursor';
import { queueMail } from '../../platform/mail/outbox';
import { notify } from '../../platform/notifications/notify';
import { loadForUpdate } from '../../platform/records/lock';
import { inTransaction, type Ctx } from '../../platform/tx';
import { orgUnits, people } from '../org/tables';
import { mails } from './mails';
import { presentRequest } from './present';
import { accountRequests } from './tables';

/** A decided request's state, named in the reader's language (contracts/messages.ts params). */
const DECISIONS: Record<string, { ja: string; en: string }> = {
  pending: { ja: '承認待ち', en: 'pending' },
  approved: { ja: '承認済み', en: 'approved' },
  rejected: { ja: '却下済み', en: 'rejected' },
};
const decisionName = (status: string) => DECISIONS[status] ?? status;

const requester = alias(users, 'requester');
const decider = alias(users, 'decider');

const selectRequests = (db: Db) =>
  db
    .select({
      request: accountRequests,
      personName: people.nameEn,
      orgPath: orgUnits.path,
      requestedByEmail: requester.email,
      decidedByEmail: decider.email,
    })
    .from(accountRequests)
    .innerJoin(people, eq(people.id, accountRequests.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .innerJoin(requester, eq(requester.id, accountRequests.requestedBy))
    .leftJoin(decider, eq(decider.id, accountRequests.decidedBy));

type Joined = Awaited<ReturnType<ReturnType<typeof selectRequests>['where']>>[number];
const present = (r: Joined) =>
  presentRequest({
    ...r.request,
    personName: r.personName,
    requestedByEmail: r.requestedByEmail,
    decidedByEmail: r.decidedByEmail,
  });

/** Requests the principal may see: those they made, and those of people in their accounts:read scope. */
export async function listRequests(
  ctx: Ctx,
  q: { status?: 'pending' | 'approved' | 'rejected' | undefined; limit: number; cursor?: string | undefined },
) {
  const where: (SQL | undefined)[] = [
    sql`(${scopeSql(scopeOf(ctx.principal, 'accounts:read'), orgUnits.path)} OR ${accountRequests.requestedBy} = ${ctx.principal!.userId})`,
  ];
  if (q.status) where.push(eq(accountRequests.status, q.status));
  if (q.cursor) {
    const [at, cid] = decodeCursor(q.cursor, z.tuple([CursorPart.instant, CursorPart.uuid]));
    where.push(
      or(
        lt(accountRequests.createdAt, new Date(at)),
        and(eq(accountRequests.createdAt, new Date(at)), lt(accountRequests.id, cid)),
      ),
    );
  }
  const rows = await selectRequests(ctx.db)
    .where(and(...where))
    .orderBy(desc(accountRequests.createdAt), desc(accountRequests.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, present, (r) => [r.request.createdAt.toISOString(), r.request.id]);
}

export function createRequest(ctx: Ctx, config: Config, body: z.infer<typeof CreateAccountRequestBody>) {
  const scope = scopeOf(ctx.principal, 'accounts:request');
  const email = body.email.toLowerCase();
  return inTransaction(ctx, async (tx, audit) => {
    const [person] = await tx
      .select({ id: people.id, nameEn: people.nameEn, nameJa: people.nameJa, status: people.status, path: orgUnits.path })
      .from(people)
      .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
      .where(eq(people.id, body.personId));
    if (!person || !covers(scope, person.path))
      throw invalid(
        [{ path: 'body.personId', message: 'unknown or outside your scope' }],
        'The person does not exist or is outside your scope.',
      );
    if (person.status !== 'active') throw invalid([{ path: 'body.personId', message: 'has left the organisation' }]);
    const [hasAccount] = await tx.select({ id: users.id }).from(users).where(eq(users.personId, person.id));
    if (hasAccount) throw conflict(msg('account.person_has_account'), [fieldError('body.personId', 'account.has_account')]);
    const [emailUsed] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (emailUsed) throw conflict(msg('account.email_taken'), [fieldError('body.email', 'account.email_in_use')]);
    const [pending] = await tx
      .select({ id: accountRequests.id })
      .from(accountRequests)
      .where(and(eq(accountRequests.personId, person.id), eq(accountRequests.status, 'pending')));
    if (pending) throw conflict(msg('account.request_pending'));
    const [row] = await tx
      .insert(accountRequests)
      .values({ personId: person.id, email, reason: body.reason, requestedBy: ctx.principal!.userId })
      .returning();
    await audit({
      action: 'account_request.create',
      targetType: 'account_request',
      targetId: row!.id,
      orgPath: person.path,
      after: row,
    });
    const url = `${config.publicUrl}/accounts?tab=requests`;
    const approvers = await holdersOf(tx, 'accounts:approve', person.path);
    for (const approver of approvers) {
      if (approver.id !== ctx.principal!.userId)
        await queueMail(tx, {
          to: approver.email,
          ...mails.requestToApprove({ ja: person.nameJa || person.nameEn, en: person.nameEn }, email, body.reason, url),
        });
    }
    await notify(tx, {
      to: approvers,
      kind: 'account-request.pending',
      params: { person: { ja: person.nameJa || person.nameEn, en: person.nameEn }, email },
      link: '/accounts?tab=requests',
      except: ctx.principal!.userId,
    });
    const [joined] = await selectRequests(tx).where(eq(accountRequests.id, row!.id));
    return present(joined!);
  });
}

/** The request, locked and still pending: a second approval or a rejection racing it gets 409, not a second account. */
async function loadPending(tx: Db, scope: Scope, id: string) {
  const [row] = await loadForUpdate(tx, accountRequests, id, () => selectRequests(tx).where(eq(accountRequests.id, id)));
  if (!row || !covers(scope, row.orgPath)) throw notFound('The request');
  if (row.request.status !== 'pending')
    throw conflict(msg('account.request_decided', { status: decisionName(row.request.status) }));
  return row;
}

const ACTIVATION_DAYS = 7;

/**
 * Approves a request: creates the account (employee of the person's unit) and an activation link sent to
 * the person. The approver must be someone other than the requester (four eyes).
 */
export function approveRequest(ctx: Ctx, config: Config, id: string, comment: string | undefined) {
  const scope = scopeOf(ctx.principal, 'accounts:approve');
  return inTransaction(ctx, async (tx, audit) => {
    const req = await loadPending(tx, scope, id);
    if (req.request.requestedBy === ctx.principal!.userId) throw new AppError('forbidden', msg('account.approve_own_request'));
    const [person] = await tx.select().from(people).where(eq(people.id, req.request.personId));
    const [user] = await tx
      .insert(users)
      .values({ email: req.request.email, name: person!.nameEn, personId: person!.id, lastActiveAt: new Date() })
      .returning();
    await tx
      .insert(roleAssignments)
      .values({ userId: user!.id, role: 'employee', orgUnitId: person!.orgUnitId, createdBy: ctx.principal!.userId });
    const token = newSecret();
    await tx
      .insert(activationTokens)
      .values({ tokenHash: sha256(token), userId: user!.id, expiresAt: new Date(Date.now() + ACTIVATION_DAYS * 86_400_000) });
    await tx
      .update(accountRequests)
      .set({ status: 'approved', decidedBy: ctx.principal!.userId, decidedAt: new Date(), comment: comment ?? null })
      .where(eq(accountRequests.id, id));
    await audit({
      action: 'account_request.approve',
      targetType: 'account_request',
      targetId: id,
      orgPath: req.orgPath,
      after: { comment },
    });
    await audit({
      action: 'user.create',
      targetType: 'user',
      targetId: user!.id,
      orgPath: req.orgPath,
      after: { email: user!.email, personId: person!.id },
    });
    const activationUrl = `${config.publicUrl}/activate?token=${token}`;
    await queueMail(tx, {
      to: user!.email,
      ...mails.activation({ ja: person!.nameJa || person!.nameEn, en: person!.nameEn }, activationUrl),
      secret: true, // the link sets the password: sealed at rest
    });
    return { accountId: user!.id, activationUrl };
  });
}

export function rejectRequest(ctx: Ctx, id: string, comment: string | undefined) {
  const scope = scopeOf(ctx.principal, 'accounts:approve');
  return inTransaction(ctx, async (tx, audit) => {
    const req = await loadPending(tx, scope, id);
    await tx
      .update(accountRequests)
      .set({ status: 'rejected', decidedBy: ctx.principal!.userId, decidedAt: new Date(), comment: comment ?? null })
      .where(eq(accountRequests.id, id));
    await audit({
      action: 'account_request.reject',
      targetType: 'account_request',
      targetId: id,
      orgPath: req.orgPath,
      after: { comment },
    });
  });
}

/** Sets the first password of an approved account with its one-time activation token. */
export function activateAccount(ctx: Ctx, token: string, password: string) {
  return inTransaction(ctx, async (tx, audit) => {
    // Claimed by a conditional update: a link used twice at once sets one password (a refusal below rolls it back).
    const [claimed] = await tx
      .update(activationTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(activationTokens.tokenHash, sha256(token)), isNull(activationTokens.usedAt)))
      .returning({ userId: activationTokens.userId });
    const [row] = claimed
      ? await tx
          .select({ userId: activationTokens.userId, expiresAt: activationTokens.expiresAt, email: users.email })
          .from(activationTokens)
          .innerJoin(users, eq(users.id, activationTokens.userId))
          .where(and(eq(activationTokens.tokenHash, sha256(token)), eq(users.status, 'active')))
      : [];
    if (!row || row.expiresAt < new Date())
      throw invalid(
        [{ path: 'body.token', message: 'unknown, used or expired' }],
        'This activation link is not valid any more. Ask for a new one.',
      );
    const { passwordMinLength } = await signInRulesOfAccount(tx, row.userId);
    const problems = passwordProblems(password, row.email, 'body.password', passwordMinLength);
    if (problems.length) throw invalid(problems, msg('password.policy'));
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(password), updatedAt: new Date() })
      .where(eq(users.id, row.userId));
    await audit({ action: 'account.activate', targetType: 'user', targetId: row.userId });
  });
}
