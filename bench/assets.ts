/**
 * Fills the bench database with the asset part of the "group" profile: 1,000,000 information assets over the
 * 3,000 org units of bench/generate.ts (run that first), spread like a real ledger — big units hold more, most
 * assets are internal-use or confidential, a tenth hold personal data, some are copies of another asset.
 *
 *   node --import tsx bench/assets.ts [--scale 0.1]
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/mamori_bench). Earlier bench assets are deleted
 * first. Set-based SQL: one INSERT … SELECT over generate_series, the owner drawn from the unit's own people; the
 * search text (name and text custom fields, as the ledger keeps it) is the name, the bench having no custom fields;
 * its bigrams (asset_search_tokens) are rebuilt in one sorted INSERT with the table's triggers off.
 */
import pg from 'pg';
import { openDatabase } from '../apps/server/src/db/client';
import { argValue, benchUrl, secs } from './lib';

const scale = Number(argValue(process.argv.slice(2), 'scale') ?? '1');
if (!(scale > 0 && scale <= 5)) {
  console.error('--scale must be a number in (0, 5]');
  process.exit(2);
}
const ASSETS = Math.max(1000, Math.round(1_000_000 * scale));
const url = benchUrl();
const t0 = Date.now();
const log = (msg: string) => console.log(`[${secs(Date.now() - t0).padStart(8)}] ${msg}`);

/** Name stems of a manufacturer's ledger, ja and en, with the kind that usually holds them. */
const STEMS: [ja: string, en: string, kind: string][] = [
  ['顧客名簿', 'Customer list', 'electronic'],
  ['設計図面', 'Design drawings', 'electronic'],
  ['生産計画', 'Production plan', 'electronic'],
  ['品質記録', 'Quality records', 'paper'],
  ['検査成績書', 'Inspection certificates', 'paper'],
  ['人事評価', 'Performance reviews', 'electronic'],
  ['給与台帳', 'Payroll ledger', 'system'],
  ['購買契約書', 'Purchase contracts', 'paper'],
  ['見積書', 'Quotations', 'electronic'],
  ['取引先台帳', 'Supplier register', 'system'],
  ['工程FMEA', 'Process FMEA', 'electronic'],
  ['CADデータ', 'CAD data', 'electronic'],
  ['試作評価報告', 'Prototype test report', 'electronic'],
  ['特許出願準備資料', 'Patent filing drafts', 'electronic'],
  ['会議議事録', 'Meeting minutes', 'electronic'],
  ['生産管理システム', 'Production control system', 'system'],
  ['品質管理DB', 'Quality database', 'system'],
  ['ノートPC', 'Laptop', 'device'],
  ['USBメモリ', 'USB stick', 'media'],
  ['バックアップテープ', 'Backup tape', 'media'],
  ['入退室記録', 'Entry log', 'system'],
  ['社員名簿', 'Staff directory', 'electronic'],
  ['原価計算表', 'Cost calculation', 'electronic'],
  ['製品仕様書', 'Product specification', 'electronic'],
];

