/**
 * Privacy register benchmarks (issue #14) on real PostgreSQL, self-contained in their own database
 * (BENCH_PRIVACY_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/mamori_bench_privacy, dropped and
 * recreated each run):
 *
 *   node --import tsx bench/privacy.ts [--entries 50000] [--duration 10] [--connections 10] [--reuse]
 *
 * Builds the group profile's org tree (3,000 units, 60 sites) and `--entries` register entries spread over the
 * sections (service names and purposes from a small vocabulary, 1–3 categories, a tenth abroad), then times through
 * HTTP (Mamori in-process, autocannon in a child process, `--connections` connections), target p95 < 50 ms:
 * 1. the register's first page for a group-wide privacy officer (`GET /api/processing-activities`);
 * 2. the search (`?q=`, the trigram index) with words that match a few hundred to a few thousand entries, rotating;
 * 3. the list of one site for its privacy officer (scope filter on the unit path).
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../apps/server/src/config';
import { openDatabase } from '../apps/server/src/db/client';
import { queryRows } from '../apps/server/src/db/sql';
import { orgUnits } from '../apps/server/src/modules/org/tables';
import { createApiToken } from '../apps/server/src/platform/auth/api-tokens';
import { roleAssignments, users } from '../apps/server/src/platform/auth/tables';
import { loadKeyring, useKeyring } from '../apps/server/src/platform/secrets/keyring';
import { startServer } from '../apps/server/src/server';
import { adminUrl, argValue, secs } from './lib';
import type { LoadResult } from './load';
import { freePort, runLoad } from './load-runner';
import { buildOrgTree } from './org-tree';

const argv = process.argv.slice(2);
const ENTRIES = Number(argValue(argv, 'entries') ?? '50000');
const DURATION = Number(argValue(argv, 'duration') ?? '10');
const CONNECTIONS = Number(argValue(argv, 'connections') ?? '10');
const REUSE = argv.includes('--reuse');
const url = process.env.BENCH_PRIVACY_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mamori_bench_privacy';
const log = (m: string) => console.log(`· ${m}`);
const line = (r: LoadResult) =>
  `${r.rps} req/s, p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, errors ${r.errors}, non-2xx ${r.non2xx}`;

const SERVICES = [
  'Customer support',
  'Payroll',
  'Recruiting',
  'Health checks',
  'Visitor reception',
  'Dealer portal',
  'Warranty registration',
  'Newsletter',
  'Event sign-up',
  'Loyalty card',
  'Service app',
  'Call centre',
  'Supplier contacts',
  'Alumni network',
  'Training records',
  'Access cards',
  'Expense claims',
  'Fleet drivers',
];

async function build(db: Awaited<ReturnType<typeof openDatabase>>['db']) {
  const t0 = Date.now();
  const units = buildOrgTree({ orgUnits: 3000, sites: 60, departments: 480 });
  for (let i = 0; i < units.length; i += 1000)
    await db.insert(orgUnits).values(units.slice(i, i + 1000).map(({ weight: _w, ...u }) => u));
  log(`org: ${units.length} units in ${secs(Date.now() - t0)}`);
  // the entries, set-based: a service of the vocabulary with a number, a purpose, 1–3 categories, a tenth abroad
  const t1 = Date.now();
  await db.execute(sql`INSERT INTO processing_activities (unit_id, unit_path, service, purpose, subject_kinds,
      subject_count, subject_countries, categories, special_care, special_care_basis, laws, transfers, search, review_due_on)
    SELECT u.id, u.path, v.service, v.purpose, ARRAY['customers'], (n * 37) % 100000,
           CASE WHEN n % 10 = 0 THEN ARRAY['JP','DE'] ELSE ARRAY['JP'] END,
           CASE n % 3 WHEN 0 THEN ARRAY['identity','contact'] WHEN 1 THEN ARRAY['identity','purchase'] ELSE ARRAY['identity','health'] END,
           n % 3 = 2, CASE WHEN n % 3 = 2 THEN 'Required by law' ELSE '' END,
           CASE WHEN n % 10 = 0 THEN ARRAY['appi','gdpr'] ELSE ARRAY['appi'] END,
           CASE WHEN n % 10 = 0 THEN '[{"country":"DE","recipient":"EU office","basis":"gdpr_scc"}]'::jsonb ELSE '[]'::jsonb END,
           lower(v.service || E'\\n' || v.purpose), current_date + (n % 365)
      FROM generate_series(1, ${ENTRIES}::int) n
      CROSS JOIN LATERAL (SELECT (string_to_array(${SERVICES.join('|')}::text, '|'))[1 + n % ${SERVICES.length}] || ' ' || n AS service,
                                 'To run the ' || lower((string_to_array(${SERVICES.join('|')}::text, '|'))[1 + (n / 7) % ${SERVICES.length}]) ||
                                 ' service, as published in notice ' || (n % 500) AS purpose) v
      CROSS JOIN (SELECT array_agg(id ORDER BY path) AS ids, array_agg(path ORDER BY path) AS paths
                    FROM org_units WHERE kind = 'section') s
      CROSS JOIN LATERAL (SELECT s.ids[1 + n % cardinality(s.ids)] AS id, s.paths[1 + n % cardinality(s.ids)] AS path) u`);
  await db.execute(sql`VACUUM ANALYZE processing_activities`);
  log(`register: ${ENTRIES} entries in ${secs(Date.now() - t1)}`);
}

async function main() {
  if (!REUSE) {
    const { admin, dbName } = adminUrl(url);
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${dbName}`);
    await c.end();
  }
  const config = loadConfig({ ...process.env, DATABASE_URL: url, MAMORI_JOBS: 'off', MAMORI_LOG_LEVEL: 'warn' });
  useKeyring(loadKeyring(config));
  const database = await openDatabase({ url, dataDir: config.dataDir });
  const db = database.db;
  if (!REUSE) await build(db);
  await db.execute(sql`DELETE FROM users WHERE email LIKE '%@bench.example'`);
  const [site] = await queryRows<{ id: string; n: number }>(
    db,
    sql`SELECT s.id, count(*)::int AS n FROM org_units s JOIN processing_activities a
          ON a.unit_path ~>=~ s.path AND a.unit_path ~<~ (s.path || chr(1114111))
         WHERE s.kind = 'site' GROUP BY s.id ORDER BY n DESC LIMIT 1`,
  );
  if (!site) throw new Error('no site');
  const [officer, siteOfficer] = await db
    .insert(users)
    .values([
      { email: 'cpo@bench.example', name: 'CPO' },
      { email: 'site-po@bench.example', name: 'Site privacy officer' },
    ])
    .returning({ id: users.id });
  await db.insert(roleAssignments).values([
    { userId: officer!.id, role: 'privacy_officer', orgUnitId: null },
    { userId: siteOfficer!.id, role: 'privacy_officer', orgUnitId: site.id },
  ]);
  const officerToken = (await createApiToken(db, officer!.id, 'bench', 1)).token;
  const siteToken = (await createApiToken(db, siteOfficer!.id, 'bench', 1)).token;
  await database.close();

  const port = await freePort();
  const server = await startServer(
    loadConfig({
      ...process.env,
      DATABASE_URL: url,
      MAMORI_JOBS: 'off',
      MAMORI_LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
  try {
    const probe = await fetch(`${base}/api/processing-activities?q=payroll`, { headers: bearer(officerToken) });
    const body = (await probe.json()) as { items: unknown[] };
    if (probe.status !== 200 || body.items.length === 0) throw new Error(`the search answered ${probe.status}`);
    const words = ['payroll', 'health checks', 'dealer', 'notice 42', 'loyalty card 1', 'fleet', 'warranty', 'call centre'];
    const cases: [string, Parameters<typeof runLoad>[0]][] = [
      [
        `register, first page, group-wide privacy officer (${ENTRIES} entries)`,
        {
          kind: 'http',
          url: base,
          paths: ['/api/processing-activities'],
          headers: bearer(officerToken),
          connections: CONNECTIONS,
          duration: DURATION,
        },
      ],
      [
        `register search, ${words.length} words rotating`,
        {
          kind: 'http',
          url: base,
          paths: words.map((w) => `/api/processing-activities?q=${encodeURIComponent(w)}`),
          headers: bearer(officerToken),
          connections: CONNECTIONS,
          duration: DURATION,
        },
      ],
      [
        `register of the largest site (${site.n} entries), its privacy officer`,
        {
          kind: 'http',
          url: base,
          paths: ['/api/processing-activities'],
          headers: bearer(siteToken),
          connections: CONNECTIONS,
          duration: DURATION,
        },
      ],
    ];
    for (const [name, spec] of cases) {
      await runLoad({ ...spec, duration: 3 }); // warm-up
      log(`${name} at ${CONNECTIONS} connections: ${line(await runLoad(spec))}`);
    }
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
