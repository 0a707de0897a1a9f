/**
 * Fills a PostgreSQL database with the "group" scale profile (docs: bench/README.md):
 * 3,000 org units, 250,000 people, ~235,000 user accounts, a few hundred role assignments,
 * 10,000,000 audit events over five years.
 *
 *   node --import tsx bench/generate.ts [--scale 0.01] [--drop] [--audit N] [--jobs 2]
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/mamori_bench). The database is
 * created when missing and migrated through Mamori's own openDatabase(). audit_events refuses
 * UPDATE/DELETE/TRUNCATE, so a filled database is never reused: pass --drop to drop and recreate it.
 *
 * Everything is set-based SQL (INSERT … SELECT generate_series); only the 3,000-row org tree is built
 * in JS. The audit chain's prev_hash/hash are placeholders (sha256 of seq): the bench chain is NOT valid.
 */
import pg from 'pg';
import { openDatabase } from '../apps/server/src/db/client';
import { adminUrl, apportion, argValue, benchUrl, secs } from './lib';
import { FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES } from './names';
import { buildOrgTree, type Unit } from './org-tree';

const argv = process.argv.slice(2);
const scale = Number(argValue(argv, 'scale') ?? '1');
const drop = argValue(argv, 'drop') === 'true';
const jobs = Math.max(1, Number(argValue(argv, 'jobs') ?? '2'));
if (!(scale > 0 && scale <= 10)) {
  console.error('--scale must be a number in (0, 10]');
  process.exit(2);
}

const N = {
  orgUnits: Math.max(12, Math.round(3000 * scale)),
  sites: Math.max(2, Math.round(60 * scale)),
  departments: Math.max(4, Math.round(480 * scale)),
  people: Math.max(100, Math.round(250_000 * scale)),
  audit: Math.round(Number(argValue(argv, 'audit') ?? 10_000_000 * scale)),
};
const AUDIT_YEARS = 5;
const CHUNK = 250_000;

const url = benchUrl();
const t0 = Date.now();
const log = (msg: string) => console.log(`[${secs(Date.now() - t0).padStart(8)}] ${msg}`);

async function ensureDatabase(): Promise<void> {
  const { admin, dbName } = adminUrl(url);
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    const exists = (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount! > 0;
    if (exists && drop) {
      log(`dropping database ${dbName}`);
      await c.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
    }
    if (!exists || drop) {
      log(`creating database ${dbName}`);
      await c.query(`CREATE DATABASE ${dbName}`);
    }
  } finally {
    await c.end();
  }
}

async function connect(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  // Bench data only: no fsync wait per statement, big sort memory for the index builds.
  await c.query("SET synchronous_commit = off; SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'");
  return c;
}

/** Event catalogue per actor category: 0 system jobs, 1 office/heads/auditors, 2 ordinary users. */
type TargetKind = 'self' | 'user' | 'person' | 'unit' | 'new';
type Payload = 'none' | 'status' | 'update' | 'create' | 'move';
const ACTIONS: [cat: number, action: string, targetType: string, target: TargetKind, payload: Payload, weight: number][] = [
  [0, 'job.reminder-sent', 'user', 'user', 'none', 45],
  [0, 'account.disable-inactive', 'user', 'user', 'status', 10],
  [0, 'person.import-update', 'person', 'person', 'move', 30],
  [0, 'session.expire', 'user', 'user', 'none', 15],
  [1, 'auth.sign-in', 'user', 'self', 'none', 15],
  [1, 'person.update', 'person', 'person', 'move', 25],
  [1, 'person.create', 'person', 'person', 'create', 5],
  [1, 'account.approve', 'user', 'user', 'status', 5],
  [1, 'role.assign', 'role_assignment', 'new', 'create', 3],
  [1, 'org_unit.update', 'org_unit', 'unit', 'update', 3],
  [1, 'asset.update', 'asset', 'new', 'update', 20],
  [1, 'incident.update', 'incident', 'new', 'update', 12],
  [1, 'partner.check-sheet.review', 'partner', 'new', 'update', 10],
  [1, 'user.update-profile', 'user', 'self', 'update', 2],
  [2, 'auth.sign-in', 'user', 'self', 'none', 55],
  [2, 'training.complete', 'training_record', 'new', 'create', 12],
  [2, 'self-check.submit', 'self_check', 'new', 'update', 8],
  [2, 'asset.update', 'asset', 'new', 'update', 10],
  [2, 'pledge.sign', 'pledge', 'new', 'create', 5],
  [2, 'incident.report', 'incident', 'new', 'create', 3],
  [2, 'user.change-password', 'user', 'self', 'none', 5],
  [2, 'user.mfa-enable', 'user', 'self', 'none', 2],
];
/** Share of events per category: system 12 %, office 38 %, everyone else 50 %. */
const CAT_SYSTEM = 0.12;
const CAT_OFFICE = 0.5;

