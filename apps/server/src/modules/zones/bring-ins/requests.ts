import { todayJst } from '@mamori/contracts';
import { CursorPart, decodeCursor, encodeCursor } from '../../../platform/http/cursor';
import type { BringIn, BringInState, CreateBringInBody } from '@mamori/contracts';
import type { BringInListQuery, DecideBringInBody } from '@mamori/contracts';
import { and, desc, eq, getTableColumns, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { escapeLike, scopeOf, scopeSql } from '../../../platform/access/scope';
import { users } from '../../../platform/auth/tables';
import { conflict, fieldError, forbidden, invalid, msg, notFound } from '../../../platform/errors/app-error';
import { queueMail } from '../../../platform/mail/outbox';
import { mailDate, mailOf } from '../../../platform/mail/text';
import { lockRow } from '../../../platform/records/lock';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { people } from '../../org/tables';
import { loadZone, personOf } from '../zones/records';
import { bringIns, zones } from '../tables';

type Row = typeof bringIns.$inferSelect;
export { todayJst };

/** What a reader sees: a pending or approved bring-in whose last day has passed is expired (it can no longer be used). */
export const stateOf = (r: Pick<Row, 'status' | 'periodTo'>, today = todayJst()): BringInState =>
  (r.status === 'pending' || r.status === 'approved') && r.periodTo < today ? 'expired' : r.status;

async function present(db: Db, ctx: Ctx, rows: Row[]): Promise<BringIn[]> {
  if (!rows.length) return [];
  const zs = new Map(
    (
      await db
        .select({ id: zones.id, nameJa: zones.nameJa, nameEn: zones.nameEn, siteId: zones.siteId, owner: zones.ownerPersonId })
        .from(zones)
        .where(inArray(zones.id, [...new Set(rows.map((r) => r.zoneId))]))
    ).map((z) => [z.id, z]),
  );
  const userIds = [...new Set(rows.flatMap((r) => [r.requesterId, ...(r.decidedBy ? [r.decidedBy] : [])]))];
  const names = new Map(
    (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))).map((u) => [
      u.id,
      u.name,
    ]),
  );
  const me = ctx.principal ? await personOf(db, ctx.principal.userId) : null;
  const today = todayJst();
  return rows.map((r) => {
    const z = zs.get(r.zoneId)!;
    const state = stateOf(r, today);
    return {
      id: r.id,
      rowVersion: r.rowVersion,
      zoneId: r.zoneId,
      zoneNameJa: z.nameJa,
      zoneNameEn: z.nameEn,
      siteId: z.siteId,
      requesterId: r.requesterId,
      requesterName: names.get(r.requesterId) ?? '',
      bringerKind: r.bringerKind,
      bringerName: r.bringerName,
      bringerCompany: r.bringerCompany,
      device: r.device,
      deviceNote: r.deviceNote,
      purpose: r.purpose,
      periodFrom: r.periodFrom,
      periodTo: r.periodTo,
      status: r.status,
      state,
      decidedByName: r.decidedBy ? (names.get(r.decidedBy) ?? '') : null,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      comment: r.comment,
      createdAt: r.createdAt.toISOString(),
      can: {
        decide:
          state === 'pending' && me !== null && me === z.owner && scopeOf(ctx.principal, 'bring-ins:approve').kind !== 'none',
        cancel: state === 'pending' && r.requesterId === ctx.principal?.userId,
      },
    };
  });
}

/** Who sees a bring-in: its requester, the zone's owner, and zones:manage over the zone's site. */
function visibleSql(ctx: Ctx, me: string | null): SQL {
  return or(
    eq(bringIns.requesterId, ctx.principal!.userId),
    me ? sql`${bringIns.zoneId} IN (SELECT id FROM zones WHERE owner_person_id = ${me})` : undefined,
    scopeSql(scopeOf(ctx.principal, 'zones:manage'), bringIns.sitePath),
  )!;
}

async function loadVisible(db: Db, ctx: Ctx, id: string): Promise<Row> {
  const me = await personOf(db, ctx.principal!.userId);
  const [row] = await db
    .select()
    .from(bringIns)
    .where(and(eq(bringIns.id, id), visibleSql(ctx, me)));
  if (!row) throw notFound();
  return row;
}

