/**
 * Incidents benchmark (issue #4): 50,000 incidents with timelines and clocks on PostgreSQL, then the
 * list with filters (target p95 < 100 ms) and the statistics (target < 300 ms) through the real API.
 *
 *   node --import tsx bench/incidents.ts [--count 50000] [--duration 10] [--connections 10] [--keep]
 *
 * Database: INCIDENTS_BENCH_URL (default postgres://postgres@127.0.0.1:5432/mamori_bench_incidents),
 * created and migrated when missing. Existing org units and users are reused (e.g. on the group-profile
 * bench database); on an empty database a small group (60 sites × 10 departments, 2,000 users) is made.
 * Generated rows are set-based SQL (generate_series), numbered BENCH-nnnnnn, and replaced on each run.
 */
import pg from 'pg';
import { loadConfig } from '../apps/server/src/config';
import { openDatabase } from '../apps/server/src/db/client';
import { createApiToken } from '../apps/server/src/platform/auth/api-tokens';
import { roleAssignments, users } from '../apps/server/src/platform/auth/tables';
import { startServer } from '../apps/server/src/server';
import { adminUrl, argValue, secs } from './lib';
import type { LoadSpec } from './load';
import { freePort, runLoad } from './load-runner';

const argv = process.argv.slice(2);
const COUNT = Number(argValue(argv, 'count') ?? '50000');
const DURATION = Number(argValue(argv, 'duration') ?? '10');
const CONNECTIONS = Number(argValue(argv, 'connections') ?? '10');
const url = process.env.INCIDENTS_BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/mamori_bench_incidents';

