/**
 * Education benchmarks (issue #13) on real PostgreSQL, self-contained in their own database
 * (BENCH_TRAINING_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/mamori_bench_training, dropped and
 * recreated each run):
 *
 *   node --import tsx bench/training.ts [--people 250000] [--users 200] [--duration 10] [--connections 10]
 *
 * Builds the group profile's org tree (3,000 units, 60 sites) with `--people` people spread over the sections,
 * publishes the catalogue's courses, and times:
 * 1. assigning an all-employee course to everyone (the "everyone" curriculum run through `runCurriculum`: one
 *    INSERT … SELECT, the roll-up's statement trigger and the audit event, one transaction), target < 30 s;
 * then, with two more yearly courses assigned, about 60 % of all assignments passed and 10 % past due, through HTTP (Mamori
 * in-process, autocannon in a child process, `--connections` connections):
 * 2. "my training" (`GET /api/me/training`) for `--users` different people, one API token each, target p95 < 50 ms;
 * 3. the completion roll-up per site (`GET /api/training-completion?by=site`) for the security office, target
 *    p95 < 150 ms; and the largest site's units for its site office (informative).
 */
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../apps/server/src/config';
import { openDatabase, type Database } from '../apps/server/src/db/client';
import { queryRows } from '../apps/server/src/db/sql';
import { orgUnits } from '../apps/server/src/modules/org/tables';
import { foldPastDue } from '../apps/server/src/modules/training/assignments/past-due';
import { trainingCatalog } from '../apps/server/src/modules/training/catalog';
import { insertCourse } from '../apps/server/src/modules/training/courses/courses';
import { assignCurriculum, insertCurriculum, runCurriculum } from '../apps/server/src/modules/training/curricula/curricula';
import { todayJst } from '../apps/server/src/modules/training/people';
import { trainingCurricula } from '../apps/server/src/modules/training/tables';
import { systemActor } from '../apps/server/src/platform/audit/record';
import { createApiToken } from '../apps/server/src/platform/auth/api-tokens';
import { roleAssignments, users } from '../apps/server/src/platform/auth/tables';
import { loadKeyring, useKeyring } from '../apps/server/src/platform/secrets/keyring';
import { startServer } from '../apps/server/src/server';
import { adminUrl, argValue, secs } from './lib';
import type { LoadResult } from './load';
import { freePort, runLoad } from './load-runner';
import { buildOrgTree } from './org-tree';

const argv = process.argv.slice(2);
const PEOPLE = Number(argValue(argv, 'people') ?? '250000');
const USERS = Number(argValue(argv, 'users') ?? '200');
const DURATION = Number(argValue(argv, 'duration') ?? '10');
const CONNECTIONS = Number(argValue(argv, 'connections') ?? '10');
/** Measure again on the database a previous run built (no drop, no timings of the build). */
const REUSE = argv.includes('--reuse');
/** Only the cases whose name contains this text (e.g. `--case "my training"`). */
const ONLY = argValue(argv, 'case');
const url = process.env.BENCH_TRAINING_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mamori_bench_training';
const log = (m: string) => console.log(`· ${m}`);
const line = (r: LoadResult) =>
  `${r.rps} req/s, p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, errors ${r.errors}, non-2xx ${r.non2xx}`;