async function main() {
  {
    const database = await openDatabase({ url, poolSize: 1 }); // applies migrations
    await database.close();
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query("SET synchronous_commit = off; SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'");
  const units = Number((await c.query('SELECT count(*)::int AS n FROM org_units')).rows[0].n);
  if (units === 0) throw new Error('No org units: run bench/generate.ts first.');
  log(`deleting earlier bench assets; ${ASSETS} assets over ${units} units`);
  // The search bigrams (migration 0041) are emptied and rebuilt in their index order after the bulk insert, which is
  // much faster than the triggers' 15 million inserts in random order; the triggers are off meanwhile.
  const triggers = ['insert', 'update', 'delete'].map((e) => `assets_search_tokens_${e}`);
  for (const tg of triggers) await c.query(`ALTER TABLE assets DISABLE TRIGGER ${tg}`);
  // TRUNCATE, not DELETE: the earlier `UPDATE assets SET original_id = NULL` rewrote every row (1,000,000 new
  // versions, each re-entered in the trigram index) and ran for minutes. CASCADE empties what refers to assets
  // (shares, take-out items, zone assets): bench data only. Its TRUNCATE trigger empties the bigrams.
  await c.query('TRUNCATE assets CASCADE');

  let t = Date.now();
  // Each unit gets a share proportional to its people (at least 20), so a big plant's sections hold thousands.
  await c.query(`CREATE TEMP TABLE bench_owner AS
    SELECT org_unit_id AS unit_id, array_agg(id) AS people FROM people WHERE status = 'active' GROUP BY org_unit_id`);
  await c.query(
    `CREATE TEMP TABLE bench_share AS
    SELECT u.id AS unit_id, u.path, o.people,
           20 + floor(($1::int - 20 * count(*) OVER ()) * coalesce(array_length(o.people, 1), 0)::numeric
                      / sum(coalesce(array_length(o.people, 1), 0)) OVER ())::int AS cnt
      FROM org_units u JOIN bench_owner o ON o.unit_id = u.id`,
    [ASSETS],
  );
  const r = await c.query(
    `INSERT INTO assets (unit_id, unit_path, name, kind, owner_id, class_code, confidentiality, integrity, availability,
                         location, personal_data, personal_categories, retention, disposal, custom, search_text, created_at, updated_at)
     SELECT s.unit_id, s.path,
            n.nm,
            ($3::text[])[si],
            s.people[1 + floor(ro * array_length(s.people, 1))::int],
            CASE WHEN rc < 0.08 THEN 'strictly_confidential' WHEN rc < 0.38 THEN 'confidential' WHEN rc < 0.9 THEN 'internal' ELSE 'public' END,
            CASE WHEN rc < 0.08 THEN 3 WHEN rc < 0.38 THEN 3 WHEN rc < 0.9 THEN 2 ELSE 1 END,
            1 + floor(ri * 3)::int, 1 + floor(ra * 3)::int,
            CASE ($3::text[])[si] WHEN 'paper' THEN '施錠キャビネット' WHEN 'system' THEN 'データセンター' WHEN 'device' THEN '執務室' WHEN 'media' THEN '金庫' ELSE 'ファイルサーバ' END,
            rp < 0.1,
            CASE WHEN rp < 0.1 THEN '["employees"]'::jsonb ELSE '[]'::jsonb END,
            CASE WHEN rc < 0.38 THEN '10年' ELSE '5年' END,
            CASE ($3::text[])[si] WHEN 'paper' THEN '溶解処理' WHEN 'media' THEN '物理破壊' ELSE 'データ消去' END,
            '{}'::jsonb,
            n.nm,
            now() - ry * interval '10 years', now() - ry * interval '1 year'
       FROM bench_share s
       CROSS JOIN LATERAL generate_series(1, s.cnt) AS i
       CROSS JOIN LATERAL (SELECT 1 + floor(random() * array_length($1::text[], 1))::int AS si, random() AS rl, random() AS ry,
                                  random() AS ro, random() AS rc, random() AS ri, random() AS ra, random() AS rp
                            WHERE i > 0) x
       CROSS JOIN LATERAL (SELECT CASE WHEN x.rl < 0.8 THEN ($1::text[])[x.si] ELSE ($2::text[])[x.si] END || ' '
                                  || to_char(2015 + floor(x.ry * 11), 'FM0000') || '-' || lpad(i::text, 4, '0') AS nm) n
      ORDER BY md5(s.unit_id::text || i)`,
    [STEMS.map((s) => s[0]), STEMS.map((s) => s[1]), STEMS.map((s) => s[2])],
  );
  log(`assets: ${r.rowCount} in ${secs(Date.now() - t)}`);
  t = Date.now();
  // Statistics first: planned with those of the empty table (the generator's VACUUM ANALYZE), the copies' UPDATE
  // below ran for more than 13 minutes instead of seconds.
  await c.query('ANALYZE assets');
  // A copy or reproduction of an asset of the same unit for one asset in 50.
  await c.query(`UPDATE assets a SET original_id = o.prev
      FROM (SELECT id, lag(id) OVER (PARTITION BY unit_id ORDER BY id) AS prev FROM assets) o
     WHERE a.id = o.id AND o.prev IS NOT NULL AND ('x' || substr(md5(a.id::text), 1, 4))::bit(16)::int % 50 = 0`);
  log(`copies linked in ${secs(Date.now() - t)}`);
  await c.query('DROP TABLE bench_owner, bench_share');
  t = Date.now();
  const tokens = await c.query(`INSERT INTO asset_search_tokens (token, unit_path, name, asset_id)
    SELECT b, a.unit_path, a.name, a.id FROM assets a, asset_search_bigrams(a.search_text) AS b
     ORDER BY b COLLATE "C", a.unit_path, a.name, a.id`);
  for (const tg of triggers) await c.query(`ALTER TABLE assets ENABLE TRIGGER ${tg}`);
  log(`search bigrams: ${tokens.rowCount} in ${secs(Date.now() - t)}`);
  t = Date.now();
  await c.query('VACUUM (ANALYZE) assets');
  await c.query('VACUUM (ANALYZE) asset_search_tokens');
  log(`vacuum analyze in ${secs(Date.now() - t)}`);
  await c.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
