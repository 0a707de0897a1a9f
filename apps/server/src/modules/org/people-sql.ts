import type { Scope } from '../../platform/access/scope';
import { escapeLike } from '../../platform/access/scope';
import type { PersonListRow } from './present';

/**
 * Pieces shared by the hand-written people-list statements (people-search.ts, people-browse.ts): the units a
 * page may draw from, and the final select that adds unit names and account ids to a page of ids. Both
 * statements are prepared once per connection (db/sql.ts `queryStatement`), so their text depends only on
 * which filters are present, never on the values.
 */

export type Param = (value: unknown) => string;

export interface UnitFilter {
  /** CTEs to put first in the statement's WITH (each followed by a comma). */
  ctes: string;
  /** A condition on a people-like row's org_unit_id column: within the units (or `true`). */
  inUnits: (column: string) => string;
  /** The requested unit's path, for the final select: the caller checks it may be read (404 otherwise). */
  unitPath: string;
  /** Whether there is a `units` CTE (false: the reader sees the whole group and asked for no subtree). */
  restricted: boolean;
}

/**
 * The requested subtree (a text_pattern_ops range on the path, served by org_units_path_idx) within the
 * reader's people:read scope, as a materialized CTE `units`.
 */
export function unitFilter(param: Param, scope: Scope, orgUnitId: string | undefined): UnitFilter {
  const ctes: string[] = [];
  const where: string[] = [];
  if (orgUnitId) {
    ctes.push(`sub AS (SELECT path FROM org_units WHERE id = ${param(orgUnitId)}::uuid)`);
    where.push(`u.path ~>=~ sub.path AND u.path ~<~ (sub.path || chr(1114111))`);
  }
  if (scope.kind === 'none') where.push('false');
  if (scope.kind === 'paths') where.push(`(${scope.paths.map((p) => `u.path LIKE ${param(escapeLike(p) + '%')}`).join(' OR ')})`);
  if (where.length)
    ctes.push(`units AS MATERIALIZED (SELECT u.id FROM org_units u${orgUnitId ? ', sub' : ''} WHERE ${where.join(' AND ')})`);
  return {
    ctes: ctes.map((c) => `${c},\n`).join(''),
    // `IS TRUE` keeps the IN from being turned into a join: PostgreSQL then tests each index entry against a
    // hash of the units (hashed SubPlan) instead of scanning the unit list per entry in a nested-loop semi-join.
    inUnits: where.length ? (column) => `(${column} IN (SELECT id FROM units)) IS TRUE` : () => 'true',
    unitPath: orgUnitId ? '(SELECT path FROM sub)' : 'NULL::text',
    restricted: where.length > 0,
  };
}

/** A row of the final select: the person as listed, plus what the statement found out on the way. */
export type ListRow = PersonListRow & { unitPath: string | null; extra: number };

/**
 * The final select over a CTE `page(person_id)`: one row per person in list order, each with the unit's
 * names and the account id; or, when the page is empty, one row of nulls that still carries `unitPath` and
 * `extra` (a number the statement computed, e.g. how many words matched).
 */
export function pageRows(unitPath: string, extra: string, orderBy: string): string {
  return `
    SELECT m.unit_path AS "unitPath", m.extra::int AS "extra",
           p.id, p.row_version AS "rowVersion", p.employee_no AS "employeeNo", p.name_ja AS "nameJa", p.name_en AS "nameEn", p.email, p.kind,
           p.status, p.org_unit_id AS "orgUnitId",
           to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt",
           ou.name_en AS "orgUnitName", ou.name_ja AS "orgUnitNameJa", us.id AS "accountId"
      FROM (SELECT ${unitPath} AS unit_path, ${extra} AS extra) m
      LEFT JOIN (page JOIN people p ON p.id = page.person_id
                      JOIN org_units ou ON ou.id = p.org_unit_id
                      LEFT JOIN users us ON us.person_id = p.id) ON true
     ORDER BY ${orderBy}`;
}

/** The page's persons (none when the statement answered its one row of nulls). */
export const personsOf = (rows: ListRow[]): PersonListRow[] => (rows[0]?.id == null ? [] : rows);
