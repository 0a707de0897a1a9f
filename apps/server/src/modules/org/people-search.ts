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

/** At most this many words in a query; more fall back to matching anywhere in the names. */
export const MAX_WORDS = 4;

/** The words of a query: split on any white space (the ideographic space too), lower-cased, each once. */
export const queryWords = (q: string): string[] => [...new Set(q.toLowerCase().split(/\s+/u).filter(Boolean))];

/** Counted up to this many index entries, a word is "common": the walk then starts from the rarest word. */
const COUNT_CAP = 500;

/**
 * The query's words, the one with the fewest index entries first (counted through the word index, up to
 * COUNT_CAP each): the page is read in name order from that word's entries, and the others are checked per
 * person, so the rarer the first word, the fewer entries are read ("tanaka zzz" reads none).
 */
async function rarestFirst(db: Db, words: string[]): Promise<string[]> {
  const { values, param } = statementBuilder();
  const counts = words.map(
    (w, i) =>
      `(SELECT count(*) FROM (SELECT 1 FROM person_name_tokens WHERE token >= ${param(w)} AND token < ${param(
        prefixUpperBound(w),
      )} LIMIT ${COUNT_CAP}) x)::int AS w${i}`,
  );
  const [row] = await queryStatement<Record<string, number>>(db, { text: `SELECT ${counts.join(', ')}`, values });
  return words
    .map((w, i) => ({ w, n: row![`w${i}`]!, len: [...w].length }))
    .sort((a, b) => a.n - b.n || b.len - a.len)
    .map((x) => x.w);
}

/**
 * One page of people whose names have, for every word of `q`, a word starting with it, in any order ("hiro
 * tanaka" finds Tanaka Hiroshi; or the exact employee number), in list order; null when this search does not
 * apply (more than MAX_WORDS words, or more than MAX_TOKENS name words start with the first word).
 */
export async function searchByNameToken(db: Db, s: TokenSearch): Promise<TokenSearchResult | null> {
  const words = queryWords(s.q);
  if (!words.length || words.length > MAX_WORDS) return null;
  const [prefix, ...others] = words.length > 1 ? await rarestFirst(db, words) : words;
  const { values, param } = statementBuilder();
  const dir = s.descending ? 'DESC' : 'ASC';
  const cmp = s.descending ? '<' : '>';
  // Limits in the text, not parameters: the prepared statement's generic plan then knows how few rows it needs.
  const limit = String(Math.trunc(s.limit));
  const units = unitFilter(param, s.scope, s.orgUnitId);
  const after = s.after && `(${param(s.after.key)}, ${param(s.after.id)}::uuid)`;
  // Every other word of the query must start a word of the same person's names (index-only on (person_id, token)).
  const alsoWords = (personId: string) =>
    others.map(
      (w) =>
        `EXISTS (SELECT 1 FROM person_name_tokens x WHERE x.person_id = ${personId}` +
        ` AND x.token >= ${param(w)} AND x.token < ${param(prefixUpperBound(w))})`,
    );
  const filters = (alias: string, cursorCols?: string): string => {
    const parts = [units.inUnits(`${alias}.org_unit_id`)];
    if (s.status) parts.push(`${alias}.status = ${param(s.status)}`);
    if (s.kind) parts.push(`${alias}.kind = ${param(s.kind)}`);
    if (after && cursorCols) parts.push(`(${cursorCols}) ${cmp} ${after}`);
    if (alias === 't') parts.push(...alsoWords('t.person_id'));
    return parts.join(' AND ');
  };
  const lo = param(prefix!);
  const hi = param(prefixUpperBound(prefix!));
  // The exact employee number (one word only: numbers have no spaces); NULL matches nothing.
  const employeeNo = words.length === 1 ? param(s.q.trim()) : 'NULL';
  const byName = s.by === 'name';
  // By name: per word, the first `limit` entries after the cursor in index order, merged. By employee number:
  // every match in scope, index-only (the word index carries the number, migration 0017), then sorted.
  const hits = byName
    ? `SELECT c.person_id, c.name_en FROM words CROSS JOIN LATERAL (
         SELECT t.person_id, t.name_en FROM person_name_tokens t
          WHERE t.token = words.tok AND ${filters('t', 't.name_en, t.person_id')}
          ORDER BY t.name_en ${dir}, t.person_id ${dir} LIMIT ${limit}
       ) c
        WHERE (SELECT count(*) FROM words) <= ${MAX_TOKENS}
       UNION
       SELECT p.id, p.name_en FROM people p WHERE p.employee_no = ${employeeNo} AND ${filters('p', 'p.name_en, p.id')}`
    : `SELECT t.person_id, t.employee_no FROM words JOIN person_name_tokens t ON t.token = words.tok
        WHERE ${filters('t', 't.employee_no, t.person_id')} AND (SELECT count(*) FROM words) <= ${MAX_TOKENS}
       UNION
       SELECT p.id, p.employee_no FROM people p WHERE p.employee_no = ${employeeNo} AND ${filters('p', 'p.employee_no, p.id')}`;
  const page = `SELECT person_id FROM hits ORDER BY sort_key ${dir}, person_id ${dir} LIMIT ${limit}`;
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
    hits(person_id, sort_key) AS (${hits}),
    page AS (${page})
    ${pageRows(units.unitPath, '(SELECT count(*) FROM words)', `${key} ${dir}, p.id ${dir}`)}`;
  const rows = await queryStatement<ListRow>(db, { text, values });
  if (rows[0]!.extra > MAX_TOKENS) return null;
  return { unitPath: rows[0]!.unitPath, rows: personsOf(rows) };
}
