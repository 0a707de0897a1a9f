import type { VulnerabilityListQuery } from '@mamori/contracts';
import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { escapeLike, scopeOf } from '../../../platform/access/scope';
import { CursorPart, decodeCursor, pageOf } from '../../../platform/http/cursor';
import type { Ctx } from '../../../platform/tx';
import { caseScopeSql } from './visibility';
import { presentVulnerability } from './present';
import { vulnerabilities, vulnerabilityProducts } from '../tables';

type Query = z.infer<typeof VulnerabilityListQuery>;

/** The severity and score a case is filtered and sorted by: CVSS 4.0 where given, else 3.1. */
const severitySql = sql`coalesce(${vulnerabilities.cvss40Severity}, ${vulnerabilities.cvss31Severity})`;
const scoreSql = sql<number | null>`coalesce(${vulnerabilities.cvss40Score}, ${vulnerabilities.cvss31Score})`;

function filters(q: Query): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [];
  if (q.status) where.push(eq(vulnerabilities.status, q.status));
  if (q.severity) where.push(sql`${severitySql} = ${q.severity}`);
  if (q.productId)
    where.push(
      sql`EXISTS (SELECT 1 FROM ${vulnerabilityProducts} vp WHERE vp.vulnerability_id = ${vulnerabilities.id} AND vp.product_id = ${q.productId})`,
    );
  if (q.q) {
    const n = /^\d+$/.test(q.q) ? Number(q.q) : null;
    where.push(
      or(
        sql`${vulnerabilities.title} ILIKE ${`%${escapeLike(q.q)}%`}`,
        eq(vulnerabilities.cveId, q.q.toUpperCase()),
        n !== null && n < 2 ** 31 ? eq(vulnerabilities.number, n) : undefined,
      ),
    );
  }
  return where;
}

/** Keyset paging in each sort order: the sort value and the id of the last row; unscored cases come last. */
function ordering(q: Query) {
  const desc = q.sort.startsWith('-');
  const cmp = desc ? sql`<` : sql`>`;
  const dir = desc ? sql`DESC` : sql`ASC`;
  const id = vulnerabilities.id;
  const byScore = q.sort.endsWith('score');
  const column = q.sort.endsWith('updatedAt') ? vulnerabilities.updatedAt : vulnerabilities.createdAt;
  const key = byScore ? scoreSql : sql<string>`${column}::text`;
  const after = (cursor: string): SQL => {
    if (!byScore) {
      const [value, last] = decodeCursor(cursor, z.tuple([CursorPart.pgTimestamp, CursorPart.uuid]));
      return sql`(${column}, ${id}) ${cmp} (${value}::timestamptz, ${last}::uuid)`;
    }
    const [value, last] = decodeCursor(cursor, z.tuple([CursorPart.number.nullable(), CursorPart.uuid]));
    if (value === null) return sql`${scoreSql} IS NULL AND ${id} ${cmp} ${last}`;
    return sql`(${scoreSql} ${cmp} ${value} OR (${scoreSql} = ${value} AND ${id} ${cmp} ${last}) OR ${scoreSql} IS NULL)`;
  };
  const orderBy = byScore ? [sql`${scoreSql} ${dir} NULLS LAST`, sql`${id} ${dir}`] : [sql`${column} ${dir}`, sql`${id} ${dir}`];
  return { key, after, orderBy };
}

/** The cases in the caller's need-to-know scope, filtered, sorted and paged (keyset). */
export async function listCases(ctx: Ctx, q: Query) {
  const { key, after, orderBy } = ordering(q);
  const where = [caseScopeSql(scopeOf(ctx.principal, 'vulnerabilities:read')), ...filters(q)];
  if (q.cursor) where.push(after(q.cursor));
  const rows = await ctx.db
    .select({ row: vulnerabilities, key })
    .from(vulnerabilities)
    .where(and(...where))
    .orderBy(...orderBy)
    .limit(q.limit + 1);
  return pageOf(
    rows,
    q.limit,
    (r) => presentVulnerability(r.row),
    (r) => [r.key, r.row.id],
  );
}
