import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { orgUnits } from './tables';

/**
 * The company a unit belongs to (issue #22): the nearest unit of kind `company` on its path (an affiliate before its
 * operating company before the holding). Read functions only; the companies' own profile lives elsewhere.
 */

/** The nearest company on a materialized path (`/root/…/self/`), as a SQL expression answering its id (or null). */
export const companyOfPathSql = (path: SQL): SQL => sql`(SELECT c.id FROM org_units c
  WHERE c.id = ANY (string_to_array(trim(both '/' from ${path}), '/')::uuid[]) AND c.kind = 'company'
  ORDER BY c.depth DESC LIMIT 1)`;

export interface CompanyRef {
  id: string;
  path: string;
  depth: number;
  nameJa: string;
  nameEn: string;
}

const companyColumns = {
  id: orgUnits.id,
  path: orgUnits.path,
  depth: orgUnits.depth,
  nameJa: orgUnits.nameJa,
  nameEn: orgUnits.nameEn,
};

/** The nearest company of a unit (the unit itself when it is one); null for a unit outside every company. */
export async function companyOfUnit(db: Db, unitId: string): Promise<CompanyRef | null> {
  const [unit] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, unitId));
  if (!unit) return null;
  const ids = unit.path.split('/').filter(Boolean);
  const [c] = await db
    .select(companyColumns)
    .from(orgUnits)
    .where(and(inArray(orgUnits.id, ids), eq(orgUnits.kind, 'company')))
    .orderBy(sql`${orgUnits.depth} DESC`)
    .limit(1);
  return c ?? null;
}

/** Every company unit, holding first (by depth, then code). */
export async function listCompanies(db: Db): Promise<CompanyRef[]> {
  return db
    .select(companyColumns)
    .from(orgUnits)
    .where(eq(orgUnits.kind, 'company'))
    .orderBy(asc(orgUnits.depth), asc(orgUnits.code));
}

/** One company unit by id; null when it does not exist or is not a company. */
export async function companyById(db: Db, id: string): Promise<CompanyRef | null> {
  const [c] = await db
    .select(companyColumns)
    .from(orgUnits)
    .where(and(eq(orgUnits.id, id), eq(orgUnits.kind, 'company')));
  return c ?? null;
}
