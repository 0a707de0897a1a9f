/**
 * Fills the bench database with the partner part of the "group" profile (bench/partners.md):
 * 20,000 partners, five yearly campaigns, ~100,000 assessments, ~6,000,000 answers, their scores, the
 * improvement requests they cause, NDAs and sub-contractors.
 *
 *   node --import tsx bench/partners.ts [--scale 0.1]
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/mamori_bench); the database is created
 * and migrated when missing. Earlier bench partner data is deleted first. Set-based SQL throughout: the
 * catalogue (84 requirements) and the applicability profiles are the only things computed in JS.
 */
import pg from 'pg';
import { openDatabase } from '../apps/server/src/db/client';
import { applicableItems, loadCatalog } from '../apps/server/src/modules/partners/assessments/catalog';
import { DEFAULT_THRESHOLDS } from '../apps/server/src/modules/partners/assessments/thresholds';
import { adminUrl, argValue, benchUrl, secs } from './lib';

const scale = Number(argValue(process.argv.slice(2), 'scale') ?? '1');
if (!(scale > 0 && scale <= 5)) {
  console.error('--scale must be a number in (0, 5]');
  process.exit(2);
}
const PARTNERS = Math.max(100, Math.round(20_000 * scale));
const YEARS = 5;
const url = benchUrl();
const t0 = Date.now();
const log = (msg: string) => console.log(`[${secs(Date.now() - t0).padStart(8)}] ${msg}`);

