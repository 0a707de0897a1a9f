import type { TakeOutAsset, TakeOutListItem, TakeOutListQuery } from '@mamori/contracts';
import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { covers, scopeOf, scopeSql } from '../../../platform/access/scope';
import { users } from '../../../platform/auth/tables';
import { notFound } from '../../../platform/errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../../../platform/http/cursor';
import type { Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { assetsByIds, assetsInUnits } from '../service';
import { assets } from '../tables';
import { stateOf } from './read';
import { requesterPaths } from './requester';
import { takeOutClass } from './rules';
import { takeOutApprovers, takeOutItems, takeOuts, takeOutSteps } from './tables';

/**
 * The take-out lists, newest first, keyset-paged on (createdAt, id): `mine` (my requests), `to-approve` (requests
 * whose current step I decide), `all` (requests of units in my take-outs:approve scope; empty without one).
 */
export async function listTakeOuts(ctx: Ctx, q: TakeOutListQuery) {
  const me = ctx.principal!.userId;
  const where: (SQL | undefined)[] = [];
  if (q.view === 'mine') where.push(eq(takeOuts.requesterId, me));
  else if (q.view === 'all') where.push(scopeSql(scopeOf(ctx.principal, 'take-outs:approve'), takeOuts.unitPath));
  else
    where.push(
      eq(takeOuts.status, 'pending'),
      sql`EXISTS (SELECT 1 FROM ${takeOutApprovers} a WHERE a.take_out_id = ${takeOuts.id}
                  AND a.position = ${takeOuts.currentStep} AND a.user_id = ${me})`,
    );
  if (q.status) where.push(eq(takeOuts.status, q.status));
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, z.tuple([CursorPart.pgTimestamp, CursorPart.uuid]));
    const atSql = sql`${at}::timestamptz`;
    where.push(or(lt(takeOuts.createdAt, atSql), and(eq(takeOuts.createdAt, atSql), lt(takeOuts.id, id))));
  }
  const rows = await ctx.db
    .select({
      id: takeOuts.id,
      requester: users.name,
      unitJa: orgUnits.nameJa,
      unitEn: orgUnits.nameEn,
      destination: takeOuts.destination,
      periodFrom: takeOuts.periodFrom,
      periodTo: takeOuts.periodTo,
      medium: takeOuts.medium,
      status: takeOuts.status,
      createdAt: takeOuts.createdAt,
      cursorAt: sql<string>`${takeOuts.createdAt}::text`,
      firstAsset: sql<string>`(SELECT x.name FROM ${takeOutItems} i JOIN ${assets} x ON x.id = i.asset_id
                               WHERE i.take_out_id = ${takeOuts.id} ORDER BY i.position LIMIT 1)`,
      assetCount: sql<number>`(SELECT count(*)::int FROM ${takeOutItems} i WHERE i.take_out_id = ${takeOuts.id})`,
      waitingFor: sql<TakeOutListItem['waitingFor']>`(SELECT s.approver FROM ${takeOutSteps} s
                               WHERE s.take_out_id = ${takeOuts.id} AND s.position = ${takeOuts.currentStep})`,
    })
    .from(takeOuts)
    .innerJoin(users, eq(users.id, takeOuts.requesterId))
    .innerJoin(orgUnits, eq(orgUnits.id, takeOuts.unitId))
    .where(and(...where))
    .orderBy(desc(takeOuts.createdAt), desc(takeOuts.id))
    .limit(q.limit + 1);
  return pageOf(
    rows,
    q.limit,
    (r): TakeOutListItem => ({
      id: r.id,
      requester: r.requester,
      unit: { ja: r.unitJa, en: r.unitEn },
      firstAsset: r.firstAsset ?? '',
      assetCount: r.assetCount,
      destination: r.destination,
      periodFrom: r.periodFrom,
      periodTo: r.periodTo,
      medium: r.medium,
      status: r.status,
      state: stateOf(r.status, r.periodFrom, r.periodTo),
      waitingFor: r.waitingFor ?? null,
      createdAt: r.createdAt.toISOString(),
    }),
    (r) => [r.cursorAt, r.id],
  );
}

/** The asset picker: active assets of the units the requester belongs to, each with its class's take-out rule. */
export async function pickableAssets(ctx: Ctx, q: { q?: string; limit: number }): Promise<TakeOutAsset[]> {
  const paths = await requesterPaths(ctx.db, ctx.principal!);
  const rows = await assetsInUnits(ctx.db, paths, q);
  return Promise.all(
    rows.map(async (a) => {
      const cls = await takeOutClass(ctx.db, a.unitId, a.classCode);
      return {
        id: a.id,
        name: a.name,
        kind: a.kind,
        unit: { ja: a.unitNameJa, en: a.unitNameEn },
        classCode: a.classCode,
        className: cls.name,
        classColour: cls.colour,
        rule: cls.rule,
      };
    }),
  );
}

/** The take-outs of one asset, newest first (the asset's page); 404 outside the reader's assets:read scope. */
export async function takeOutsOfAsset(ctx: Ctx, assetId: string) {
  const [asset] = await assetsByIds(ctx.db, [assetId]);
  if (!asset || !covers(scopeOf(ctx.principal, 'assets:read'), asset.unitPath)) throw notFound();
  const rows = await ctx.db
    .select({
      id: takeOuts.id,
      requester: users.name,
      destination: takeOuts.destination,
      periodFrom: takeOuts.periodFrom,
      periodTo: takeOuts.periodTo,
      copy: takeOutItems.copy,
      status: takeOuts.status,
      createdAt: takeOuts.createdAt,
    })
    .from(takeOutItems)
    .innerJoin(takeOuts, eq(takeOuts.id, takeOutItems.takeOutId))
    .innerJoin(users, eq(users.id, takeOuts.requesterId))
    .where(eq(takeOutItems.assetId, assetId))
    .orderBy(desc(takeOuts.createdAt))
    .limit(500);
  return rows.map((r) => ({ ...r, state: stateOf(r.status, r.periodFrom, r.periodTo), createdAt: r.createdAt.toISOString() }));
}
