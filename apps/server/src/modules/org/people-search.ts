import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';

/**
 * Name search by word prefix, served by `person_name_tokens` (migration 0006): each word of a person's
 * romaji and kanji names is a token; "sato" finds Sato Hiroshi and Ito Satoshi, "田中" finds 田中 太郎, "太郎"
 * finds him too. The btree order (token, name_en, person_id) is the list order within one token, so a page
 * reads at most `limit + 1` index entries per token that starts with the query, whatever the page's depth.
 */

/** Above this many distinct words starting with the query (a one-letter query), the caller falls back. */
export const MAX_TOKENS = 32;

export interface TokenSearch {
  q: string;
  /** The org units the reader may see (null = all). */
  unitIds: string[] | null;
  status?: string;
  kind?: string;
  /** The last row of the previous page, in list order. */
  after?: { nameEn: string; id: string };
  descending: boolean;
  /** Rows to return (the page size + 1, to know whether there is a next page). */
  limit: number;
}

/** The first string after every string that starts with `prefix`, in code point (C collation) order. */
export function prefixUpperBound(prefix: string): string {
  const chars = [...prefix];
  const last = chars.pop()!.codePointAt(0)! + 1;
  return chars.join('') + String.fromCodePoint(last >= 0xd800 && last < 0xe000 ? 0xe000 : last);
}

/** Distinct tokens starting with `prefix`, read by skipping through the index (one probe per token). */
async function tokensStartingWith(db: Db, prefix: string): Promise<string[]> {
  const hi = prefixUpperBound(prefix);
  const rows = await query<{ tok: string }>(
    db,
    sql`
    WITH RECURSIVE toks(tok, n) AS (
      (SELECT token, 1 FROM person_name_tokens WHERE token >= ${prefix} AND token < ${hi} ORDER BY token LIMIT 1)
      UNION ALL
      SELECT (SELECT token FROM person_name_tokens WHERE token > toks.tok AND token < ${hi} ORDER BY token LIMIT 1), n + 1
        FROM toks WHERE toks.tok IS NOT NULL AND n <= ${MAX_TOKENS}
    )
    SELECT tok FROM toks WHERE tok IS NOT NULL`,
  );
  return rows.map((r) => r.tok);
}

/**
 * The ids of one page of people whose name has a word starting with `q` (or whose employee number is `q`),
 * in list order; null when this search does not apply (a query with spaces, or too many words match).
 */
export async function searchByNameToken(db: Db, s: TokenSearch): Promise<string[] | null> {
  const prefix = s.q.trim().toLowerCase();
  if (!prefix || /\s/u.test(prefix)) return null;
  const tokens = await tokensStartingWith(db, prefix);
  if (tokens.length > MAX_TOKENS) return null;
  const dir = s.descending ? sql`DESC` : sql`ASC`;
  const cmp = s.descending ? sql`<` : sql`>`;
  const filters = (alias: string, nameCol: string, idCol: string): SQL => {
    const parts: SQL[] = [];
    const col = (c: string) => sql.raw(`${alias}.${c}`);
    if (s.unitIds) parts.push(sql`${col('org_unit_id')} = ANY(${toArray(s.unitIds)}::uuid[])`);
    if (s.status) parts.push(sql`${col('status')} = ${s.status}`);
    if (s.kind) parts.push(sql`${col('kind')} = ${s.kind}`);
    if (s.after) parts.push(sql`(${col(nameCol)}, ${col(idCol)}) ${cmp} (${s.after.nameEn}, ${s.after.id}::uuid)`);
    return parts.length ? sql`AND ${sql.join(parts, sql` AND `)}` : sql``;
  };
  const byToken = tokens.length
    ? sql`SELECT c.person_id, c.name_en
            FROM unnest(${toArray(tokens)}::text[]) AS u(tok)
            CROSS JOIN LATERAL (
              SELECT t.person_id, t.name_en FROM person_name_tokens t
               WHERE t.token = u.tok ${filters('t', 'name_en', 'person_id')}
               ORDER BY t.name_en ${dir}, t.person_id ${dir} LIMIT ${s.limit}
            ) c
          UNION `
    : sql``;
  const rows = await query<{ person_id: string }>(
    db,
    sql`
    SELECT person_id FROM (
      ${byToken}
      SELECT p.id, p.name_en FROM people p WHERE p.employee_no = ${s.q.trim()} ${filters('p', 'name_en', 'id')}
    ) m(person_id, name_en)
    ORDER BY name_en ${dir}, person_id ${dir} LIMIT ${s.limit}`,
  );
  return rows.map((r) => r.person_id);
}

/** Rows of a raw statement: both drivers (node-postgres, PGlite) answer `execute` with `{ rows }`. */
async function query<T>(db: Db, statement: SQL): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
}

/** A JS array as one PostgreSQL array parameter (drizzle would otherwise spread it into a list). */
function toArray(values: string[]): SQL {
  return sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}`;
}
