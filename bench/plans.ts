/**
 * Yearly plan benchmarks (issue #12) on real PostgreSQL, self-contained in its own database
 * (default postgres://postgres@127.0.0.1:5432/mamori_bench_plans, dropped and recreated each run):
 *
 *   node --import tsx bench/plans.ts [--iterations 200] [--connections 10]
 *
 * Builds the group profile's org tree (3,000 units: 60 sites, 480 departments, sections) with one promotion
 * leader per department, drafts a plan of 30 activities over every unit (all four unit kinds), and times:
 * publishing it (the cascade of 90,000 tasks, one transaction); then, with about half the tasks done, the
 * roll-up by site and a leader's task list (mine=1), each run `iterations` times by `connections` concurrent
 * callers through the services (no HTTP: add the request pipeline's few ms on top).
 */
import { fiscalYearOf } from '../packages/contracts/src/fiscal-year';
import { openDatabase } from '../apps/server/src/db/client';
import { orgUnits } from '../apps/server/src/modules/org/tables';
import { planActivities, plans } from '../apps/server/src/modules/plans/plan/tables';
import { publishPlan } from '../apps/server/src/modules/plans/plan/write';
import { planProgress } from '../apps/server/src/modules/plans/progress/rollup';
import { listTasks } from '../apps/server/src/modules/plans/tasks/read';
import { roleAssignments, users } from '../apps/server/src/platform/auth/tables';
import type { Principal } from '../apps/server/src/platform/access/principal';
import { systemActor } from '../apps/server/src/platform/audit/record';
import type { Ctx } from '../apps/server/src/platform/tx';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { adminUrl, argValue } from './lib';
import { buildOrgTree } from './org-tree';

const argv = process.argv.slice(2);
const ITER = Number(argValue(argv, 'iterations') ?? '200');
const CONN = Number(argValue(argv, 'connections') ?? '10');
const url = process.env.BENCH_PLANS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mamori_bench_plans';
const log = (m: string) => console.log(`· ${m}`);

const principal = (userId: string, grants: Principal['grants']): Principal => ({
  userId,
  email: 'bench@bench.example',
  name: 'Bench',
  kind: 'internal',
  partnerId: null,
  language: 'en',
  mfaEnabled: false,
  grants,
  via: 'token',
  sessionId: null,
  mfaEnrollmentRequired: false,
});

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

/** Runs `fn` `ITER` times with `CONN` callers at once; the latency percentiles in ms. */
async function load(fn: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONN }, async () => {
      while (next < ITER) {
        const i = next++;
        times.push((await timed(() => fn(i)))[1]);
      }
    }),
  );
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  return `p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${times.at(-1)!.toFixed(1)} ms`;
}

async function main() {
  const { admin, dbName } = adminUrl(url);
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${dbName}`);
  await c.end();
  const database = await openDatabase({ url, poolSize: CONN });
  const db = database.db;
  const units = buildOrgTree({ orgUnits: 3000, sites: 60, departments: 480 });
  for (let i = 0; i < units.length; i += 1000)
    await db.insert(orgUnits).values(units.slice(i, i + 1000).map(({ weight: _w, ...u }) => u));
  const depts = units.filter((u) => u.kind === 'department');
  const leaders = await db
    .insert(users)
    .values(depts.map((d, i) => ({ email: `leader${i}@bench.example`, name: `Leader ${i}`, passwordHash: 'x' })))
    .returning({ id: users.id });
  await db
    .insert(roleAssignments)
    .values(leaders.map((u, i) => ({ userId: u.id, role: 'promotion_leader', orgUnitId: depts[i]!.id })));
  const [office] = await db
    .insert(users)
    .values({ email: 'office@bench.example', name: 'Office', passwordHash: 'x' })
    .returning();
  log(`org: ${units.length} units, ${depts.length} promotion leaders`);

  const fy = fiscalYearOf(new Date());
  const [plan] = await db.insert(plans).values({ fiscalYear: fy, version: 1, titleJa: '計画', titleEn: 'Plan' }).returning();
  await db.insert(planActivities).values(
    Array.from({ length: 30 }, (_, i) => ({
      planId: plan!.id,
      position: i + 1,
      kind: 'other' as const,
      phase: 'do' as const,
      titleJa: `活動 ${i + 1}`,
      titleEn: `Activity ${i + 1}`,
      dueDate: `${fy + (i >= 27 ? 1 : 0)}-${String((((i % 12) + 3) % 12) + 1).padStart(2, '0')}-28`,
      unitRoots: [units[0]!.id],
      unitKinds: ['company', 'site', 'department', 'section'],
      evidence: 'none' as const,
    })),
  );
  // what autovacuum does soon after a load: the planner needs real row counts for the freshly filled tables
  await db.execute(sql`ANALYZE org_units, users, role_assignments, plans, plan_activities`);
  const ctx: Ctx = {
    db,
    actor: systemActor('bench'),
    principal: principal(office!.id, [
      { id: 'g', role: 'security_office', orgUnitId: null, path: null, orgUnitName: null, orgUnitNameJa: null },
    ]),
  };
  const [published, ms] = await timed(() => publishPlan(ctx, plan!.id));
  log(`publish: ${published.tasksCreated} tasks in ${(ms / 1000).toFixed(2)} s (one transaction)`);
  await database.db.execute(
    // about half done, spread over the year
    (await import('drizzle-orm'))
      .sql`UPDATE plan_tasks SET status = 'done', done_at = now() - (random() * interval '200 days') WHERE random() < 0.5`,
  );
  // what autovacuum does after such a change (visibility map for index-only scans, fresh statistics)
  await database.db.execute(sql`VACUUM ANALYZE plan_tasks`);
  log(
    `roll-up by site (${CONN} connections, ${ITER} runs): ${await load(() => planProgress(ctx, { fiscalYear: fy, by: 'site' }))}`,
  );
  log(`roll-up by activity: ${await load(() => planProgress(ctx, { fiscalYear: fy, by: 'activity' }))}`);
  const site = units.find((u) => u.kind === 'site')!;
  const siteCtx: Ctx = {
    ...ctx,
    principal: principal(office!.id, [
      { id: 's', role: 'site_security_office', orgUnitId: site.id, path: site.path, orgUnitName: null, orgUnitNameJa: null },
    ]),
  };
  log(
    `roll-up by site, a site office: ${await load(() => planProgress(siteCtx, { fiscalYear: fy, by: 'unit', unit: site.id }))}`,
  );
  log(
    `a leader's task list (mine=1): ${await load((i) => {
      const d = depts[i % depts.length]!;
      const leaderCtx: Ctx = {
        ...ctx,
        principal: principal(leaders[i % depts.length]!.id, [
          { id: 'l', role: 'promotion_leader', orgUnitId: d.id, path: d.path, orgUnitName: null, orgUnitNameJa: null },
        ]),
      };
      return listTasks(leaderCtx, { fiscalYear: fy, mine: '1', limit: 100 });
    })}`,
  );
  await database.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