export async function getBringIn(ctx: Ctx, id: string): Promise<BringIn> {
  return (await present(ctx.db, ctx, [await loadVisible(ctx.db, ctx, id)]))[0]!;
}

/** The keyset of the bring-ins list: when asked (as PostgreSQL writes it, microseconds kept), then id. */
const BringInCursor = z.tuple([CursorPart.pgTimestamp, CursorPart.uuid]);

export async function listBringIns(ctx: Ctx, q: z.infer<typeof BringInListQuery>) {
  const me = await personOf(ctx.db, ctx.principal!.userId);
  const today = todayJst();
  const view =
    q.view === 'mine'
      ? eq(bringIns.requesterId, ctx.principal!.userId)
      : q.view === 'toApprove'
        ? and(
            me ? sql`${bringIns.zoneId} IN (SELECT id FROM zones WHERE owner_person_id = ${me})` : sql`false`,
            eq(bringIns.status, 'pending'),
            gte(bringIns.periodTo, today),
          )
        : visibleSql(ctx, me);
  const state =
    q.state === 'expired'
      ? and(inArray(bringIns.status, ['pending', 'approved']), lt(bringIns.periodTo, today))
      : q.state === 'pending' || q.state === 'approved'
        ? and(eq(bringIns.status, q.state), gte(bringIns.periodTo, today))
        : q.state
          ? eq(bringIns.status, q.state)
          : undefined;
  const after = q.cursor ? decodeCursor(q.cursor, BringInCursor) : null;
  const like = q.q ? '%' + escapeLike(q.q) + '%' : null;
  const rows = await ctx.db
    .select({ ...getTableColumns(bringIns), cursorAt: sql<string>`${bringIns.createdAt}::text` })
    .from(bringIns)
    .where(
      and(
        visibleSql(ctx, me),
        view,
        state,
        q.zoneId ? eq(bringIns.zoneId, q.zoneId) : undefined,
        like ? sql`(${bringIns.bringerName} ILIKE ${like} OR ${bringIns.bringerCompany} ILIKE ${like})` : undefined,
        after ? sql`(${bringIns.createdAt}, ${bringIns.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(bringIns.createdAt), desc(bringIns.id))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const items = await present(ctx.db, ctx, rows.slice(0, q.limit));
  const last = rows[q.limit - 1];
  return { items, nextCursor: more && last ? encodeCursor([last.cursorAt, last.id]) : null };
}

/** A bring-in mail in both languages; the outbox sends each recipient theirs. */
const both = (ja: string, en: string, url: string) =>
  mailOf({ ja: '持込申請', en: 'Bring-in request' }, { ja: [ja], en: [en] }, url);

/**
 * Asks to bring a device or media into a zone (2-3-5). The period must not have ended already (nor end before it
 * starts). The zone's owner is told by mail.
 */
export function requestBringIn(ctx: Ctx, publicUrl: string, body: CreateBringInBody): Promise<BringIn> {
  if (body.periodTo < body.periodFrom) throw invalid([fieldError('body.periodTo', 'bring_in.period_order')]);
  if (body.periodTo < todayJst()) throw invalid([fieldError('body.periodTo', 'bring_in.period_past')]);
  return inTransaction(ctx, async (tx, audit) => {
    const zone = await loadZone(tx, ctx, body.zoneId).catch(() => {
      throw invalid([fieldError('body.zoneId', 'bring_in.zone_unknown')]);
    });
    const [row] = await tx
      .insert(bringIns)
      .values({ ...body, sitePath: zone.sitePath, requesterId: ctx.principal!.userId })
      .returning();
    const [owner] = await tx
      .select({ email: users.email })
      .from(users)
      .innerJoin(people, eq(people.id, users.personId))
      .where(and(eq(users.personId, zone.ownerPersonId), eq(users.status, 'active')));
    if (owner)
      await queueMail(tx, {
        to: owner.email,
        ...both(
          `${ctx.principal!.name} さんが ${zone.nameJa} への持込み(${body.bringerName}、${mailDate(body.periodFrom, 'ja')}〜${mailDate(body.periodTo, 'ja')})を申請しました。承認または却下してください。`,
          `${ctx.principal!.name} asks to bring a device into ${zone.nameEn} (${body.bringerName}, ${mailDate(body.periodFrom, 'en')} to ${mailDate(body.periodTo, 'en')}). Please approve or reject it.`,
          `${publicUrl}/bring-ins/${row!.id}`,
        ),
      });
    await audit({
      action: 'bring_in.request',
      targetType: 'bring_in',
      targetId: row!.id,
      orgPath: zone.sitePath,
      after: {
        zoneId: zone.id,
        bringer: body.bringerName,
        device: body.device,
        periodFrom: body.periodFrom,
        periodTo: body.periodTo,
      },
    });
    return (await present(tx, ctx, [row!]))[0]!;
  });
}

/**
 * The zone's owner approves or rejects a pending bring-in. The row lock makes concurrent decisions queue: the second
 * finds it decided (409). A bring-in whose period has ended can no longer be approved (409, expired).
 */
export async function decideBringIn(ctx: Ctx, publicUrl: string, id: string, body: z.output<typeof DecideBringInBody>) {
  if (body.decision === 'reject' && !body.comment) throw invalid([fieldError('body.comment', 'bring_in.reject_comment')]);
  return inTransaction(ctx, async (tx, audit) => {
    await lockRow(tx, bringIns, id);
    const row = await loadVisible(tx, ctx, id);
    const [zone] = await tx.select().from(zones).where(eq(zones.id, row.zoneId));
    const me = await personOf(tx, ctx.principal!.userId);
    if (me !== zone!.ownerPersonId) {
      const [owner] = await tx
        .select({ ja: people.nameJa, en: people.nameEn })
        .from(people)
        .where(eq(people.id, zone!.ownerPersonId));
      throw forbidden(msg('bring_in.not_owner', { owner: owner ?? '' }));
    }
    if (row.status !== 'pending') throw conflict(msg('bring_in.not_pending'));
    if (stateOf(row) === 'expired') throw conflict(msg('bring_in.expired', { day: row.periodTo }));
    const status = body.decision === 'approve' ? 'approved' : 'rejected';
    const now = new Date();
    const [after] = await tx
      .update(bringIns)
      .set({ status, decidedBy: ctx.principal!.userId, decidedAt: now, comment: body.comment, updatedAt: now })
      .where(eq(bringIns.id, id))
      .returning();
    const [requester] = await tx.select({ email: users.email }).from(users).where(eq(users.id, row.requesterId));
    await queueMail(tx, {
      to: requester!.email,
      ...both(
        `${zone!.nameJa} への持込み(${row.bringerName})は${status === 'approved' ? '承認' : '却下'}されました。`,
        `The bring-in into ${zone!.nameEn} (${row.bringerName}) was ${status}.`,
        `${publicUrl}/bring-ins/${id}`,
      ),
    });
    await audit({
      action: `bring_in.${body.decision}`,
      targetType: 'bring_in',
      targetId: id,
      orgPath: row.sitePath,
      before: { status: row.status },
      after: { status, comment: body.comment },
    });
    return (await present(tx, ctx, [after!]))[0]!;
  });
}

/** The requester withdraws a pending request. */
export function cancelBringIn(ctx: Ctx, id: string) {
  return inTransaction(ctx, async (tx, audit) => {
    await lockRow(tx, bringIns, id);
    const row = await loadVisible(tx, ctx, id);
    if (row.requesterId !== ctx.principal!.userId) throw forbidden(msg('bring_in.cancel_forbidden'));
    if (row.status !== 'pending') throw conflict(msg('bring_in.not_pending'));
    const [after] = await tx
      .update(bringIns)
      .set({ status: 'cancelled', updatedAt: new Date() })
      .where(eq(bringIns.id, id))
      .returning();
    await audit({
      action: 'bring_in.cancel',
      targetType: 'bring_in',
      targetId: id,
      orgPath: row.sitePath,
      before: { status: row.status },
      after: { status: 'cancelled' },
    });
    return (await present(tx, ctx, [after!]))[0]!;
  });
}
