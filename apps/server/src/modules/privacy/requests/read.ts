import {
  type AttentionItem,
  type PrivacyRequest,
  type PrivacyRequestListItem,
  type PrivacyRequestListQuery,
} from '@mamori/contracts';
import { and, asc, desc, eq, isNotNull, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import type { Principal } from '../../../platform/access/principal';
import { escapeLike, scopeOf, scopeSql } from '../../../platform/access/scope';
import { users } from '../../../platform/auth/tables';
import { recordRead } from '../../../platform/audit/record';
import { CursorPart, decodeCursor, pageOf } from '../../../platform/http/cursor';
import { type Ctx } from '../../../platform/tx';
import { unitById } from '../../org/service';
import { orgUnits } from '../../org/tables';
import { presentClock } from './clocks';
import { canExtend, mailable } from './extension';
import { privacyRequests } from './tables';
import { CLOSED, entriesOf, loadScoped, type Row } from './records';

/** Reading requests: the list, one request (each read logged), the ones due for the dashboard. */
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
