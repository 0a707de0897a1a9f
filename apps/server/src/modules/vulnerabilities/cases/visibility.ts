import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { Scope } from '../../../platform/access/scope';
import { notFound } from '../../../platform/errors/app-error';
import { productInScopeSql } from '../../products/service';
import { vulnerabilities, vulnerabilityProducts } from '../tables';

/**
 * Need-to-know: a group-wide scope sees every case; a divisional scope sees the cases that name one of
 * its products. A new report names no product yet, so only the group-wide PSIRT sees it.
 */
export function caseScopeSql(scope: Scope): SQL {
  if (scope.kind === 'all') return sql`true`;
  if (scope.kind === 'none') return sql`false`;
  return sql`EXISTS (SELECT 1 FROM ${vulnerabilityProducts} vp WHERE vp.vulnerability_id = ${vulnerabilities.id} AND ${productInScopeSql(scope, sql`vp.product_id`)})`;
}

export async function loadCase(db: Db, scope: Scope, id: string) {
  const [row] = await db
    .select()
    .from(vulnerabilities)
    .where(and(eq(vulnerabilities.id, id), caseScopeSql(scope)));
  if (!row) throw notFound('The vulnerability');
  return row;
}
