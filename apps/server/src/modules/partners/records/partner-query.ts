import type { PartnerListQuery } from '@mamori/contracts';
import { and, eq, gte, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { escapeLike } from '../../../platform/access/scope';
import { CursorPart, decodeCursor } from '../../../platform/http/cursor';
import { partnerScopeSql, qualified, type PartnerScope } from '../access';
import { partners } from '../tables';

type Query = Omit<z.infer<typeof PartnerListQuery>, 'limit' | 'cursor'> & { cursor?: string | undefined };

/** A valid NDA today: started, and not ended. */
export const hasValidNdaSql = sql<boolean>`EXISTS (SELECT 1 FROM partner_ndas n WHERE n.partner_id = ${qualified(partners.id)}
  AND n.valid_from <= current_date AND (n.valid_until IS NULL OR n.valid_until >= current_date))`;

/** Overdue: a check sheet not submitted by its due date, or an improvement request not settled by its due date. */
export const overdueSql = sql<boolean>`(EXISTS (SELECT 1 FROM partner_assessments a WHERE a.partner_id = ${qualified(partners.id)}
  AND a.status IN ('draft', 'reopened') AND a.due_on < current_date)
  OR EXISTS (SELECT 1 FROM improvement_requests r WHERE r.partner_id = ${qualified(partners.id)}
  AND r.status IN ('open', 'returned') AND r.due_on < current_date))`;

export const listColumns = {
  id: partners.id,
  nameJa: partners.nameJa,
  nameEn: partners.nameEn,
  corporateNumber: partners.corporateNumber,
  country: partners.country,
  status: partners.status,
  tier: partners.tier,
  latestScore: partners.latestScore,
  latestPassed: sql<boolean | null>`(SELECT a.passed FROM partner_assessments a WHERE a.id = ${partners.latestAssessmentId})`,
  latestScoredAt: partners.latestScoredAt,
  hasValidNda: hasValidNdaSql,
  overdue: overdueSql,
};

/** The WHERE and ORDER BY of the partner list (and its XLSX export): filters, scope, keyset after the cursor. */
export function partnerListSql(scope: PartnerScope, q: Query) {
  const where: (SQL | undefined)[] = [partnerScopeSql(scope, partners.id)];
  if (q.q) {
    const pattern = `%${escapeLike(q.q)}%`;
    where.push(
      or(sql`${partners.nameEn} ILIKE ${pattern}`, sql`${partners.nameJa} ILIKE ${pattern}`, eq(partners.corporateNumber, q.q)),
    );
  }
  if (q.tier) where.push(eq(partners.tier, q.tier));
  if (q.country) where.push(eq(partners.country, q.country));
  if (q.status) where.push(eq(partners.status, q.status));
  if (q.scoreMin !== undefined) where.push(gte(partners.latestScore, q.scoreMin));
  if (q.scoreMax !== undefined) where.push(lte(partners.latestScore, q.scoreMax));
  if (q.unscored !== undefined) where.push(q.unscored ? isNull(partners.latestScore) : sql`${partners.latestScore} IS NOT NULL`);
  if (q.overdue !== undefined) where.push(q.overdue ? overdueSql : sql`NOT ${overdueSql}`);
  if (q.noValidNda !== undefined) where.push(q.noValidNda ? sql`NOT ${hasValidNdaSql}` : hasValidNdaSql);

  const desc = q.sort.startsWith('-');
  const byScore = q.sort.endsWith('score');
  const cmp = desc ? sql`<` : sql`>`;
  if (q.cursor) {
    const [value, id] = byScore
      ? decodeCursor(q.cursor, z.tuple([CursorPart.number.nullable(), CursorPart.uuid]))
      : decodeCursor(q.cursor, z.tuple([CursorPart.text(500), CursorPart.uuid]));
    if (!byScore) where.push(sql`(${partners.nameEn}, ${partners.id}) ${cmp} (${value}, ${id})`);
    // Unscored partners come last in both directions.
    else if (value === null) where.push(sql`${partners.latestScore} IS NULL AND ${partners.id} ${cmp} ${id}`);
    else
      where.push(
        sql`(${partners.latestScore} ${cmp} ${value} OR (${partners.latestScore} = ${value} AND ${partners.id} ${cmp} ${id}) OR ${partners.latestScore} IS NULL)`,
      );
  }
  const dir = desc ? sql`DESC` : sql`ASC`;
  const orderBy = byScore
    ? [sql`${partners.latestScore} ${dir} NULLS LAST`, sql`${partners.id} ${dir}`]
    : [sql`${partners.nameEn} ${dir}`, sql`${partners.id} ${dir}`];
  const cursorOf = (r: { nameEn: string; latestScore: number | null; id: string }) => [byScore ? r.latestScore : r.nameEn, r.id];
  return { where: and(...where), orderBy, cursorOf };
}
