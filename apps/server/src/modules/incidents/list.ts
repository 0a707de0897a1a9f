import { z } from 'zod';
import type { IncidentListQuery } from '@mamori/contracts';
import { and, desc, eq, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { escapeLike } from '../../platform/access/scope';
import { invalid } from '../../platform/errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../../platform/http/cursor';
import type { Ctx } from '../../platform/tx';
import { orgUnits } from '../org/tables';
import { presentListItem } from './present';
import { incidents } from './tables';
import { selectCases, visibleSql } from './visibility';

export type ListFilters = Omit<IncidentListQuery, 'limit' | 'cursor'>;

/** The visibility rule and the list filters, as one where clause (the list and the XLSX export share it). */
export async function filtersSql(db: Db, ctx: Ctx, q: ListFilters): Promise<(SQL | undefined)[]> {
  const where: (SQL | undefined)[] = [visibleSql(ctx)];
  if (q.status === 'open') where.push(ne(incidents.status, 'closed'));
  else if (q.status) where.push(eq(incidents.status, q.status));
  if (q.typeId) where.push(eq(incidents.typeId, q.typeId));
  if (q.severity) where.push(eq(incidents.severity, q.severity));
  if (q.nearMiss) where.push(eq(incidents.nearMiss, q.nearMiss === 'true'));
  if (q.from) where.push(sql`${incidents.reportedAt} >= ${new Date(q.from).toISOString()}`);
  if (q.to) where.push(sql`${incidents.reportedAt} < ${new Date(q.to).toISOString()}`);
  if (q.mine === 'true') where.push(eq(incidents.reporterId, ctx.principal!.userId));
  if (q.orgUnitId) {
    // Narrows the visible cases to a subtree; it reveals nothing about the unit beyond its existence.
    const [unit] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, q.orgUnitId));
    if (!unit) throw invalid([{ path: 'querystring.orgUnitId', message: 'unknown org unit' }]);
    where.push(sql`${orgUnits.path} LIKE ${escapeLike(unit.path) + '%'}`);
  }
  if (q.q) where.push(or(sql`${incidents.title} ILIKE ${`%${escapeLike(q.q)}%`}`, eq(incidents.number, q.q.toUpperCase())));
  return where;
}

/** Cases the caller may see, newest report first, keyset-paged on (reportedAt, id). */
export async function listIncidents(ctx: Ctx, q: IncidentListQuery) {
  const where = await filtersSql(ctx.db, ctx, q);
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, z.tuple([CursorPart.instant, CursorPart.uuid]));
    const atSql = sql`${at}::timestamptz`;
    where.push(or(lt(incidents.reportedAt, atSql), and(eq(incidents.reportedAt, atSql), lt(incidents.id, id))));
  }
  const rows = await selectCases(ctx.db)
    .where(and(...where))
    .orderBy(desc(incidents.reportedAt), desc(incidents.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, presentListItem, (r) => [r.incident.reportedAt.toISOString(), r.incident.id]);
}
