import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { scopeSql, type Scope } from '../../platform/access/scope';
import { orgUnits, people } from './tables';

/**
 * What other domains may use of the org domain beyond its tables' ids (campaigns that roll up by site: inventories,
 * control-status requests, and later plans and audits).
 */

/**
 * The site a unit belongs to, as a SQL expression on the unit's materialized path (`/root/…/self/`): the deepest
 * unit of kind `site` among the ids of the path, found by primary key; null for a unit above every site.
 */
export const siteOfPathSql = (path: SQL): SQL => sql`(SELECT s.id FROM org_units s
  WHERE s.id = ANY (string_to_array(trim(both '/' from ${path}), '/')::uuid[]) AND s.kind = 'site'
  ORDER BY s.depth DESC LIMIT 1)`;

/** The people with these ids (names and status), for domains that name people (register handlers). */
export async function peopleByIds(db: Db, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: people.id, nameJa: people.nameJa, nameEn: people.nameEn, status: people.status, orgUnitId: people.orgUnitId })
    .from(people)
    .where(inArray(people.id, [...new Set(ids)]));
}

/** The person with this employee number (single sign-on links an identity to its account through it); null if none. */
export async function personByEmployeeNo(db: Db, employeeNo: string) {
  const [p] = await db
    .select({ id: people.id, nameJa: people.nameJa, nameEn: people.nameEn, email: people.email, status: people.status })
    .from(people)
    .where(eq(people.employeeNo, employeeNo));
  return p ?? null;
}

/** One org unit's id, path and names; null when it does not exist. */
export async function unitById(db: Db, id: string) {
  const [u] = await db
    .select({ id: orgUnits.id, path: orgUnits.path, nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn, kind: orgUnits.kind })
    .from(orgUnits)
    .where(eq(orgUnits.id, id));
  return u ?? null;
}

/** Every unit of these kinds (the reports' daily snapshots are kept per company and site), by path. */
export async function unitsOfKinds(db: Db, kinds: readonly UnitKind[]): Promise<{ id: string; path: string; kind: UnitKind }[]> {
  return db
    .select({ id: orgUnits.id, path: orgUnits.path, kind: orgUnits.kind })
    .from(orgUnits)
    .where(inArray(orgUnits.kind, [...kinds]))
    .orderBy(orgUnits.path);
}
type UnitKind = (typeof orgUnits.$inferSelect)['kind'];

/**
 * The organisation in a scope (issue #15, the yearly report's governance section): units by kind and the active
 * people in them.
 */
export async function orgHeadcount(db: Db, scope: Scope): Promise<{ kind: string; units: number; people: number }[]> {
  return queryRows<{ kind: string; units: number; people: number }>(
    db,
    sql`SELECT o.kind, count(DISTINCT o.id)::int AS units, count(p.id) FILTER (WHERE p.status = 'active')::int AS people
        FROM org_units o LEFT JOIN people p ON p.org_unit_id = o.id WHERE ${scopeSql(scope, sql`o.path`)} GROUP BY o.kind`,
  );
}

/** How many org units and active people there are, group-wide (the set-up's next steps, accounts/next-steps.ts). */
export async function orgSize(db: Db): Promise<{ units: number; people: number }> {
  const [row] = await queryRows<{ units: number; people: number }>(
    db,
    sql`SELECT (SELECT count(*)::int FROM org_units) AS units,
               (SELECT count(*)::int FROM people WHERE status = 'active') AS people`,
  );
  return row ?? { units: 0, people: 0 };
}

/** The group's companies (issue #22): the company of a unit, the companies in a scope, those above a company. */
export {
  allCompanies,
  companiesAbove,
  companiesIn,
  companyById,
  companyOfPathSql,
  companyOfUnit,
  type CompanyRow,
} from './companies';
