import type { AssetReview, AssetReviewListItem, AssetReviewUnit, AssetReviewUnitsQuery, ReviewCounts } from '@mamori/contracts';
import { and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { scopeSql, type Scope } from '../../../platform/access/scope';
import { users } from '../../../platform/auth/tables';
import { notFound } from '../../../platform/errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../../../platform/http/cursor';
import type { Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { ledgerCountsByUnit } from '../service';
import { todayJst } from '../take-outs/settings';
import { mayConfirm, readerScope } from './scope';
import { assetReviews, assetReviewUnits } from './tables';

const zero = (): ReviewCounts => ({ total: 0, confirmed: 0, pending: 0, overdue: 0, changed: 0 });

/** Counts of one review's units in the reader's scope, grouped by `key` (null key = the whole review). */
async function countsBy(db: Db, scope: Scope, reviewIds: string[], bySite: boolean) {
  const rows = await db
    .select({
      reviewId: assetReviewUnits.reviewId,
      siteId: bySite ? assetReviewUnits.siteId : sql<null>`null`,
      status: assetReviewUnits.status,
      outcome: assetReviewUnits.outcome,
      n: sql<number>`count(*)::int`,
    })
    .from(assetReviewUnits)
    .where(and(inArray(assetReviewUnits.reviewId, reviewIds), scopeSql(scope, assetReviewUnits.unitPath)))
    .groupBy(
      assetReviewUnits.reviewId,
      ...(bySite ? [assetReviewUnits.siteId] : []),
      assetReviewUnits.status,
      assetReviewUnits.outcome,
    );
  return rows;
}

function add(c: ReviewCounts, status: string, outcome: string | null, n: number, overdue: boolean) {
  c.total += n;
  if (status === 'confirmed') {
    c.confirmed += n;
    if (outcome === 'changed') c.changed += n;
  } else if (overdue) c.overdue += n;
  else c.pending += n;
}

/** Campaigns with a unit in the reader's scope, newest first, with progress over those units. */
export async function listReviews(ctx: Ctx, q: { limit: number; cursor?: string | undefined }) {
  const scope = readerScope(ctx);
  const where: (SQL | undefined)[] = [
    scope.kind === 'all'
      ? undefined
      : sql`EXISTS (SELECT 1 FROM ${assetReviewUnits} WHERE ${assetReviewUnits.reviewId} = ${assetReviews.id}
                    AND ${scopeSql(scope, assetReviewUnits.unitPath)})`,
  ];
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, z.tuple([CursorPart.pgTimestamp, CursorPart.uuid]));
    const atSql = sql`${at}::timestamptz`;
    where.push(or(lt(assetReviews.createdAt, atSql), and(eq(assetReviews.createdAt, atSql), lt(assetReviews.id, id))));
  }
  const rows = await ctx.db
    .select({ r: assetReviews, cursorAt: sql<string>`${assetReviews.createdAt}::text` })
    .from(assetReviews)
    .where(and(...where))
    .orderBy(desc(assetReviews.createdAt), desc(assetReviews.id))
    .limit(q.limit + 1);
  const today = todayJst();
  const counts = new Map<string, ReviewCounts>();
  if (rows.length)
    for (const c of await countsBy(
      ctx.db,
      scope,
      rows.map((r) => r.r.id),
      false,
    )) {
      const due = rows.find((r) => r.r.id === c.reviewId)!.r.dueOn;
      const total = counts.get(c.reviewId) ?? zero();
      add(total, c.status, c.outcome, c.n, due < today);
      counts.set(c.reviewId, total);
    }
  return pageOf(
    rows,
    q.limit,
    ({ r }): AssetReviewListItem => ({
      id: r.id,
      titleJa: r.titleJa,
      titleEn: r.titleEn,
      dueOn: r.dueOn,
      createdAt: r.createdAt.toISOString(),
      progress: counts.get(r.id) ?? zero(),
    }),
    (r) => [r.cursorAt, r.r.id],
  );
}

/** One campaign with its roll-up by site and for the group, over the units in the reader's scope (404 if none). */
export async function getReview(ctx: Ctx, id: string): Promise<AssetReview> {
  const scope = readerScope(ctx);
  const [row] = await ctx.db
    .select({ r: assetReviews, by: users.name })
    .from(assetReviews)
    .leftJoin(users, eq(users.id, assetReviews.createdBy))
    .where(eq(assetReviews.id, id));
  if (!row) throw notFound();
  const groups = await countsBy(ctx.db, scope, [id], true);
  if (!groups.length) throw notFound();
  const overdue = row.r.dueOn < todayJst();
  const total = zero();
  const bySite = new Map<string | null, ReviewCounts>();
  for (const g of groups) {
    add(total, g.status, g.outcome, g.n, overdue);
    const c = bySite.get(g.siteId) ?? zero();
    add(c, g.status, g.outcome, g.n, overdue);
    bySite.set(g.siteId, c);
  }
  const siteIds = [...bySite.keys()].filter((s): s is string => !!s);
  const sites = siteIds.length
    ? await ctx.db
        .select({ id: orgUnits.id, ja: orgUnits.nameJa, en: orgUnits.nameEn, code: orgUnits.code })
        .from(orgUnits)
        .where(inArray(orgUnits.id, siteIds))
    : [];
  const site = new Map(sites.map((s) => [s.id, s]));
  return {
    id: row.r.id,
    titleJa: row.r.titleJa,
    titleEn: row.r.titleEn,
    dueOn: row.r.dueOn,
    createdAt: row.r.createdAt.toISOString(),
    createdBy: row.by ?? '',
    progress: total,
    bySite: [...bySite.entries()]
      .map(([siteId, c]) => {
        const s = siteId ? site.get(siteId) : undefined;
        return { ...c, site: s ? { id: s.id, ja: s.ja, en: s.en } : null, code: s?.code ?? '' };
      })
      .sort((a, b) => a.code.localeCompare(b.code))
      .map(({ code: _, ...c }) => c),
  };
}