async function ensureDatabase() {
  const { admin, dbName } = adminUrl(url);
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  if (!(await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount)
    await c.query(`CREATE DATABASE ${dbName}`);
  await c.end();
  const database = await openDatabase({ url }); // applies migrations
  await database.close();
}

async function main() {
  await ensureDatabase();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query("SET synchronous_commit = off; SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'");
  const step = async (what: string, text: string, values: unknown[] = []) => {
    const t = Date.now();
    const r = await c.query(text, values);
    log(`${what}: ${r.rowCount ?? 0} rows in ${secs(Date.now() - t)}`);
  };

  log('deleting earlier bench partner data');
  await c.query(`DELETE FROM improvement_requests; DELETE FROM partner_answers; DELETE FROM partner_visits;
    DELETE FROM partner_assessments; DELETE FROM partner_campaigns; DELETE FROM partner_ndas; DELETE FROM partner_exchanges;
    DELETE FROM partner_files; DELETE FROM partner_subcontractors WHERE parent_id IS NOT NULL;
    DELETE FROM partner_subcontractors; DELETE FROM partner_contacts; DELETE FROM partner_org_units;
    DELETE FROM partners WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.partner_id = partners.id)`);

  // The catalogue and the 16 applicability profiles, as temporary tables.
  const catalog = loadCatalog(1);
  await c.query('CREATE TEMP TABLE bench_reqs (id text PRIMARY KEY, grp int, weight numeric, critical boolean)');
  await c.query(`INSERT INTO bench_reqs SELECT * FROM unnest($1::text[], $2::int[], $3::numeric[], $4::boolean[])`, [
    catalog.items.map((i) => i.id),
    catalog.items.map((i) => Number(i.group)),
    catalog.items.map((i) => i.weight),
    catalog.items.map((i) => i.critical),
  ]);
  await c.query(
    'CREATE TEMP TABLE bench_profiles (digitized boolean, subs boolean, embodiments boolean, papers boolean, ids text[])',
  );
  for (const mask of Array.from({ length: 16 }, (_, i) => i)) {
    const p = { digitized: !!(mask & 1), usesSubcontractors: !!(mask & 2), embodiments: !!(mask & 4), papers: !!(mask & 8) };
    await c.query('INSERT INTO bench_profiles VALUES ($1, $2, $3, $4, $5)', [
      p.digitized,
      p.usesSubcontractors,
      p.embodiments,
      p.papers,
      applicableItems(catalog, p).map((i) => i.id),
    ]);
  }

  await step(
    'partners',
    `INSERT INTO partners (name_ja, name_en, corporate_number, country, shares_papers, shares_digitized, shares_embodiments,
       shares_know_how, strictly_confidential, uses_subcontractors, tier)
     SELECT '取引先 ' || lpad(g::text, 5, '0') || ' 株式会社', 'Partner ' || lpad(g::text, 5, '0') || ' Co., Ltd.',
       CASE WHEN g % 10 < 7 THEN lpad((1000000000000 + g)::text, 13, '0') END,
       (ARRAY['JP','JP','JP','JP','JP','JP','JP','VN','TH','CN'])[1 + g % 10],
       g % 5 <> 0, g % 3 <> 0, g % 4 = 0, g % 6 = 0, g % 50 = 0, g % 4 = 1,
       CASE WHEN g % 50 = 0 OR (g % 3 <> 0 AND (g % 4 = 0 OR g % 4 = 1)) THEN 'high'
            WHEN g % 3 <> 0 OR g % 4 = 0 THEN 'medium' ELSE 'low' END
     FROM generate_series(1, $1::int) g`,
    [PARTNERS],
  );
  const year = new Date().getUTCFullYear();
  await step(
    'campaigns',
    `INSERT INTO partner_campaigns (name, catalog_version, due_on, reminder_days, created_at)
     SELECT 'FY' || y, 1, make_date(y, 9, 30), '[14, 3]'::jsonb, make_date(y, 7, 1)
     FROM generate_series($1::int - $2::int + 1, $1::int) y`,
    [year, YEARS],
  );
  await step(
    'assessments',
    `INSERT INTO partner_assessments (partner_id, campaign_id, catalog_version, requirement_ids, tier, status, due_on, submitted_at, created_at)
     SELECT p.id, c.id, 1, bp.ids, p.tier, 'submitted', c.due_on, c.due_on - 10, c.created_at
     FROM partners p CROSS JOIN partner_campaigns c
     JOIN bench_profiles bp ON bp.digitized = p.shares_digitized AND bp.subs = p.uses_subcontractors
       AND bp.embodiments = p.shares_embodiments AND bp.papers = p.shares_papers`,
  );
  // Answers: each partner has a maturity (40–99 %) that grows a little each year; 3 % N/A with a reason.
  const campaigns = (await c.query<{ id: string }>('SELECT id FROM partner_campaigns ORDER BY due_on')).rows;
  for (const [i, camp] of campaigns.entries())
    await step(
      `answers, year ${i + 1}`,
      `INSERT INTO partner_answers (assessment_id, requirement_id, value, reason)
       SELECT a.id, r.id, v.value, CASE WHEN v.value = 'not_applicable' THEN '該当業務なし / no such work' END
       FROM partner_assessments a
       CROSS JOIN LATERAL unnest(a.requirement_ids) AS r(id)
       CROSS JOIN LATERAL (SELECT abs(hashtext(a.id::text || r.id)) % 100 AS roll,
                                  40 + abs(hashtext(a.partner_id::text)) % 55 + $2::int * 2 AS maturity) h
       CROSS JOIN LATERAL (SELECT CASE WHEN h.roll < 3 THEN 'not_applicable'
                                       WHEN h.roll < h.maturity THEN 'implemented'
                                       WHEN h.roll < h.maturity + (100 - h.maturity) / 2 THEN 'partly'
                                       ELSE 'not_implemented' END AS value) v
       WHERE a.campaign_id = $1`,
      [camp.id, i],
    );
  const th = DEFAULT_THRESHOLDS;
  await step(
    'scores',
    `WITH s AS (
       SELECT x.assessment_id,
         round(100 * sum(r.weight * x.credit) / nullif(sum(r.weight) FILTER (WHERE x.credit IS NOT NULL), 0), 1) AS score,
         ${[1, 2, 3, 4, 5]
           .map(
             (g) =>
               `round(100 * sum(r.weight * x.credit) FILTER (WHERE r.grp = ${g}) / nullif(sum(r.weight) FILTER (WHERE r.grp = ${g} AND x.credit IS NOT NULL), 0), 1) AS s${g}`,
           )
           .join(',\n         ')},
         bool_or(r.critical AND x.value = 'not_implemented') AS critical_miss
       FROM (SELECT assessment_id, requirement_id, value,
               CASE value WHEN 'implemented' THEN 1 WHEN 'partly' THEN 0.5 WHEN 'not_implemented' THEN 0 END AS credit
             FROM partner_answers) x
       JOIN bench_reqs r ON r.id = x.requirement_id
       GROUP BY x.assessment_id)
     UPDATE partner_assessments a SET score = s.score, score_1 = s.s1, score_2 = s.s2, score_3 = s.s3, score_4 = s.s4, score_5 = s.s5,
       threshold = CASE a.tier WHEN 'high' THEN ${th.high} WHEN 'medium' THEN ${th.medium} ELSE ${th.low} END,
       passed = NOT s.critical_miss AND coalesce(s.score >= CASE a.tier WHEN 'high' THEN ${th.high} WHEN 'medium' THEN ${th.medium} ELSE ${th.low} END, true)
     FROM s WHERE s.assessment_id = a.id`,
  );
  await step(
    'latest scores',
    `UPDATE partners p SET latest_score = a.score, latest_assessment_id = a.id, latest_scored_at = a.submitted_at
     FROM (SELECT DISTINCT ON (partner_id) * FROM partner_assessments ORDER BY partner_id, created_at DESC) a WHERE a.partner_id = p.id`,
  );
  await step(
    'improvement requests',
    `INSERT INTO improvement_requests (assessment_id, partner_id, requirement_id, reason, due_on, status, created_at)
     SELECT a.id, a.partner_id, x.requirement_id,
       CASE WHEN r.critical AND x.value = 'not_implemented' THEN 'critical' ELSE 'below_threshold' END,
       (a.submitted_at + interval '60 days')::date,
       CASE WHEN a.due_on < current_date - 365 THEN 'accepted' WHEN abs(hashtext(x.requirement_id || a.id::text)) % 3 = 0 THEN 'answered' ELSE 'open' END,
       a.submitted_at
     FROM partner_assessments a JOIN partner_answers x ON x.assessment_id = a.id JOIN bench_reqs r ON r.id = x.requirement_id
     WHERE a.passed = false AND x.value IN ('partly', 'not_implemented')
       AND ((r.critical AND x.value = 'not_implemented') OR a.score < a.threshold)`,
  );
  await step(
    'NDAs',
    `INSERT INTO partner_ndas (partner_id, title, signed_on, valid_from, valid_until, provisions)
     SELECT id, 'NDA', current_date - 1000, current_date - 1000,
       CASE WHEN abs(hashtext(id::text)) % 33 = 0 THEN current_date - 30 ELSE current_date + 400 END,
       '{"a":true,"b":true,"c":true,"d":true,"e":true,"f":true,"g":true,"h":true,"i":true,"j":true,"k":true,"l":true}'
     FROM partners`,
  );
  await step(
    'sub-contractors',
    `INSERT INTO partner_subcontractors (partner_id, name, country, status, prior_notice_received_on)
     SELECT p.id, 'Sub ' || k, 'JP', CASE WHEN k = 2 AND abs(hashtext(p.id::text)) % 10 = 0 THEN 'pending_notice' ELSE 'active' END,
       CASE WHEN k = 2 AND abs(hashtext(p.id::text)) % 10 = 0 THEN NULL ELSE current_date - 300 END
     FROM partners p CROSS JOIN generate_series(1, 2) k WHERE p.uses_subcontractors`,
  );
  log('ANALYZE');
  await c.query('ANALYZE');
  const counts = await c.query(
    `SELECT (SELECT count(*) FROM partners) AS partners, (SELECT count(*) FROM partner_assessments) AS assessments,
            (SELECT count(*) FROM partner_answers) AS answers, (SELECT count(*) FROM improvement_requests) AS improvement_requests`,
  );
  log(`done: ${JSON.stringify(counts.rows[0])}`);
  await c.end();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