/** The data: org tree, people, courses, assignments (timed: the first assignment has a target). */
async function build(db: Database['db']) {
  // the org tree and the people, set-based (people spread evenly over the sections)
  const t0 = Date.now();
  const units = buildOrgTree({ orgUnits: 3000, sites: 60, departments: 480 });
  for (let i = 0; i < units.length; i += 1000)
    await db.insert(orgUnits).values(units.slice(i, i + 1000).map(({ weight: _w, ...u }) => u));
  await db.execute(sql`INSERT INTO people (employee_no, name_ja, name_en, email, kind, org_unit_id)
    SELECT 'T' || lpad(n::text, 7, '0'), '社員 ' || n, 'Staff ' || n, 'p' || n || '@bench.example', 'employee',
           s.ids[1 + n % cardinality(s.ids)]
      FROM generate_series(1, ${PEOPLE}::int) n,
           (SELECT array_agg(id ORDER BY path) AS ids FROM org_units WHERE kind = 'section') s`);
  await db.execute(sql`ANALYZE org_units, people`);
  log(`org: ${units.length} units, ${PEOPLE} people in ${secs(Date.now() - t0)}`);

  // the catalogue's courses, published
  const ctx = { db, actor: systemActor('bench'), principal: null };
  const cat = trainingCatalog();
  const courseIds = new Map<string, string>();
  for (const course of cat.courses) courseIds.set(course.code, await insertCourse(db, course, true));
  const curriculum = (name: string, codes: string[]) =>
    insertCurriculum(db, {
      nameJa: name,
      nameEn: name,
      rule: 'everyone',
      role: null,
      event: null,
      courseIds: codes.map((code) => courseIds.get(code)!),
      dueDays: 60,
      active: true,
    });

  // 1. an all-employee course to everyone, through the service (one transaction, audited)
  const first = await curriculum('bench: stronger passwords', ['STRONG-PASSWORDS']);
  const t1 = performance.now();
  const { assigned } = await runCurriculum(ctx, first);
  const assignMs = performance.now() - t1;
  log(`assign an all-employee course: ${assigned} assignments in ${secs(assignMs)} (target < 30 s)`);

  // two more yearly courses, then about 60 % of every assignment passed (scores 70–100), spread over the year
  const more = await curriculum('bench: yearly', ['INCIDENT-LESSONS', 'ISM-BULLETIN']);
  const [row] = await db.select().from(trainingCurricula).where(eq(trainingCurricula.id, more));
  const t2 = performance.now();
  const moreAssigned = await assignCurriculum(db, row!);
  log(`two more courses: ${moreAssigned} assignments in ${secs(performance.now() - t2)}`);
  const t3 = performance.now();
  await db.execute(sql`UPDATE training_assignments SET status = 'passed', score = 70 + floor(random() * 31)::int,
      attempts = 1, passed_at = now() - random() * interval '200 days', expires_on = current_date + 200
    WHERE random() < 0.6`);
  // a quarter of the open ones are past due (about 10 % of all): the roll-up's overdue counts have rows to count
  await db.execute(sql`UPDATE training_assignments SET due_on = current_date - (1 + floor(random() * 60))::int
    WHERE status = 'assigned' AND random() < 0.25`);
  log(`about 60 % passed, 10 % overdue in ${secs(performance.now() - t3)} (the roll-up follows by trigger)`);
  // the hourly training pass folds the past due days into one row per course and unit, as it would overnight
  const t4 = performance.now();
  const folded = await foldPastDue(db, todayJst());
  log(`past days folded: ${folded} rows in ${secs(performance.now() - t4)}`);
  await db.execute(sql`VACUUM ANALYZE training_assignments`);
  await db.execute(sql`VACUUM ANALYZE training_rollup`);
  await db.execute(sql`VACUUM ANALYZE training_open_due`);
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

  // accounts: USERS people with an API token each, the security office, the largest site's office
  await db.execute(sql`DELETE FROM users WHERE email LIKE '%@bench.example'`);
  const persons = (await queryRows<{ id: string }>(db, sql`SELECT id FROM people ORDER BY random() LIMIT ${USERS}`)).map(
    (r) => r.id,
  );
  const accounts = await db
    .insert(users)
    .values(persons.map((personId, i) => ({ email: `u${i}@bench.example`, name: `User ${i}`, personId })))
    .returning({ id: users.id });
  await db.insert(roleAssignments).values(accounts.map((a) => ({ userId: a.id, role: 'employee' as const, orgUnitId: null })));
  const tokens: string[] = [];
  for (const a of accounts) tokens.push((await createApiToken(db, a.id, 'bench', 1)).token);
  const [site] = await queryRows<{ id: string; n: number }>(
    db,
    sql`SELECT s.id, count(*)::int AS n FROM org_units s
          JOIN org_units u ON u.path ~>=~ s.path AND u.path ~<~ (s.path || chr(1114111))
          JOIN people p ON p.org_unit_id = u.id
         WHERE s.kind = 'site' GROUP BY s.id ORDER BY n DESC LIMIT 1`,
  );
  if (!site) throw new Error('no site');
  const [office, siteOffice] = await db
    .insert(users)
    .values([
      { email: 'office@bench.example', name: 'Office' },
      { email: 'site@bench.example', name: 'Site office' },
    ])
    .returning({ id: users.id });
  await db.insert(roleAssignments).values([
    { userId: office!.id, role: 'security_office', orgUnitId: null },
    { userId: siteOffice!.id, role: 'site_security_office', orgUnitId: site.id },
  ]);
  const officeToken = (await createApiToken(db, office!.id, 'bench', 1)).token;
  const siteToken = (await createApiToken(db, siteOffice!.id, 'bench', 1)).token;
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
  try {
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
    const probe = await fetch(`${base}/api/me/training`, { headers: bearer(tokens[0]!) });
    const mine = (await probe.json()) as unknown[];
    if (probe.status !== 200 || mine.length !== 3) throw new Error(`my training answered ${probe.status}, ${mine.length} items`);
    const cases: [string, Parameters<typeof runLoad>[0]][] = [
      [
        `baseline: who am I (GET /api/me, the cost of any signed request), ${USERS} people`,
        {
          kind: 'http',
          url: base,
          paths: ['/api/me'],
          headers: {},
          headerSets: tokens.map(bearer),
          connections: CONNECTIONS,
          duration: DURATION,
        },
      ],
      [
        `my training, ${USERS} people`,
        {
          kind: 'http',
          url: base,
          paths: ['/api/me/training'],
          headers: {},
          headerSets: tokens.map(bearer),
          connections: CONNECTIONS,
          duration: DURATION,
        },
      ],
      [
        'completion per site, security office',
        {
          kind: 'http',
          url: base,
          paths: ['/api/training-completion?by=site'],
          headers: bearer(officeToken),
          connections: CONNECTIONS,
          duration: DURATION,
        },
      ],
      [
        `completion of the largest site's units (${site.n} people), its site office`,
        {
          kind: 'http',
          url: base,
          paths: [`/api/training-completion?by=unit&unitId=${site.id}`],
          headers: bearer(siteToken),
          connections: CONNECTIONS,
          duration: DURATION,
        },
      ],
    ];
    for (const [name, spec] of cases.filter(([n]) => !ONLY || n.includes(ONLY))) {
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