const site = alias(orgUnits, 'site');

/** The units of a campaign in the reader's scope, by unit code (keyset), filtered by state and site. */
export async function listReviewUnits(ctx: Ctx, id: string, q: AssetReviewUnitsQuery) {
  const scope = readerScope(ctx);
  const [review] = await ctx.db.select().from(assetReviews).where(eq(assetReviews.id, id));
  if (!review) throw notFound();
  const overdue = review.dueOn < todayJst();
  const where: (SQL | undefined)[] = [eq(assetReviewUnits.reviewId, id), scopeSql(scope, assetReviewUnits.unitPath)];
  if (q.state === 'confirmed') where.push(eq(assetReviewUnits.status, 'confirmed'));
  if (q.state === 'pending' || q.state === 'overdue')
    where.push(eq(assetReviewUnits.status, 'pending'), (q.state === 'overdue') === overdue ? undefined : sql`false`);
  if (q.siteId) where.push(eq(assetReviewUnits.siteId, q.siteId));
  if (q.unitId) where.push(eq(assetReviewUnits.unitId, q.unitId));
  if (q.cursor) {
    const [code] = decodeCursor(q.cursor, z.tuple([CursorPart.text(200)]));
    where.push(gt(assetReviewUnits.unitCode, code));
  }
  const rows = await ctx.db
    .select({
      u: assetReviewUnits,
      ja: orgUnits.nameJa,
      en: orgUnits.nameEn,
      siteJa: site.nameJa,
      siteEn: site.nameEn,
      by: users.name,
    })
    .from(assetReviewUnits)
    .innerJoin(orgUnits, eq(orgUnits.id, assetReviewUnits.unitId))
    .leftJoin(site, eq(site.id, assetReviewUnits.siteId))
    .leftJoin(users, eq(users.id, assetReviewUnits.confirmedBy))
    .where(and(...where))
    .orderBy(asc(assetReviewUnits.unitCode))
    .limit(q.limit + 1);
  const pendingIds = rows.filter((r) => r.u.status === 'pending').map((r) => r.u.unitId);
  const ledgers = await ledgerCountsByUnit(ctx.db, pendingIds);
  return pageOf(
    rows,
    q.limit,
    (r): AssetReviewUnit => presentUnit(ctx, r, overdue, ledgers.get(r.u.unitId)),
    (r) => [r.u.unitCode],
  );
}

type UnitRow = {
  u: typeof assetReviewUnits.$inferSelect;
  ja: string;
  en: string;
  siteJa: string | null;
  siteEn: string | null;
  by: string | null;
};

export function presentUnit(
  ctx: Ctx,
  r: UnitRow,
  overdue: boolean,
  current?: { total: number; byClass: Record<string, number> },
): AssetReviewUnit {
  const confirmed = r.u.status === 'confirmed';
  return {
    unit: { id: r.u.unitId, code: r.u.unitCode, ja: r.ja, en: r.en },
    site: r.u.siteId ? { id: r.u.siteId, ja: r.siteJa ?? '', en: r.siteEn ?? '' } : null,
    state: confirmed ? 'confirmed' : overdue ? 'overdue' : 'pending',
    outcome: r.u.outcome,
    comment: r.u.comment,
    confirmedBy: r.by,
    confirmedAt: r.u.confirmedAt?.toISOString() ?? null,
    ledger: (confirmed ? r.u.ledger : current) ?? { total: 0, byClass: {} },
    canConfirm: !confirmed && mayConfirm(ctx, r.u.unitPath),
  };
}

/** One unit's row with the names the presenter needs (for the confirmation's answer). */
export async function unitRow(db: Db, reviewId: string, unitId: string): Promise<UnitRow | undefined> {
  const [row] = await db
    .select({
      u: assetReviewUnits,
      ja: orgUnits.nameJa,
      en: orgUnits.nameEn,
      siteJa: site.nameJa,
      siteEn: site.nameEn,
      by: users.name,
    })
    .from(assetReviewUnits)
    .innerJoin(orgUnits, eq(orgUnits.id, assetReviewUnits.unitId))
    .leftJoin(site, eq(site.id, assetReviewUnits.siteId))
    .leftJoin(users, eq(users.id, assetReviewUnits.confirmedBy))
    .where(and(eq(assetReviewUnits.reviewId, reviewId), eq(assetReviewUnits.unitId, unitId)));
  return row;
}
