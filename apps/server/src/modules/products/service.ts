/** What other domains (vulnerabilities, advisories) may use of the products domain. */
import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { scopeSql, type Scope } from '../../platform/access/scope';
import { orgUnits } from '../org/tables';
import { products, releases } from './tables';

export { products } from './tables';

export interface ProductRef {
  id: string;
  code: string;
  nameJa: string;
  nameEn: string;
  orgPath: string;
}

/** Products by id with their owner's org path (for scope checks and presenting). */
export async function productsByIds(db: Db, ids: string[]): Promise<ProductRef[]> {
  if (!ids.length) return [];
  return db
    .select({ id: products.id, code: products.code, nameJa: products.nameJa, nameEn: products.nameEn, orgPath: orgUnits.path })
    .from(products)
    .innerJoin(orgUnits, eq(orgUnits.id, products.orgUnitId))
    .where(inArray(products.id, ids));
}

/** SQL: `column` is the id of a product inside the scope. */
export function productInScopeSql(scope: Scope, column: SQL | { name: string }): SQL {
  if (scope.kind === 'all') return sql`true`;
  if (scope.kind === 'none') return sql`false`;
  return sql`${column} IN (SELECT ${products.id} FROM ${products} JOIN ${orgUnits} ON ${orgUnits.id} = ${products.orgUnitId} WHERE ${scopeSql(scope, orgUnits.path)})`;
}

/** Release versions of the products, for CSAF product trees. */
export async function releasesOf(db: Db, productIds: string[]) {
  if (!productIds.length) return [];
  return db
    .select({ productId: releases.productId, version: releases.version, status: releases.status })
    .from(releases)
    .where(inArray(releases.productId, productIds));
}

/** Products whose English name or code matches one of the names (case-insensitive), with their org path. */
export async function productsByName(db: Db, names: string[]): Promise<ProductRef[]> {
  const wanted = [...new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean))];
  if (!wanted.length) return [];
  return db
    .select({ id: products.id, code: products.code, nameJa: products.nameJa, nameEn: products.nameEn, orgPath: orgUnits.path })
    .from(products)
    .innerJoin(orgUnits, eq(orgUnits.id, products.orgUnitId))
    .where(
      sql`lower(${products.nameEn}) IN (${sql.join(
        wanted.map((w) => sql`${w}`),
        sql`, `,
      )}) OR lower(${products.code}) IN (${sql.join(
        wanted.map((w) => sql`${w}`),
        sql`, `,
      )})`,
    );
}

/** After release: a vulnerability case found products affected; their TARAs get an open review (docs/tara.md). */
export { flagTaraReviews } from './tara/review';
