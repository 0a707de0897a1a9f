/**
 * Vulnerability assessments at scale (issue #23: "a SARIF or scanner file of 100,000 results imported and
 * de-duplicated < 60 s; the findings list for a unit p95 < 50 ms at 10 connections"), on real PostgreSQL:
 *
 *   node --import tsx --expose-gc bench/assessments.ts [--results 100000] [--units 10] [--duration 15]
 *        [--connections 10] [--drop]
 *
 * Database: BENCH_ASSESSMENTS_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/mamori_bench_assessments),
 * created if missing (--drop: recreated). Never mamori_bench. It makes a company with `--units` departments of two
 * web systems each, one assessment of all of them, and imports through the real service (importRun: parse, place,
 * de-duplicate, SLA, events, audit) one SARIF log of `--results` results (a DAST scanner's shape: 200 rules over
 * distinct URLs of the 20 hosts), then a second log where a tenth is gone (fixed) and a tenth is new. Then the
 * server runs in-process (MAMORI_JOBS=off) and `--connections` clients ask `GET /api/assessment-findings?unitId=`
 * for a random department (first page, 50, the most urgent first) for `--duration` seconds after a 3 s warm-up.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { buildApp } from '../apps/server/src/app';
import { loadConfig } from '../apps/server/src/config';
import { openDatabase } from '../apps/server/src/db/client';
import { queryRows } from '../apps/server/src/db/sql';
import { createAssessment } from '../apps/server/src/modules/systems/assessments/records';
import { importRun } from '../apps/server/src/modules/systems/assessments/import';
import { systems } from '../apps/server/src/modules/systems/tables';
import { orgUnits } from '../apps/server/src/modules/org/tables';
import { createApiToken } from '../apps/server/src/platform/auth/api-tokens';
import { roleAssignments, users } from '../apps/server/src/platform/auth/tables';
import type { Principal } from '../apps/server/src/platform/access/principal';
import type { Ctx } from '../apps/server/src/platform/tx';
import { adminUrl, argValue, secs } from './lib';

const argv = process.argv.slice(2);
const url = process.env.BENCH_ASSESSMENTS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mamori_bench_assessments';
if (/\/mamori_bench(\?|$)/.test(url)) throw new Error('bench/assessments.ts never runs on mamori_bench');
const RESULTS = Number(argValue(argv, 'results') ?? 100_000);
const UNITS = Number(argValue(argv, 'units') ?? 10);
const seconds = Number(argValue(argv, 'duration') ?? 15);
const connections = Number(argValue(argv, 'connections') ?? 10);
const HOSTS = UNITS * 2;

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function ensureDatabase() {
  const { admin, dbName } = adminUrl(url);
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    if (argValue(argv, 'drop')) await c.query(`DROP DATABASE IF EXISTS ${dbName}`);
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
    if (!rowCount) await c.query(`CREATE DATABASE ${dbName}`);
  } finally {
    await c.end();
  }
}

/** A DAST scanner's SARIF: result i is rule i % 200 on its own URL of host i % HOSTS. */
function sarif(from: number, count: number): string {
  const results = [];
  for (let i = from; i < from + count; i++)
    results.push({
      ruleId: `ZAP-${10000 + (i % 200)}`,
      level: i % 11 === 0 ? 'error' : i % 3 === 0 ? 'warning' : 'note',
      message: { text: `Issue ${i % 200} at parameter p${i % 17}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: `https://h${i % HOSTS}.bench.example/app/${Math.floor(i / HOSTS)}` },
            region: { startLine: 1 },
          },
        },
      ],
    });
  return JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'ZAP', version: '2.16' } }, results }] });
}

