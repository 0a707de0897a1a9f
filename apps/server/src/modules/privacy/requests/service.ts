import type { CreatePrivacyRequestBody, ExtendPrivacyRequestBody, PublicPrivacyRequestBody } from '@mamori/contracts';
import {
  type AnswerPrivacyRequestBody,
  type AttentionItem,
  type PrivacyRequest,
  type PrivacyRequestListItem,
  type PrivacyRequestListQuery,
  type UpdatePrivacyRequestBody,
} from '@mamori/contracts';
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNotNull, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import type { Principal } from '../../../platform/access/principal';
import { covers, escapeLike, scopeOf, scopeSql } from '../../../platform/access/scope';
import { users } from '../../../platform/auth/tables';
import { recordRead } from '../../../platform/audit/record';
import { conflict, fieldError, invalid, msg, notFound, unprocessable } from '../../../platform/errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../../../platform/http/cursor';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { unitById } from '../../org/service';
import { orgUnits } from '../../org/tables';
import { lawsFor } from '../catalog';
import { processingActivities } from '../register/tables';
import { nextOf, presentClock, requestClocks } from './clocks';
import { canExtend, extendRequest, mailable } from './extension';
import { privacyRequests } from './tables';

type Row = typeof privacyRequests.$inferSelect;
const CLOSED = ['answered', 'declined', 'withdrawn'] as const;
const isClosed = (s: Row['status']) => (CLOSED as readonly string[]).includes(s);

/** A reference people can quote (PR- and 10 letters/digits without look-alikes); random, so it tells nothing. */
const newReference = () => {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `PR-${[...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('')}`;
};

async function entriesOf(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: processingActivities.id,
      service: processingActivities.service,
      laws: processingActivities.laws,
      unitPath: processingActivities.unitPath,
    })
    .from(processingActivities)
    .where(inArray(processingActivities.id, ids));
}

/** The laws of a request: APPI always, the requester's country's, and those of the entries concerned. */
const lawsOf = (country: string, entries: { laws: string[] }[]) =>
  [...new Set([...lawsFor([country]), ...entries.flatMap((e) => e.laws)])].sort();

const auditView = (r: Row) => ({
  type: r.type,
  status: r.status,
  unitId: r.unitId,
  activityIds: r.activityIds,
  laws: r.laws,
  identityMethod: r.identityMethod,
  outcome: r.outcome,
  answeredAt: r.answeredAt,
  lateReason: r.lateReason,
});

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

async function loadScoped(db: Db, ctx: Ctx, id: string): Promise<Row> {
  const [row] = await db.select().from(privacyRequests).where(eq(privacyRequests.id, id));
  if (!row || !covers(scopeOf(ctx.principal, 'privacy-requests:handle'), row.unitPath)) throw notFound();
  return row;
}

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

const listColumns = {
  id: privacyRequests.id,
  reference: privacyRequests.reference,
  type: privacyRequests.type,
  channel: privacyRequests.channel,
  status: privacyRequests.status,
  requesterName: privacyRequests.requesterName,
  service: privacyRequests.service,
  receivedAt: privacyRequests.receivedAt,
  nextDueAt: privacyRequests.nextDueAt,
  rowVersion: privacyRequests.rowVersion,
  unitNameJa: orgUnits.nameJa,
  unitNameEn: orgUnits.nameEn,
};
type ListRow = Pick<
  Row,
  'id' | 'reference' | 'type' | 'channel' | 'status' | 'requesterName' | 'service' | 'receivedAt' | 'nextDueAt' | 'rowVersion'
> & {
  unitNameJa: string | null;
  unitNameEn: string | null;
};

function listItem(r: ListRow, now = new Date()): PrivacyRequestListItem {
  return {
    id: r.id,
    reference: r.reference,
    type: r.type,
    channel: r.channel,
    status: r.status,
    requesterName: r.requesterName,
    service: r.service,
    unitName: r.unitNameJa !== null ? { ja: r.unitNameJa, en: r.unitNameEn ?? '' } : null,
    receivedAt: r.receivedAt.toISOString(),
    dueAt: r.nextDueAt ? r.nextDueAt.toISOString() : null,
    overdue: !!r.nextDueAt && r.nextDueAt <= now,
    rowVersion: r.rowVersion,
  };
}

