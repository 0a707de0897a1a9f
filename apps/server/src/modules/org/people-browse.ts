import type { Db } from '../../db/client';
import { queryStatement, statementBuilder } from '../../db/sql';
import type { Scope } from '../../platform/access/scope';
import { pageRows, personsOf, unitFilter, type ListRow } from './people-sql';
import type { PersonListRow } from './present';

/**
 * A page of the people list without a name search: a subtree (or the reader's whole scope) sorted by name or
 * by employee number. One hand-written statement, prepared once per connection.
 *
 * No single plan suits every subtree. A small one (a section, a works) is best read whole through
 * `people_org_browse_idx` and sorted; a large one (a head office of 60,000) is best read in list order from the
 * name or employee-number index, keeping the rows in the subtree, since one in a few belongs to it. The
 * planner cannot tell them apart (it sees a list of units, not how many people they hold), so the statement
 * counts, through the index, up to SMALL people in the subtree and takes one branch or the other; the other
 * branch is skipped at run time (a one-time filter). bench/README.md, case e, has the figures.
 */

/** Up to this many people, a subtree is read whole and sorted; beyond, read in index order. */
export const SMALL = 2000;

export interface Browse {
  scope: Scope;
  orgUnitId?: string | undefined;
  status?: string | undefined;
  kind?: string | undefined;
  by: 'name' | 'employeeNo';
  descending: boolean;
  /** The sort key and id of the last row of the previous page. */
  after?: { key: string; id: string } | undefined;
  /** Rows to return (the page size + 1). */
  limit: number;
}

export interface BrowseResult {
  /** The path of `orgUnitId` (null when it does not exist or none was asked for). */
  unitPath: string | null;
  rows: PersonListRow[];
}

export async function browsePeople(db: Db, s: Browse): Promise<BrowseResult> {
  const { values, param } = statementBuilder();
  const key = s.by === 'name' ? 'name_en' : 'employee_no';
  const dir = s.descending ? 'DESC' : 'ASC';
  const limit = String(Math.trunc(s.limit));
  const units = unitFilter(param, s.scope, s.orgUnitId);
  const filters: string[] = [];
  if (s.status) filters.push(`p.status = ${param(s.status)}`);
  if (s.kind) filters.push(`p.kind = ${param(s.kind)}`);
  if (s.after) filters.push(`(p.${key}, p.id) ${s.descending ? '<' : '>'} (${param(s.after.key)}, ${param(s.after.id)}::uuid)`);
  const page = (where: string[], sortKey: string) =>
    `SELECT p.id AS person_id FROM people p WHERE ${[...where, ...filters].join(' AND ')}
      ORDER BY ${sortKey} ${dir}, p.id ${dir} LIMIT ${limit}`;
  const order = `p.${key} ${dir}, p.id ${dir}`;
  // In index order: the rows of the subtree as the key's index meets them.
  const walk = (guard: string[]) => page([...guard, units.inUnits('p.org_unit_id')], `p.${key}`);
  // Whole and sorted: `|| ''` hides the key from the btree, so that the subtree's own index drives the read.
  const whole = (guard: string[]) => page([...guard, 'p.org_unit_id IN (SELECT id FROM units)'], `p.${key} || ''`);
  const text = units.restricted
    ? `WITH ${units.ctes}
       small AS MATERIALIZED (
         SELECT count(*) < ${SMALL} AS yes
           FROM (SELECT 1 FROM people p WHERE p.org_unit_id IN (SELECT id FROM units) LIMIT ${SMALL}) x
       ),
       page AS ((${whole(['(SELECT yes FROM small)'])}) UNION ALL (${walk(['NOT (SELECT yes FROM small)'])}))
       ${pageRows(units.unitPath, '0', order)}`
    : `WITH page AS (${walk([])})
       ${pageRows(units.unitPath, '0', order)}`;
  const rows = await queryStatement<ListRow>(db, { text, values });
  return { unitPath: rows[0]!.unitPath, rows: personsOf(rows) };
}
