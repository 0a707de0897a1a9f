import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { escapeLike, scopeOf, scopeSql } from '../../../platform/access/scope';
import type { Ctx } from '../../../platform/tx';
import { assets } from '../tables';
import { ledgerOrder, type LedgerKey } from './order';
import { selectLedger } from './present';

/**
 * How many entries of each bigram are counted to find the rarest (index-only, at most this many each): a bigram
 * under the cap bounds the page's walk by its count; when every bigram of the query is above it, the word is
 * common and its matches are dense enough in the walk of any of them.
 */
const COUNT_CAP = 5000;

/** Where a ledger search reads: a unit's subtree (the `unitId` filter) and the reader's scope, on a path column. */
export type PathRange = (path: SQL) => SQL;

export const pathRange =
  (ctx: Ctx, unitPath: string | null): PathRange =>
  (path) => {
    const read = scopeSql(scopeOf(ctx.principal, 'assets:read'), path);
    return unitPath ? sql`(${path} LIKE ${escapeLike(unitPath) + '%'} AND ${read})` : read;
  };

/**
 * The bigram of the query with the fewest entries in the range (counted up to COUNT_CAP), or null when the query
 * has no bigram (one character, or single characters between spaces): such a query walks the ledger's order as
 * before. `n` = 0 means nothing can match.
 */
export async function rarestBigram(db: Db, q: string, range: PathRange): Promise<{ token: string; n: number } | null> {
  const [row] = await queryRows<{ token: string; n: number }>(
    db,
    sql`SELECT q.b AS token,
               (SELECT count(*)::int FROM (SELECT 1 FROM asset_search_tokens c
                                            WHERE c.token = q.b AND ${range(sql`c.unit_path`)} LIMIT ${COUNT_CAP}) x) AS n
          FROM asset_search_bigrams(${q}::text) AS q(b)
         ORDER BY n, q.b LIMIT 1`,
  );
  return row ?? null;
}

/**
 * A page of the ledger's search: the bigram's entries read in the ledger's order (the token table's btree), each
 * checked against its asset — visibility, filters, and `search_text ILIKE`, which confirms the match — until `limit`
 * pass; then those assets are read as the ledger reads them. Same order, rows and cursor as the walk of the ledger.
 * The check is a LATERAL subquery kept apart by `OFFSET 0`: PostgreSQL must run it per entry, in the index's
 * order, and stop at the limit, rather than join the bigram's every entry with the assets and sort (which it may
 * prefer when it misjudges how many of the entries match).
 */
export function searchPage(db: Db, token: string, range: PathRange, where: SQL, after: LedgerKey | null, limit: number) {
  const cursor = after ? sql`AND (t.unit_path, t.name, t.asset_id) > (${after[0]}, ${after[1]}, ${after[2]}::uuid)` : sql``;
  const page = sql`SELECT t.asset_id FROM asset_search_tokens t
      CROSS JOIN LATERAL (SELECT 1 FROM ${assets} WHERE ${assets.id} = t.asset_id AND ${where} OFFSET 0) passes
     WHERE t.token = ${token} AND ${range(sql`t.unit_path`)} ${cursor}
     ORDER BY t.unit_path, t.name, t.asset_id LIMIT ${limit}`;
  return selectLedger(db)
    .where(sql`${assets.id} IN (${page})`)
    .orderBy(...ledgerOrder);
}

/** The assets holding the bigram in the range, as a condition on `assets` (the count of a search). */
export const holdsBigram = (token: string, range: PathRange): SQL =>
  sql`${assets.id} IN (SELECT asset_id FROM asset_search_tokens WHERE token = ${token} AND ${range(sql`unit_path`)})`;