async function ensureDatabase() {
  const { admin, dbName } = adminUrl(url);
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  const exists = (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount;
  if (!exists) await c.query(`CREATE DATABASE ${dbName}`);
  await c.end();
  const database = await openDatabase({ url, poolSize: 2 }); // applies the migrations
  await database.close();
}

const SMALL_GROUP = `
  INSERT INTO org_units (code, kind, name_ja, name_en, path, depth) VALUES ('BENCH', 'company', 'ベンチ', 'Bench', '', 0);
  UPDATE org_units SET path = '/' || id || '/' WHERE code = 'BENCH';
  INSERT INTO org_units (parent_id, code, kind, name_ja, name_en, path, depth)
    SELECT c.id, 'BENCH-S' || s, 'site', '事業場' || s, 'Site ' || s, '', 1 FROM org_units c, generate_series(1, 60) s WHERE c.code = 'BENCH';
  UPDATE org_units u SET path = p.path || u.id || '/' FROM org_units p WHERE u.parent_id = p.id AND u.kind = 'site' AND p.code = 'BENCH';
  INSERT INTO org_units (parent_id, code, kind, name_ja, name_en, path, depth)
    SELECT s.id, s.code || '-D' || d, 'department', '部' || d, 'Dept ' || d, '', 2 FROM org_units s, generate_series(1, 10) d WHERE s.kind = 'site' AND s.code LIKE 'BENCH-S%';
  UPDATE org_units u SET path = p.path || u.id || '/' FROM org_units p WHERE u.parent_id = p.id AND u.depth = 2 AND p.code LIKE 'BENCH-S%';
  INSERT INTO users (email, name) SELECT 'bench-reporter-' || g || '@bench.example', 'Reporter ' || g FROM generate_series(1, 2000) g;`;

/** The generated data, in set-based statements. */
const GENERATE = (count: number) => `
  INSERT INTO incidents (number, type_id, severity, near_miss, status, title, description, information, location, language,
      discovered_at, aware_at, reported_at, reported_month, org_unit_id, site_id, reporter_id, facts, cause_category, contained_at, closed_at)
  SELECT 'BENCH-' || lpad(g::text, 6, '0'),
    (ARRAY['misdelivery','loss_theft','other','malware','unauthorized_access','leakage','availability_loss','integrity_loss','unauthorized_acquisition'])[1 + g % 9],
    (ARRAY['low','medium','high','critical'])[1 + (g / 7) % 4],
    g % 10 < 4,
    CASE WHEN t.at < now() - interval '45 days' THEN 'closed'
         ELSE (ARRAY['reported','initial_response','investigation','notification','public_statement','prevention'])[1 + g % 6] END,
    'Bench incident ' || g || ' at ' || (ARRAY['office','train','plant','warehouse'])[1 + g % 4],
    'Generated for the incidents benchmark', '', '', 'ja',
    t.at - interval '2 hours', t.at - interval '2 hours', t.at, to_char(t.at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM'),
    u.ids[1 + g % cardinality(u.ids)], u.sites[1 + g % cardinality(u.ids)], r.ids[1 + (g * 7) % cardinality(r.ids)],
    jsonb_build_object('personalData', g % 5 = 0, 'personCount', CASE WHEN g % 5 = 0 THEN g % 3000 END, 'countries', '["JP"]'::jsonb,
      'dataKinds', '[]'::jsonb, 'unlawfulPurpose', false, 'highRisk', false, 'customers', '[]'::jsonb),
    CASE WHEN t.at < now() - interval '45 days' THEN (ARRAY['human_error','rule_violation','process_gap','external_attack'])[1 + g % 4] END,
    CASE WHEN g % 10 >= 4 AND (t.at < now() - interval '45 days' OR g % 3 = 0) THEN t.at + ((g % 72) || ' hours')::interval END,
    CASE WHEN t.at < now() - interval '45 days' THEN t.at + ((2 + g % 40) || ' days')::interval END
  FROM generate_series(1, ${count}) g
  CROSS JOIN LATERAL (SELECT date_trunc('milliseconds', now() - ((g::bigint * 631) % (365 * 86400)) * interval '1 second') AS at) t
  CROSS JOIN (SELECT array_agg(u.id ORDER BY u.id) AS ids, array_agg(s.id ORDER BY u.id) AS sites
              FROM org_units u LEFT JOIN LATERAL (SELECT id FROM org_units s WHERE s.kind = 'site' AND u.path LIKE s.path || '%' LIMIT 1) s ON true
              WHERE u.depth >= 2) u
  CROSS JOIN (SELECT array_agg(id) AS ids FROM (SELECT id FROM users ORDER BY id LIMIT 20000) x) r;
  INSERT INTO incident_timeline (incident_id, kind, at, text)
    SELECT i.id, (ARRAY['report','action','decision','status','message'])[n], i.reported_at + (n || ' hours')::interval, 'Entry ' || n
    FROM incidents i CROSS JOIN generate_series(1, 5) n WHERE i.number LIKE 'BENCH-%';
  INSERT INTO incident_deadlines (incident_id, rule_id, customer, hard, start_at, warn_at, due_at, met_at)
    SELECT i.id, r.rule, '', true, i.aware_at, i.aware_at + r.warn, i.aware_at + r.due,
           CASE WHEN i.status = 'closed' THEN i.aware_at + r.warn - interval '1 hour' END
    FROM incidents i CROSS JOIN (VALUES ('jp-appi-preliminary', interval '3 days', interval '5 days'),
                                        ('jp-appi-final', interval '23 days', interval '30 days')) r(rule, warn, due)
    WHERE i.number LIKE 'BENCH-%' AND (i.facts->>'personalData')::boolean;
  UPDATE incidents i SET next_due_at = d.due FROM (SELECT incident_id, min(due_at) due FROM incident_deadlines
    WHERE met_at IS NULL GROUP BY incident_id) d WHERE d.incident_id = i.id;
  ANALYZE;`;

const CLEAN = `
  ALTER TABLE incident_timeline DISABLE TRIGGER incident_timeline_no_update;
  DELETE FROM incident_timeline WHERE incident_id IN (SELECT id FROM incidents WHERE number LIKE 'BENCH-%');
  ALTER TABLE incident_timeline ENABLE TRIGGER incident_timeline_no_update;
  DELETE FROM incident_deadlines WHERE incident_id IN (SELECT id FROM incidents WHERE number LIKE 'BENCH-%');
  DELETE FROM incidents WHERE number LIKE 'BENCH-%';`;

async function generate() {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = performance.now();
  // The statistics roll-up's row trigger is off for the bulk load; the rebuild then writes it in one pass.
  await c.query('ALTER TABLE incidents DISABLE TRIGGER incident_stats_on_insert_delete');
  try {
    await c.query(CLEAN);
    if (Number((await c.query('SELECT count(*) FROM org_units WHERE depth >= 2')).rows[0].count) === 0)
      await c.query(SMALL_GROUP);
    await c.query(GENERATE(COUNT));
  } finally {
    await c.query('ALTER TABLE incidents ENABLE TRIGGER incident_stats_on_insert_delete');
  }
  const t1 = performance.now();
  await c.query('SELECT incident_stats_rebuild()');
  await c.query('ANALYZE incident_stats_counts, incident_stats_durations');
  console.log(`statistics roll-up rebuilt in ${secs(performance.now() - t1)}`);
  const counts = (
    await c.query(`SELECT (SELECT count(*) FROM incidents) incidents, (SELECT count(*) FROM incident_timeline) timeline,
                          (SELECT count(*) FROM incident_deadlines) deadlines, (SELECT count(*) FROM org_units) org_units,
                          (SELECT count(*) FROM incident_stats_counts) rollup_counts, (SELECT count(*) FROM incident_stats_durations) rollup_durations`)
  ).rows[0] as Record<string, string>;
  const site = (await c.query(`SELECT id FROM org_units WHERE kind = 'site' ORDER BY code LIMIT 1`)).rows[0] as { id: string };
  await c.end();
  console.log(`generated in ${secs(performance.now() - t0)}: ${JSON.stringify(counts)}`);
  return site.id;
}

async function main() {
  await ensureDatabase();
  const siteId = await generate();
  const port = await freePort();
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: url,
    PORT: String(port),
    HOST: '127.0.0.1',
    MAMORI_JOBS: 'off',
    MAMORI_LOG_LEVEL: 'warn',
  });
  const server = await startServer(config);
  const base = `http://127.0.0.1:${port}`;
  const token = async (role: 'security_office' | 'site_security_office', orgUnitId: string | null) => {
    const [user] = await server.database.db
      .insert(users)
      .values({ email: `bench-${role}-${Date.now()}@bench.example`, name: 'Bench' })
      .returning();
    await server.database.db.insert(roleAssignments).values({ userId: user!.id, role, orgUnitId });
    return (await createApiToken(server.database.db, user!.id, 'bench', 1)).token;
  };
  const month = new Date(Date.now() - 90 * 86_400_000).toISOString();
  const STATS = ['/api/incidents/stats', `/api/incidents/stats?from=${encodeURIComponent(month)}`];
  const cases: { name: string; paths: string[]; token: string; target: number; connections?: number }[] = [
    {
      name: 'list with filters (group office)',
      token: await token('security_office', null),
      target: 100,
      paths: [
        '/api/incidents?limit=50',
        '/api/incidents?status=open&limit=50',
        '/api/incidents?typeId=loss_theft&nearMiss=false&limit=50',
        `/api/incidents?from=${encodeURIComponent(month)}&severity=high&limit=50`,
        '/api/incidents?q=warehouse&limit=50',
        `/api/incidents?orgUnitId=${siteId}&status=closed&limit=50`,
      ],
    },
    {
      name: 'list with filters (one site office)',
      token: await token('site_security_office', siteId),
      target: 100,
      paths: ['/api/incidents?limit=50', '/api/incidents?status=open&limit=50', '/api/incidents?typeId=malware&limit=50'],
    },
    { name: 'statistics, one user (page load)', token: '', target: 300, connections: 1, paths: STATS },
    { name: 'statistics, 10 at once', token: '', target: 300, paths: STATS },
  ];
  for (const c of cases) c.token ||= cases[0]!.token;
  const rows: string[] = [];
  try {
    for (const c of cases) {
      const spec: LoadSpec = {
        kind: 'http',
        url: base,
        paths: c.paths,
        headers: { authorization: `Bearer ${c.token}` },
        connections: c.connections ?? CONNECTIONS,
        duration: DURATION,
      };
      await runLoad({ ...spec, duration: 2 });
      const r = await runLoad(spec);
      const line = `| ${c.name} (${c.connections ?? CONNECTIONS} conn.) | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | < ${c.target} | ${r.p95 < c.target ? 'yes' : 'NO'} | ${r.non2xx + r.errors} |`;
      console.log(line);
      rows.push(line);
    }
  } finally {
    await server.stop();
  }
  console.log(
    [
      '',
      `${COUNT} incidents, ${CONNECTIONS} connections, ${DURATION} s per case`,
      '| case | req/s | p50 ms | p95 ms | p99 ms | target p95 | met | errors |',
      '|---|---|---|---|---|---|---|---|',
      ...rows,
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
