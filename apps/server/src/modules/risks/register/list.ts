import type { RiskListQuery } from '@mamori/contracts';
import { and, count, desc, eq, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { escapeLike, scopeOf, scopeSql } from '../../../platform/access/scope';
import { fieldError, invalid } from '../../../platform/errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../../../platform/http/cursor';
import type { Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { risks } from '../tables';
import { presentListItem, selectRisks } from './query';

export type RiskFilters = Omit<RiskListQuery, 'limit' | 'cursor'>;

/** The unit's subtree path, for a unitId filter (400 when the unit does not exist). */
export async function unitPathOf(db: Db, unitId: string, path = 'querystring.unitId'): Promise<string> {
  const [unit] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, unitId));
  if (!unit) throw invalid([fieldError(path, 'risks.unit_unknown')]);
  return unit.path;
}

/** The risks:read scope and the filters as one where clause (the list, the count and the export share it). */
export async function riskFiltersSql(ctx: Ctx, q: RiskFilters): Promise<(SQL | undefined)[]> {
  const where: (SQL | undefined)[] = [scopeSql(scopeOf(ctx.principal, 'risks:read'), risks.unitPath)];
  if (q.unitId) where.push(sql`${risks.unitPath} LIKE ${escapeLike(await unitPathOf(ctx.db, q.unitId)) + '%'}`);
  const inherent = q.basis === 'inherent';
  if (q.level) where.push(eq(inherent ? risks.inherentLevel : risks.residualLevel, q.level));
  if (q.likelihood) where.push(eq(inherent ? risks.inherentLikelihood : risks.residualLikelihood, q.likelihood));
  if (q.impact) where.push(eq(inherent ? risks.inherentImpact : risks.residualImpact, q.impact));
  if (q.treatment) where.push(eq(risks.treatment, q.treatment));
  if (q.status === 'accepted') where.push(sql`${risks.acceptedAt} IS NOT NULL`);
  else if (q.status === 'overdue') where.push(sql`${risks.status} <> 'done' AND ${risks.dueDate} < current_date`);
  else if (q.status) where.push(eq(risks.status, q.status));
  if (q.ownerId) where.push(eq(risks.ownerId, q.ownerId));
  if (q.threat) where.push(eq(risks.threatId, q.threat));
  if (q.q) where.push(ilike(risks.title, `%${escapeLike(q.q)}%`));
  return where;
}

/** The register in the caller's scope, most recently changed first, keyset-paged on (updatedAt, id), with the total. */
export async function listRisks(ctx: Ctx, q: RiskListQuery) {
  const where = await riskFiltersSql(ctx, q);
  const [{ total }] = (await ctx.db
    .select({ total: count() })
    .from(risks)
    .where(and(...where))) as [{ total: number }];
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, z.tuple([CursorPart.pgTimestamp, CursorPart.uuid]));
    const atSql = sql`${at}::timestamptz`;
    where.push(or(lt(risks.updatedAt, atSql), and(eq(risks.updatedAt, atSql), lt(risks.id, id))));
  }
  const rows = await selectRisks(ctx.db)
    .where(and(...where))
    .orderBy(desc(risks.updatedAt), desc(risks.id))
    .limit(q.limit + 1);
  return { ...pageOf(rows, q.limit, presentListItem, (r) => [r.updatedAtText, r.risk.id]), total };
}