/** The requests in the caller's scope, newest first; `open` = not answered, declined or withdrawn. */
export async function listRequests(ctx: Ctx, query: PrivacyRequestListQuery) {
  const conds: (SQL | undefined)[] = [scopeSql(scopeOf(ctx.principal, 'privacy-requests:handle'), privacyRequests.unitPath)];
  if (query.status === 'open') conds.push(notInArray(privacyRequests.status, [...CLOSED]));
  else if (query.status) conds.push(eq(privacyRequests.status, query.status));
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    conds.push(
      or(
        sql`${privacyRequests.requesterName} ILIKE ${like}`,
        sql`${privacyRequests.reference} ILIKE ${like}`,
        sql`${privacyRequests.service} ILIKE ${like}`,
      ),
    );
  }
  if (query.cursor) {
    const [at, cid] = decodeCursor(query.cursor, z.tuple([CursorPart.instant, CursorPart.uuid]));
    conds.push(
      or(
        lt(privacyRequests.receivedAt, new Date(at)),
        and(eq(privacyRequests.receivedAt, new Date(at)), lt(privacyRequests.id, cid)),
      ),
    );
  }
  const rows = await ctx.db
    .select(listColumns)
    .from(privacyRequests)
    .leftJoin(orgUnits, eq(orgUnits.id, privacyRequests.unitId))
    .where(and(...conds))
    .orderBy(desc(privacyRequests.receivedAt), desc(privacyRequests.id))
    .limit(query.limit + 1);
  return pageOf(
    rows,
    query.limit,
    (r) => listItem(r),
    (r) => [r.receivedAt.toISOString(), r.id],
  );
}

/** One request (personal data of a requester: each read is logged). */
export async function getRequest(ctx: Ctx, id: string, logRead = true): Promise<PrivacyRequest> {
  const row = await loadScoped(ctx.db, ctx, id);
  const unit = row.unitId ? await unitById(ctx.db, row.unitId) : null;
  const entries = await entriesOf(ctx.db, row.activityIds);
  if (logRead)
    await recordRead(ctx.db, ctx.actor, {
      action: 'privacy.request.read',
      targetType: 'privacy_request',
      targetId: id,
      orgPath: row.unitPath,
    });
  const now = new Date();
  const checker = row.identityCheckedBy ? await userName(ctx.db, row.identityCheckedBy) : '';
  return {
    ...listItem({ ...row, unitNameJa: unit?.nameJa ?? null, unitNameEn: unit?.nameEn ?? null }, now),
    unitId: row.unitId,
    requesterContact: row.requesterContact,
    requesterCountry: row.requesterCountry,
    details: row.details,
    language: row.language,
    laws: row.laws,
    identity: row.identityCheckedAt
      ? {
          method: row.identityMethod ?? '',
          note: row.identityNote,
          checkedAt: row.identityCheckedAt.toISOString(),
          checkedBy: checker,
        }
      : null,
    activities: row.activityIds.map((aid) => ({ id: aid, service: entries.find((e) => e.id === aid)?.service ?? '' })),
    outcome: row.outcome,
    answer: row.answer,
    answeredAt: row.answeredAt ? row.answeredAt.toISOString() : null,
    lateReason: row.lateReason,
    clocks: row.clocks.map((c) =>
      presentClock(
        c,
        { answeredAt: row.answeredAt, closedWithoutAnswer: row.status === 'declined' || row.status === 'withdrawn' },
        now,
      ),
    ),
    extension: row.extendedAt
      ? {
          at: row.extendedAt.toISOString(),
          by: row.extendedBy ? await userName(ctx.db, row.extendedBy) : '',
          reason: row.extensionReason,
          told: mailable(row.requesterContact) ? 'mail' : 'other',
        }
      : null,
    canExtend: canExtend(row, now),
    updatedAt: row.updatedAt.toISOString(),
  };
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

async function userName(db: Db, id: string) {
  const [u] = await db.select({ name: users.name }).from(users).where(eq(users.id, id));
  return u?.name ?? '';
}

/** The requests due that the person handles (open, with a clock), due first: one indexed query. */
export async function requestsDueFor(db: Db, principal: Principal, limit: number): Promise<AttentionItem[]> {
  const scope = scopeOf(principal, 'privacy-requests:handle');
  if (scope.kind === 'none') return [];
  const rows = await db
    .select({
      id: privacyRequests.id,
      reference: privacyRequests.reference,
      requesterName: privacyRequests.requesterName,
      nextDueAt: privacyRequests.nextDueAt,
    })
    .from(privacyRequests)
    .where(and(isNotNull(privacyRequests.nextDueAt), scopeSql(scope, privacyRequests.unitPath)))
    .orderBy(asc(privacyRequests.nextDueAt), asc(privacyRequests.id))
    .limit(limit);
  const now = new Date();
  return rows.map((r) => ({
    domain: 'privacy',
    kind: 'privacyRequestDue',
    id: r.id,
    title: `${r.reference} ${r.requesterName}`,
    dueAt: r.nextDueAt!.toISOString(),
    overdue: r.nextDueAt! <= now,
    href: `/privacy/requests/${r.id}`,
  }));
}
