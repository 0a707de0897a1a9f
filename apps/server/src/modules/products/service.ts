/** What other domains (vulnerabilities, advisories) may use of the products domain. */
import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
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

export interface CraProductRef extends ProductRef {
  craInScope: boolean;
  euMarketSince: string | null;
  craCategory: string;
  supportPeriodEnd: string | null;
  mainEstablishment: string | null;
  euMarkets: string[];
}

/** Products by id with their EU Cyber Resilience Act attributes (for the CRA clocks and report drafts). */
export async function craProductsByIds(db: Db, ids: string[]): Promise<CraProductRef[]> {
  if (!ids.length) return [];
  return db
    .select({
      id: products.id,
      code: products.code,
      nameJa: products.nameJa,
      nameEn: products.nameEn,
      orgPath: orgUnits.path,
      craInScope: products.craInScope,
      euMarketSince: products.euMarketSince,
      craCategory: products.craCategory,
      supportPeriodEnd: products.supportPeriodEnd,
      mainEstablishment: products.mainEstablishment,
      euMarkets: products.euMarkets,
    })
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

export { releases } from './tables';

/** What a supplier advisory's product is looked up by: a name (any ecosystem's spelling) or a purl. */
export interface ComponentQuery {
  name: string | null;
  purl: string | null;
}

export interface ComponentCandidate {
  /** the index of the query it answers */
  query: number;
  name: string;
  version: string | null;
  purl: string | null;
  ecosystem: string | null;
  releaseId: string;
  releaseVersion: string;
  productId: string;
  productCode: string;
  productNameJa: string;
  productNameEn: string;
  orgPath: string;
}

/**
 * The SBOM components of every release that answer the queries, by the where-used keys (migration 0019's
 * functions, as `GET /api/components` uses them): a purl finds its ecosystem's components (and those without a
 * purl) of the same canonical name; a name finds the components whose key equals it canonicalised by the
 * component's own ecosystem. Versions are not compared here: the caller knows the range. No scope: the caller
 * (the supplier-advisory matcher) stores the org path with each match and applies the reader's scope when read.
 */
export async function componentsMatching(db: Db, queries: ComponentQuery[]): Promise<ComponentCandidate[]> {
  if (!queries.length) return [];
  const items = JSON.stringify(queries.map((q, i) => ({ i, name: q.name, purl: q.purl })));
  const q = sql`jsonb_to_recordset(${items}::jsonb) AS q(i int, name text, purl text)`;
  const cols = sql`q.i AS "query", c.name, c.version, c.purl, c.ecosystem, c.release_id AS "releaseId", r.version AS "releaseVersion",
    p.id AS "productId", p.code AS "productCode", p.name_ja AS "productNameJa", p.name_en AS "productNameEn", o.path AS "orgPath"`;
  const joins = sql`JOIN product_releases r ON r.id = c.release_id JOIN products p ON p.id = c.product_id JOIN org_units o ON o.id = p.org_unit_id`;
  return queryRows<ComponentCandidate>(
    db,
    sql`
    SELECT ${cols} FROM ${q} JOIN sbom_components c
      ON c.name_key = component_name_key(component_ecosystem(q.purl), component_purl_name(q.purl))
     AND (c.ecosystem = component_ecosystem(q.purl) OR c.ecosystem IS NULL) ${joins}
     WHERE q.purl IS NOT NULL
    UNION ALL
    SELECT ${cols} FROM ${q} JOIN sbom_components c
      ON c.name_key = ANY(component_name_keys(q.name)) AND c.name_key = component_name_key(c.ecosystem, q.name) ${joins}
     WHERE q.purl IS NULL AND q.name IS NOT NULL`,
  );
}

/** Whether a release's SBOM was imported (or replaced) after `since`, or a release was added. */
export async function sbomsChangedSince(db: Db, since: Date): Promise<boolean> {
  const rows = await queryRows<{ x: number }>(
    db,
    sql`SELECT 1 AS x FROM product_releases WHERE sbom_imported_at > ${since} OR created_at > ${since} LIMIT 1`,
  );
  return rows.length > 0;
}

/** After release: a vulnerability case found products affected; their TARAs get an open review (docs/tara.md). */
export { flagTaraReviews } from './tara/review';

export { productCraChanged, productCraLockName, type ProductCraChange } from './events';