async function main() {
  await ensureDatabase();
  const database = await openDatabase({ url, poolSize: connections + 2 });
  const db = database.db;
  const id = randomUUID();
  const stamp = id.slice(0, 8);
  const [company] = await db
    .insert(orgUnits)
    .values({ id, code: `B-${stamp}`, kind: 'company', nameJa: 'B', nameEn: 'B', path: `/${id}/`, depth: 0 })
    .returning();
  const depts: (typeof orgUnits.$inferSelect)[] = [];
  for (let u = 0; u < UNITS; u++) {
    const did = randomUUID();
    const [d] = await db
      .insert(orgUnits)
      .values({
        id: did,
        parentId: company!.id,
        code: `B-${stamp}-D${u}`,
        kind: 'department',
        nameJa: `部 ${u}`,
        nameEn: `Dept ${u}`,
        path: `${company!.path}${did}/`,
        depth: 1,
      })
      .returning();
    depts.push(d!);
  }
  const targets = await db
    .insert(systems)
    .values(
      Array.from({ length: HOSTS }, (_, h) => {
        const d = depts[Math.floor(h / 2)]!;
        return {
          name: `web ${h}`,
          kind: 'iaas' as const,
          unitId: d.id,
          unitPath: d.path,
          maxClassCode: 'internal',
          internetFacing: true,
        };
      }),
    )
    .returning();
  const [user] = await db
    .insert(users)
    .values({ email: `bench-${stamp}@bench.example`, name: 'Bench', kind: 'internal', status: 'active' })
    .returning();
  await db.insert(roleAssignments).values({ userId: user!.id, role: 'security_office', orgUnitId: null });
  const principal: Principal = {
    userId: user!.id,
    email: user!.email,
    name: 'Bench',
    kind: 'internal',
    partnerId: null,
    language: 'en',
    mfaEnabled: true,
    grants: [{ id: 'bench', role: 'security_office', orgUnitId: null, path: null, orgUnitName: null, orgUnitNameJa: null }],
    via: 'token',
    sessionId: null,
    mfaEnrollmentRequired: false,
  };
  const ctx: Ctx = { db, actor: { userId: user!.id, label: 'bench', requestId: null, ip: null }, principal };
  const assessment = await createAssessment(ctx, {
    name: `bench ${stamp}`,
    kind: 'scanner',
    unitId: company!.id,
    targets: targets.map((s, h) => ({ systemId: s.id, hosts: [`h${h}.bench.example`] })),
    csvMapping: null,
  });

  const first = sarif(0, RESULTS);
  global.gc?.();
  const base = process.memoryUsage.rss();
  peak = base;
  let t0 = performance.now();
  const a = await importRun(ctx, assessment.id, { format: 'sarif', full: true, fileName: 'zap-1.sarif', text: first });
  const firstMs = performance.now() - t0;
  const second = sarif(Math.floor(RESULTS / 10), RESULTS);
  t0 = performance.now();
  const b = await importRun(ctx, assessment.id, { format: 'sarif', full: true, fileName: 'zap-2.sarif', text: second });
  const secondMs = performance.now() - t0;
  await db.execute(sql`ANALYZE assessment_findings`);

  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: url,
    MAMORI_JOBS: 'off',
    MAMORI_LOG_LEVEL: 'warn',
  });
  const app = await buildApp({ config, database, logger: { level: 'warn' } });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const { token } = await createApiToken(db, user!.id, `bench ${stamp}`, 1);
  const headers = { authorization: `Bearer ${token}` };
  const list = async () => {
    const d = depts[Math.floor(Math.random() * depts.length)]!;
    const start = performance.now();
    const res = await fetch(`${baseUrl}/api/assessment-findings?unitId=${d.id}&limit=50`, { headers });
    const body = (await res.json()) as { items?: unknown[] };
    const ms = performance.now() - start;
    if (res.status !== 200 || body.items?.length !== 50) throw new Error(`unexpected answer ${res.status}`);
    return ms;
  };
  const run = async (ms: number) => {
    const latencies: number[] = [];
    const until = performance.now() + ms;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) latencies.push(await list());
      }),
    );
    return latencies.sort((x, y) => x - y);
  };
  await run(3_000);
  const latencies = await run(seconds * 1000);
  const [{ n: findings } = { n: 0 }] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM assessment_findings`,
  );
  await app.close();
  await database.close();
  clearInterval(sampler);
  const f = (v: number) => `${v.toFixed(1)} ms`;
  console.log(
    [
      `| step | time | results | opened | reopened | fixed | seen |`,
      `| ---- | ---: | ------: | -----: | -------: | ----: | ---: |`,
      `| first import (${mb(Buffer.byteLength(first))} SARIF) | ${secs(firstMs)} | ${a.results} | ${a.opened} | ${a.reopened} | ${a.fixed} | ${a.seen} |`,
      `| second import (a tenth gone, a tenth new) | ${secs(secondMs)} | ${b.results} | ${b.opened} | ${b.reopened} | ${b.fixed} | ${b.seen} |`,
      '',
      `peak RSS ${mb(peak)} (${mb(peak - base)} above the ${mb(base)} before the imports); ${findings.toLocaleString('en')} findings in the database`,
      '',
      `| findings list of a unit | connections | requests | req/s | p50 | p95 | p99 | max |`,
      `| ---- | ----------: | -------: | ----: | --: | --: | --: | --: |`,
      `| ${UNITS} departments | ${connections} | ${latencies.length} | ${(latencies.length / seconds).toFixed(0)} | ${f(pct(latencies, 50))} | ${f(pct(latencies, 95))} | ${f(pct(latencies, 99))} | ${f(latencies.at(-1)!)} |`,
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
