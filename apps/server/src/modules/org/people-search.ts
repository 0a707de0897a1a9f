import type { Db } from '../../db/client';
import { queryStatement, statementBuilder } from '../../db/sql';
import type { Scope } from '../../platform/access/scope';
import { pageRows, personsOf, unitFilter, type ListRow } from './people-sql';
import type { PersonListRow } from './present';

/**
 * Name search by word prefix, served by `person_name_tokens` (migration 0006): each word of a person's
 * romaji and kanji names is a token; "sato" finds Sato Hiroshi and Ito Satoshi, "田中" finds 田中 太郎, "太郎"
 * finds him too. The btree order (token, name_en, person_id) is the list order within one token, so a page
 * reads at most `limit + 1` index entries per token that starts with the query, whatever the page's depth.
 *
 * The whole page is one hand-written statement, prepared once per connection (bench/README.md, "people
 * list"): the units in scope under the requested unit, the words starting with the query, the page's ids,
 * then its rows with unit names and account ids (people-sql.ts).
 */

/** Above this many distinct words starting with the query (a one-letter query), the caller falls back. */
export const MAX_TOKENS = 32;

export interface TokenSearch {
  q: string;
  /** Where the reader may read people (people:read). */
  scope: Scope;
  /** The requested subtree's root unit, if any (its read access is checked by the caller on `unitPath`). */
  orgUnitId?: string | undefined;
  status?: string | undefined;
  kind?: string | undefined;
  /** Name order reads a page from the index; employee-number order collects every match in scope, then sorts. */
  by: 'name' | 'employeeNo';
  /** The sort key (name or employee number) and id of the last row of the previous page. */
  after?: { key: string; id: string } | undefined;
  descending: boolean;
  /** Rows to return (the page size + 1, to know whether there is a next page). */
  limit: number;
}

export interface TokenSearchResult {
  /** The path of `orgUnitId` (null when it does not exist or none was asked for). */
  unitPath: string | null;
  rows: PersonListRow[];
}

/** The first string after every string that starts with `prefix`, in code point (C collation) order. */
export function prefixUpperBound(prefix: string): string {
  const chars = [...prefix];
  const last = chars.pop()!.codePointAt(0)! + 1;
  return chars.join('') + String.fromCodePoint(last >= 0xd800 && last < 0xe000 ? 0xe000 : last);
}

/**
 * One page of people whose name has a word starting with `q` (or whose employee number is `q`), in list
 * order; null when this search does not apply (a query with spaces, or more than MAX_TOKENS words match).
 */
export async function searchByNameToken(db: Db, s: TokenSearch): Promise<TokenSearchResult | null> {
  const prefix = s.q.trim().toLowerCase();
  if (!prefix || /\s/u.test(prefix)) return null;
  const { values, param } = statementBuilder();
  const dir = s.descending ? 'DESC' : 'ASC';
  const cmp = s.descending ? '<' : '>';
  // Limits in the text, not parameters: the prepared statement's generic plan then knows how few rows it needs.
  const limit = String(Math.trunc(s.limit));
  const units = unitFilter(param, s.scope, s.orgUnitId);
  const after = s.after && `(${param(s.after.key)}, ${param(s.after.id)}::uuid)`;
  const filters = (alias: string, cursorCols?: string): string => {
    const parts = [units.inUnits(`${alias}.org_unit_id`)];
    if (s.status) parts.push(`${alias}.status = ${param(s.status)}`);
    if (s.kind) parts.push(`${alias}.kind = ${param(s.kind)}`);
    if (after && cursorCols) parts.push(`(${cursorCols}) ${cmp} ${after}`);
    return parts.join(' AND ');
  };
  const lo = param(prefix);
  const hi = param(prefixUpperBound(prefix));
  const employeeNo = param(s.q.trim());
  const byName = s.by === 'name';
  // By name: per word, the first `limit` entries after the cursor in index order, merged. By employee number:
  // every match in scope (index-only on the word index), then the people's numbers sorted.
  const hits = byName
    ? `SELECT c.person_id, c.name_en FROM words CROSS JOIN LATERAL (
         SELECT t.person_id, t.name_en FROM person_name_tokens t
          WHERE t.token = words.tok AND ${filters('t', 't.name_en, t.person_id')}
          ORDER BY t.name_en ${dir}, t.person_id ${dir} LIMIT ${limit}
       ) c
        WHERE (SELECT count(*) FROM words) <= ${MAX_TOKENS}
       UNION
       SELECT p.id, p.name_en FROM people p WHERE p.employee_no = ${employeeNo} AND ${filters('p', 'p.name_en, p.id')}`
    : `SELECT t.person_id, t.name_en FROM words JOIN person_name_tokens t ON t.token = words.tok
        WHERE ${filters('t')} AND (SELECT count(*) FROM words) <= ${MAX_TOKENS}
       UNION
       SELECT p.id, p.name_en FROM people p WHERE p.employee_no = ${employeeNo} AND ${filters('p')}`;
  const page = byName
    ? `SELECT person_id FROM hits ORDER BY name_en ${dir}, person_id ${dir} LIMIT ${limit}`
    : // The number by a subquery per match (an index probe each): a join would be planned for the worst case.
      `SELECT person_id FROM (
         SELECT h.person_id, (SELECT p.employee_no FROM people p WHERE p.id = h.person_id) AS employee_no FROM hits h
       ) x ${after ? `WHERE (employee_no, person_id) ${cmp} ${after}` : ''}
        ORDER BY employee_no ${dir}, person_id ${dir} LIMIT ${limit}`;
  const key = byName ? 'p.name_en' : 'p.employee_no';
  const text = `
    WITH RECURSIVE ${units.ctes}
    toks(tok, n) AS (
      (SELECT token, 1 FROM person_name_tokens WHERE token >= ${lo} AND token < ${hi} ORDER BY token LIMIT 1)
      UNION ALL
      SELECT (SELECT token FROM person_name_tokens WHERE token > toks.tok AND token < ${hi} ORDER BY token LIMIT 1), n + 1
        FROM toks WHERE toks.tok IS NOT NULL AND n <= ${MAX_TOKENS}
    ),
    words AS (SELECT tok FROM toks WHERE tok IS NOT NULL),
    hits(person_id, name_en) AS (${hits}),
    page AS (${page})
    ${pageRows(units.unitPath, '(SELECT count(*) FROM words)', `${key} ${dir}, p.id ${dir}`)}`;
  const rows = await queryStatement<ListRow>(db, { text, values });
  if (rows[0]!.extra > MAX_TOKENS) return null;
  return { unitPath: rows[0]!.unitPath, rows: personsOf(rows) };
}
