/**
 * SCIM lookup speed (issue #16): `GET /scim/v2/Users?filter=userName eq "…"`, the request an identity provider sends
 * before every create, p95 with 10 connections on N provisioned users (default 50,000) on real PostgreSQL.
 *
 *   node --import tsx bench/scim.ts [--users 50000] [--duration 15] [--connections 10] [--drop]
 *
 * Database: BENCH_SCIM_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/mamori_bench_scim), created if
 * missing, filled once (users + scim_users rows by generate_series; reused by later runs). The server runs in-process
 * (MAMORI_JOBS=off, log level warn) with the SCIM rate limit raised so the bench measures the lookup, not the 429s.
 */
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { buildApp } from '../apps/server/src/app';
import { loadConfig } from '../apps/server/src/config';
import { openDatabase } from '../apps/server/src/db/client';
import { queryRows } from '../apps/server/src/db/sql';
import { systemActor } from '../apps/server/src/platform/audit/record';
import { createToken } from '../apps/server/src/modules/identity/scim/tokens';
import { adminUrl, argValue } from './lib';

const argv = process.argv.slice(2);
const url = process.env.BENCH_SCIM_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mamori_bench_scim';
const wanted = Number(argValue(argv, 'users') ?? 50_000);
const seconds = Number(argValue(argv, 'duration') ?? 15);
const connections = Number(argValue(argv, 'connections') ?? 10);

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

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main() {
  await ensureDatabase();
  const database = await openDatabase({ url, poolSize: connections + 2 });
  const db = database.db;
  const [{ n: have } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM scim_users`);
  const t0 = performance.now();
  for (let from = have + 1; from <= wanted; from += 10_000) {
    const to = Math.min(wanted, from + 9_999);
    await db.execute(sql`WITH u AS (
        INSERT INTO users (email, name)
        SELECT 'user' || g || '@bench.example', 'ベンチ 利用者 ' || g FROM generate_series(${from}::int, ${to}::int) g
        RETURNING id, email, name)
      INSERT INTO scim_users (user_id, user_name, external_id, resource)
      SELECT id, email, md5(email), jsonb_build_object('displayName', name,
             'emails', jsonb_build_array(jsonb_build_object('value', email, 'type', 'work', 'primary', true)))
        FROM u`);
  }
  await db.execute(sql`ANALYZE users; ANALYZE scim_users`);
  const fillMs = performance.now() - t0;
  const [{ n: total } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM scim_users`);

  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: url,
    MAMORI_JOBS: 'off',
    MAMORI_LOG_LEVEL: 'warn',
    MAMORI_SCIM_RATE_LIMIT: '100000000',
  });
  const app = await buildApp({ config, database, logger: { level: 'warn' } });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const { token } = await createToken({ db, actor: systemActor('bench'), principal: null }, `bench-${Date.now()}`);
  const headers = { authorization: `Bearer ${token}`, accept: 'application/scim+json' };
  const lookup = async () => {
    const i = 1 + Math.floor(Math.random() * total);
    const filter = encodeURIComponent(`userName eq "user${i}@bench.example"`);
    const start = performance.now();
    const res = await fetch(`${base}/scim/v2/Users?filter=${filter}`, { headers });
    const body = (await res.json()) as { totalResults?: number };
    const ms = performance.now() - start;
    if (res.status !== 200 || body.totalResults !== 1) throw new Error(`unexpected answer ${res.status} ${JSON.stringify(body)}`);
    return ms;
  };
  const run = async (ms: number) => {
    const latencies: number[] = [];
    const until = performance.now() + ms;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) latencies.push(await lookup());
      }),
    );
    return latencies.sort((a, b) => a - b);
  };
  await run(3_000); // warm-up: connections, prepared plans, JIT
  const latencies = await run(seconds * 1000);
  const [plan] = await queryRows<{ 'QUERY PLAN': string }>(
    db,
    sql`EXPLAIN SELECT 1 FROM scim_users s JOIN users u ON u.id = s.user_id WHERE lower(s.user_name) = 'user1@bench.example'`,
  );
  await app.close();
  await database.close();
  const f = (v: number) => `${v.toFixed(1)} ms`;
  console.log(
    [
      `| users | connections | requests | req/s | p50 | p95 | p99 | max |`,
      `| ----: | ----------: | -------: | ----: | --: | --: | --: | --: |`,
      `| ${total.toLocaleString('en')} | ${connections} | ${latencies.length} | ${(latencies.length / seconds).toFixed(0)} | ${f(pct(latencies, 50))} | ${f(pct(latencies, 95))} | ${f(pct(latencies, 99))} | ${f(latencies.at(-1)!)} |`,
      '',
      `filled ${Math.max(0, total - have)} users in ${(fillMs / 1000).toFixed(1)} s; plan: ${plan?.['QUERY PLAN'] ?? '?'}`,
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
