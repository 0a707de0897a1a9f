import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { scopeSql, type Scope } from '../../platform/access/scope';

/**
 * Read functions about the group's companies (org units of kind `company`) that other domains use through
 * service.ts: the company a unit belongs to, and the companies in a scope.
 */

export interface CompanyRow {
  id: string;
  code: string;
  nameJa: string;
  nameEn: string;
  path: string;
  depth: number;
  /** the nearest company above it; null for a top company (the holding) */
  parentCompanyId: string | null;
}

const COMPANY_COLUMNS = sql`c.id::text AS "id", c.code AS "code", c.name_ja AS "nameJa", c.name_en AS "nameEn", c.path AS "path",
  c.depth AS "depth",
  (SELECT p.id::text FROM org_units p
    WHERE p.kind = 'company' AND p.id <> c.id AND p.id = ANY (string_to_array(trim(both '/' from c.path), '/')::uuid[])
    ORDER BY p.depth DESC LIMIT 1) AS "parentCompanyId"`;

/** The companies whose unit lies in the scope, from the top down (holding first). */
export function companiesIn(db: Db, scope: Scope): Promise<CompanyRow[]> {
  return queryRows<CompanyRow>(
    db,
    sql`SELECT ${COMPANY_COLUMNS} FROM org_units c WHERE c.kind = 'company' AND ${scopeSql(scope, sql`c.path`)}
        ORDER BY c.depth, c.name_en, c.id`,
  );
}

/** One company by its unit id; null when the unit does not exist or is not a company. */
export async function companyById(db: Db, id: string): Promise<CompanyRow | null> {
  const [row] = await queryRows<CompanyRow>(
    db,
    sql`SELECT ${COMPANY_COLUMNS} FROM org_units c WHERE c.kind = 'company' AND c.id = ${id}::uuid`,
  );
  return row ?? null;
}

/** The company a unit belongs to: the nearest unit of kind `company` on its path (itself if it is one); null if none. */
export async function companyOfUnit(db: Db, unitId: string): Promise<CompanyRow | null> {
  const [row] = await queryRows<CompanyRow>(
    db,
    sql`SELECT ${COMPANY_COLUMNS} FROM org_units c
        WHERE c.kind = 'company'
          AND c.id = ANY (string_to_array(trim(both '/' from (SELECT u.path FROM org_units u WHERE u.id = ${unitId}::uuid)), '/')::uuid[])
        ORDER BY c.depth DESC LIMIT 1`,
  );
  return row ?? null;
}

/** The companies on a company's path above it, nearest first (its parent company, …, the holding). */
export async function companiesAbove(db: Db, company: Pick<CompanyRow, 'id' | 'path'>): Promise<CompanyRow[]> {
  return queryRows<CompanyRow>(
    db,
    sql`SELECT ${COMPANY_COLUMNS} FROM org_units c
        WHERE c.kind = 'company' AND c.id <> ${company.id}::uuid
          AND c.id = ANY (string_to_array(trim(both '/' from ${company.path}::text), '/')::uuid[])
        ORDER BY c.depth DESC`,
  );
}

/** Every company unit, holding first (by depth, then code). */
export function allCompanies(db: Db): Promise<CompanyRow[]> {
  return queryRows<CompanyRow>(
    db,
    sql`SELECT ${COMPANY_COLUMNS} FROM org_units c WHERE c.kind = 'company' ORDER BY c.depth, c.code`,
  );
}

/** The nearest company on a materialized path (`/root/…/self/`), as a SQL expression answering its id (or null). */
export const companyOfPathSql = (path: SQL): SQL => sql`(SELECT c.id FROM org_units c
  WHERE c.id = ANY (string_to_array(trim(both '/' from ${path}), '/')::uuid[]) AND c.kind = 'company'
  ORDER BY c.depth DESC LIMIT 1)`;
