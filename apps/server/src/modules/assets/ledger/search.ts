import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { escapeLike, scopeOf, scopeSql } from '../../../platform/access/scope';
import type { Ctx } from '../../../platform/tx';
import { assets } from '../tables';
import { type LedgerKey } from './order';
import { ledgerRows } from './page';

/**
 * How many entries of each bigram are counted to find the rarest (index-only, at most this many each): a bigram
 * under the cap bounds the page's walk by its count; when every bigram of the query is above it, the word is
 * common and its matches are dense enough in the walk of any of them. 1,000 rather than 5,000: on the bench's
 * 1,000,000 assets every bigram of every test word passed 5,000 group-wide, so counting that far (6–32 ms a
 * search) told nothing the statistics below do not.
 */
const COUNT_CAP = 1000;

/** How long the bigrams' frequencies from the planner's statistics are kept before they are read again. */
const STATS_TTL_MS = 10 * 60_000;
const statsCache = new WeakMap<Db, { at: number; freq: Promise<Map<string, number>> }>();

/**
 * The share of all entries of the most common bigrams, from `pg_stats` (ANALYZE's most common values, about a
 * hundred): between bigrams over the cap, the one with the lower share makes the shorter walk. A bigram not among
 * them is rarer than all of them. Read once per database every ten minutes (planning a query on pg_stats takes
 * milliseconds), and an empty map before the table's first ANALYZE.
 */
function bigramShares(db: Db): Promise<Map<string, number>> {
  const hit = statsCache.get(db);
  if (hit && Date.now() - hit.at < STATS_TTL_MS) return hit.freq;
  const freq = queryRows<{ token: string; freq: number }>(
    db,
    sql`SELECT v.token, v.freq FROM pg_stats s,
           unnest(s.most_common_vals::text::text[], s.most_common_freqs) AS v(token, freq)
         WHERE s.schemaname = current_schema() AND s.tablename = 'asset_search_tokens' AND s.attname = 'token'`,
  ).then(
    (rows) => new Map(rows.map((r) => [r.token, Number(r.freq)])),
    () => new Map<string, number>(),
  );
  statsCache.set(db, { at: Date.now(), freq });
  return freq;
}

/** Where a ledger search reads: a unit's subtree (the `unitId` filter) and the reader's scope, on a path column. */
export type PathRange = (path: SQL) => SQL;

export const pathRange =
  (ctx: Ctx, unitPath: string | null): PathRange =>
  (path) => {
    const read = scopeSql(scopeOf(ctx.principal, 'assets:read'), path);
    return unitPath ? sql`(${path} LIKE ${escapeLike(unitPath) + '%'} AND ${read})` : read;
  };

/**
 * The bigram of the query with the fewest entries in the range (counted up to COUNT_CAP; between bigrams over it,
 * the one least common in the whole table), or null when the query has no bigram (one character, or single
 * characters between spaces): such a query walks the ledger's order as before. `n` = 0 means nothing can match.
 */
export async function rarestBigram(db: Db, q: string, range: PathRange): Promise<{ token: string; n: number } | null> {
  const [rows, shares] = await Promise.all([
    queryRows<{ token: string; n: number }>(
      db,
      sql`SELECT q.b AS token,
                 (SELECT count(*)::int FROM (SELECT 1 FROM asset_search_tokens c
                                              WHERE c.token = q.b AND ${range(sql`c.unit_path`)} LIMIT ${COUNT_CAP}) x) AS n
            FROM asset_search_bigrams(${q}::text) AS q(b)`,
    ),
    bigramShares(db),
  ]);
  const share = (t: string) => shares.get(t) ?? 0;
  rows.sort((a, b) => a.n - b.n || share(a.token) - share(b.token) || (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
  return rows[0] ?? null;
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
  return ledgerRows(db, page);
}

/** The assets holding the bigram in the range, as a condition on `assets` (the count of a search). */
export const holdsBigram = (token: string, range: PathRange): SQL =>
  sql`${assets.id} IN (SELECT asset_id FROM asset_search_tokens WHERE token = ${token} AND ${range(sql`unit_path`)})`;