async function main() {
  log(`group profile × ${scale}: ${JSON.stringify(N)} → ${url.replace(/\/\/[^@]*@/, '//')}`);
  await ensureDatabase();
  {
    const database = await openDatabase({ url, poolSize: 1 });
    await database.close();
  }
  log('migrations applied');
  const c = await connect();
  const existing = Number((await c.query('SELECT count(*)::int AS n FROM org_units')).rows[0].n);
  if (existing > 0) {
    console.error('The bench database already holds data (audit_events is append-only): rerun with --drop.');
    await c.end();
    process.exit(1);
  }

  // ── org units ────────────────────────────────────────────────────────────────────────────────
  let t = Date.now();
  const units = buildOrgTree(N);
  const col = <K extends keyof Unit>(k: K) => units.map((u) => u[k]);
  await c.query(
    `INSERT INTO org_units (id, parent_id, code, kind, name_ja, name_en, path, depth)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[])`,
    [col('id'), col('parentId'), col('code'), col('kind'), col('nameJa'), col('nameEn'), col('path'), col('depth')],
  );
  log(`org units: ${units.length} in ${secs(Date.now() - t)}`);

  // ── people ───────────────────────────────────────────────────────────────────────────────────
  t = Date.now();
  const heads = apportion(
    N.people,
    units.map((u) => u.weight),
    0,
  );
  await c.query('CREATE UNLOGGED TABLE bench_units (unit_id uuid PRIMARY KEY, cnt int NOT NULL)');
  await c.query('INSERT INTO bench_units SELECT * FROM unnest($1::uuid[], $2::int[])', [col('id'), heads]);
  // Family names follow a steep frequency curve (Sato, Suzuki, Takahashi… are common), given names a flatter one.
  // Rows go in a scrambled order (md5), so a unit's people are spread over the heap as in a real table.
  // (Not ORDER BY random(): PostgreSQL would match it to the random() columns and correlate them.)
  await c.query(
    `INSERT INTO people (employee_no, name_ja, name_en, email, kind, status, org_unit_id, changed_at, created_at, updated_at)
     SELECT (CASE WHEN rk < 0.85 THEN 'E' WHEN rk < 0.95 THEN 'C' ELSE 'T' END) || lpad(n::text, 7, '0'),
            ($1::text[])[fi] || ' ' || (CASE WHEN male THEN $3::text[] ELSE $5::text[] END)[gi],
            ($2::text[])[fi] || ' ' || (CASE WHEN male THEN $4::text[] ELSE $6::text[] END)[gi],
            lower((CASE WHEN male THEN $4::text[] ELSE $6::text[] END)[gi] || '.' || ($2::text[])[fi]) || '.' || n || '@yamato-seiki.example',
            CASE WHEN rk < 0.85 THEN 'employee' WHEN rk < 0.95 THEN 'contractor' ELSE 'temporary' END,
            CASE WHEN rs < 0.06 THEN 'left' ELSE 'active' END,
            unit_id,
            CASE WHEN rs < 0.11 THEN now() - rc * interval '400 days' END,
            now() - rc * interval '15 years',
            now() - rs * interval '2 years'
       FROM (SELECT row_number() OVER (ORDER BY md5(unit_id::text || i)) AS n, unit_id,
                    1 + floor(array_length($1::text[], 1) * power(random(), 1.6))::int AS fi,
                    random() < 0.55 AS male,
                    1 + floor(array_length($3::text[], 1) * power(random(), 1.3))::int AS gi,
                    random() AS rk, random() AS rs, random() AS rc
               FROM bench_units u CROSS JOIN LATERAL generate_series(1, u.cnt) AS i) x
      ORDER BY n`,
    [
      FAMILY_NAMES.map((n) => n.ja),
      FAMILY_NAMES.map((n) => n.en),
      MALE_NAMES.map((n) => n.ja),
      MALE_NAMES.map((n) => n.en),
      FEMALE_NAMES.map((n) => n.ja),
      FEMALE_NAMES.map((n) => n.en),
    ],
  );
  log(`people: ${N.people} in ${secs(Date.now() - t)}`);

  // ── users: one per active person (3 % without), some disabled accounts of leavers ─────────────
  t = Date.now();
  const usersInserted = await c.query(
    `INSERT INTO users (email, name, kind, status, person_id, language, last_active_at, reviewed_at, disabled_reason, created_at, updated_at)
     SELECT p.email, p.name_en, 'internal',
            CASE WHEN p.status = 'left' THEN 'disabled' ELSE 'active' END,
            p.id,
            CASE WHEN random() < 0.8 THEN 'ja' ELSE 'en' END,
            CASE WHEN random() < 0.9 THEN now() - random() * interval '30 days' ELSE now() - random() * interval '400 days' END,
            CASE WHEN random() < 0.7 THEN now() - random() * interval '300 days' END,
            CASE WHEN p.status = 'left' THEN 'left the company' END,
            p.created_at, p.updated_at
       FROM people p
      WHERE (p.status = 'active' AND random() < 0.97) OR (p.status = 'left' AND random() < 0.4)`,
  );
  log(`users: ${usersInserted.rowCount} in ${secs(Date.now() - t)}`);

  // ── role assignments: group-wide office, 2 site offices per site, a head per department ──────
  t = Date.now();
  await c.query(`
    INSERT INTO role_assignments (user_id, role, org_unit_id)
    SELECT id, CASE WHEN rn <= 3 THEN 'system_admin' WHEN rn = 4 THEN 'ciso' WHEN rn <= 24 THEN 'security_office' ELSE 'auditor' END, NULL
      FROM (SELECT id, row_number() OVER (ORDER BY random()) AS rn FROM users WHERE status = 'active') u
     WHERE rn <= 54`);
  await c.query(`
    INSERT INTO role_assignments (user_id, role, org_unit_id)
    SELECT user_id, role, unit_id FROM (
      SELECT u.id AS user_id, x.role, x.unit_id, row_number() OVER (PARTITION BY x.role, x.unit_id ORDER BY random()) AS rn
        FROM users u
        JOIN people p ON p.id = u.person_id
        JOIN org_units o ON o.id = p.org_unit_id
        CROSS JOIN LATERAL (VALUES ('site_security_office', nullif(split_part(o.path, '/', 3), '')::uuid),
                                   ('org_head', nullif(split_part(o.path, '/', 4), '')::uuid)) AS x(role, unit_id)
       WHERE u.status = 'active' AND x.unit_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = u.id)) s
     WHERE (role = 'site_security_office' AND rn <= 2) OR (role = 'org_head' AND rn = 1)
    ON CONFLICT DO NOTHING`);
  const roles = (await c.query('SELECT role, count(*)::int AS n FROM role_assignments GROUP BY role ORDER BY role')).rows;
  log(`role assignments: ${roles.map((r) => `${r.role} ${r.n}`).join(', ')} in ${secs(Date.now() - t)}`);

  // ── audit events ─────────────────────────────────────────────────────────────────────────────
  t = Date.now();
  // Actors 1..A: office users, the group security office first (the busiest); A+1..A+U: every active user.
  await c.query(
    'CREATE UNLOGGED TABLE bench_actors (n int PRIMARY KEY, user_id uuid NOT NULL, email text NOT NULL, org_path text)',
  );
  await c.query(`
    INSERT INTO bench_actors
    SELECT row_number() OVER (ORDER BY prio, random()), u.id, u.email, o.path
      FROM (SELECT user_id, min(CASE role WHEN 'security_office' THEN 1 WHEN 'site_security_office' THEN 2 WHEN 'system_admin' THEN 3
                                          WHEN 'auditor' THEN 4 WHEN 'ciso' THEN 5 ELSE 6 END) AS prio
              FROM role_assignments GROUP BY user_id) r
      JOIN users u ON u.id = r.user_id
      JOIN people p ON p.id = u.person_id
      JOIN org_units o ON o.id = p.org_unit_id`);
  const officeActors = Number((await c.query('SELECT count(*)::int AS n FROM bench_actors')).rows[0].n);
  await c.query(
    `
    INSERT INTO bench_actors
    SELECT $1::int + row_number() OVER (ORDER BY random()), u.id, u.email, o.path
      FROM users u JOIN people p ON p.id = u.person_id JOIN org_units o ON o.id = p.org_unit_id
     WHERE u.status = 'active'`,
    [officeActors],
  );
  const allActors = Number((await c.query('SELECT count(*)::int AS n FROM bench_actors')).rows[0].n) - officeActors;
  await c.query(
    'CREATE UNLOGGED TABLE bench_targets (n int PRIMARY KEY, user_id uuid NOT NULL, person_id uuid NOT NULL, unit_id uuid NOT NULL, org_path text NOT NULL)',
  );
  await c.query(`
    INSERT INTO bench_targets
    SELECT row_number() OVER (ORDER BY random()), u.id, p.id, p.org_unit_id, o.path
      FROM users u JOIN people p ON p.id = u.person_id JOIN org_units o ON o.id = p.org_unit_id`);
  const targets = Number((await c.query('SELECT count(*)::int AS n FROM bench_targets')).rows[0].n);
  await c.query(
    `CREATE UNLOGGED TABLE bench_actions (cat int, i int, action text, target_type text, target text, payload text, PRIMARY KEY (cat, i))`,
  );
  const thresholds: number[][] = [[], [], []];
  for (const cat of [0, 1, 2]) {
    const rows = ACTIONS.filter((a) => a[0] === cat);
    const total = rows.reduce((s, a) => s + a[5], 0);
    let acc = 0;
    for (const [i, a] of rows.entries()) {
      thresholds[cat]!.push(acc / total);
      acc += a[5];
      await c.query('INSERT INTO bench_actions VALUES ($1, $2, $3, $4, $5, $6)', [cat, i + 1, a[1], a[2], a[3], a[4]]);
    }
  }
  await c.query('ANALYZE bench_actors; ANALYZE bench_targets; ANALYZE bench_actions');
  log(`audit actors: ${officeActors} office + ${allActors} users, ${targets} targets (${secs(Date.now() - t)})`);

  // Secondary indexes are dropped during the load and rebuilt from their own definitions afterwards
  // (same schema, minutes instead of hours). The primary key stays.
  const indexes = (
    await c.query<{ indexname: string; indexdef: string }>(
      "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'audit_events' AND indexname <> 'audit_events_pkey'",
    )
  ).rows;
  for (const ix of indexes) await c.query(`DROP INDEX "${ix.indexname}"`);

  const end = new Date();
  end.setUTCMinutes(0, 0, 0);
  const start = new Date(end.getTime() - AUDIT_YEARS * 365.25 * 86_400_000);
  const stepSec = (end.getTime() - start.getTime()) / 1000 / Math.max(1, N.audit);
  const insertChunk = `
    INSERT INTO audit_events (seq, at, actor_id, actor_label, action, target_type, target_id, org_path, before, after, request_id, ip, prev_hash, hash)
    SELECT s.g,
           $3::timestamptz + ((s.g - 1)::float8 + s.rj) * $4::float8 * interval '1 second',
           a.user_id,
           coalesce(a.email, 'system'),
           act.action, act.target_type,
           CASE act.target WHEN 'self' THEN a.user_id::text WHEN 'user' THEN t.user_id::text WHEN 'person' THEN t.person_id::text
                           WHEN 'unit' THEN t.unit_id::text ELSE gen_random_uuid()::text END,
           CASE WHEN act.target = 'self' THEN a.org_path ELSE t.org_path END,
           CASE act.payload WHEN 'status' THEN '{"status":"active"}'::jsonb
                            WHEN 'update' THEN jsonb_build_object('status', 'draft', 'version', s.rv)
                            WHEN 'move' THEN jsonb_build_object('orgUnitId', t.unit_id, 'status', 'active') END,
           CASE act.payload WHEN 'status' THEN '{"status":"disabled"}'::jsonb
                            WHEN 'update' THEN jsonb_build_object('status', 'in-review', 'version', s.rv + 1)
                            WHEN 'move' THEN jsonb_build_object('orgUnitId', gen_random_uuid(), 'status', 'active')
                            WHEN 'create' THEN jsonb_build_object('id', s.g, 'by', a.email, 'status', 'new') END,
           CASE WHEN a.user_id IS NOT NULL THEN gen_random_uuid()::text END,
           CASE WHEN a.user_id IS NOT NULL THEN '10.' || (s.ri % 64) || '.' || (s.ri / 64 % 256) || '.' || (s.ri / 16384 % 254 + 1) END,
           CASE WHEN s.g = 1 THEN repeat('0', 64) ELSE encode(sha256(int8send(s.g - 1)), 'hex') END,
           encode(sha256(int8send(s.g)), 'hex')
      FROM (SELECT g, rj, cat, rv, ri,
                   CASE cat WHEN 0 THEN NULL WHEN 1 THEN 1 + floor($5::int * power(ra, 2))::int ELSE $5::int + 1 + floor($6::int * ra)::int END AS actor_n,
                   width_bucket(rx, CASE cat WHEN 0 THEN $8::float8[] WHEN 1 THEN $9::float8[] ELSE $10::float8[] END) AS act_i,
                   1 + floor($7::int * rt)::int AS target_n
              FROM (SELECT g, random() AS rj, random() AS ra, random() AS rt, random() AS rx,
                           CASE WHEN rk < ${CAT_SYSTEM} THEN 0 WHEN rk < ${CAT_OFFICE} THEN 1 ELSE 2 END AS cat,
                           (1 + random() * 20)::int AS rv, (random() * 1e9)::int AS ri
                      FROM (SELECT g, random() AS rk FROM generate_series($1::bigint, $2::bigint) AS g) g0) g1) s
      JOIN bench_actions act ON act.cat = s.cat AND act.i = s.act_i
      LEFT JOIN bench_actors a ON a.n = s.actor_n
      LEFT JOIN bench_targets t ON t.n = s.target_n`;

  const chunks: [number, number][] = [];
  for (let lo = 1; lo <= N.audit; lo += CHUNK) chunks.push([lo, Math.min(N.audit, lo + CHUNK - 1)]);
  let done = 0;
  const workers = await Promise.all(Array.from({ length: Math.min(jobs, chunks.length || 1) }, () => connect()));
  const ta = Date.now();
  await Promise.all(
    workers.map(async (w) => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        await w.query(insertChunk, [
          chunk[0],
          chunk[1],
          start.toISOString(),
          stepSec,
          officeActors,
          allActors,
          targets,
          ...thresholds,
        ]);
        done += chunk[1] - chunk[0] + 1;
        const rate = done / ((Date.now() - ta) / 1000);
        log(
          `audit events: ${done.toLocaleString('en')} / ${N.audit.toLocaleString('en')} (${Math.round(rate).toLocaleString('en')} rows/s)`,
        );
      }
    }),
  );
  log(`audit events inserted in ${secs(Date.now() - ta)}; rebuilding ${indexes.length} indexes`);
  // Two index builds at a time, one per connection (each may also use parallel workers).
  const pending = [...indexes];
  await Promise.all(
    workers.map(async (w) => {
      for (let ix = pending.shift(); ix; ix = pending.shift()) {
        const ti = Date.now();
        await w.query(ix.indexdef);
        log(`  ${ix.indexname} in ${secs(Date.now() - ti)}`);
      }
    }),
  );
  await Promise.all(workers.map((w) => w.end()));
  log(`audit events: ${N.audit.toLocaleString('en')} with indexes in ${secs(Date.now() - t)}`);

  // ── clean up, VACUUM (visibility map, as an aged table has) and ANALYZE ──────────────────────
  t = Date.now();
  await c.query('DROP TABLE bench_units, bench_actors, bench_targets, bench_actions');
  await c.query('VACUUM (ANALYZE)'); // every table, the derived ones (person_name_tokens, incident roll-ups) too
  log(`vacuum analyze in ${secs(Date.now() - t)}`);
  const sizes = (
    await c.query(`SELECT relname AS table, n_live_tup::bigint AS rows, pg_size_pretty(pg_total_relation_size(relid)) AS size
                     FROM pg_stat_user_tables WHERE relname IN ('org_units', 'people', 'users', 'role_assignments', 'audit_events')
                    ORDER BY pg_total_relation_size(relid) DESC`)
  ).rows;
  for (const s of sizes) log(`  ${String(s.table).padEnd(18)} ${String(s.rows).padStart(10)} rows  ${s.size}`);
  const db = (await c.query('SELECT pg_size_pretty(pg_database_size(current_database())) AS s')).rows[0].s;
  await c.end();
  log(`done: database ${db}, total ${secs(Date.now() - t0)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
