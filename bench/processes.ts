/**
 * People-list requests/s with 1, 2 and 3 Mamori processes on one PostgreSQL (issue #16, "Speed"): the point on a
 * 2-core machine is no contention between processes (2 processes ≥ 1.3 × one), not the absolute figure.
 *
 *   node --import tsx bench/processes.ts [--processes 1,2,3] [--duration 15] [--connections 12] [--scale 0.1]
 *
 * Database: BENCH_PROCESSES_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/mamori_bench_proc); when it
 * holds no people, bench/generate.ts fills it (--scale 0.1: 25,000 people, 300 units; few audit events). Each case
 * starts N real `mamori start` processes (MAMORI_JOBS=off) and runs one load process (autocannon, bench/load.ts) per
 * server with connections/N each, all at once; req/s is their sum, p95 the worst of them. The request is
 * `GET /api/people?orgUnitId=<site>&sort=nameEn&limit=50` over every site, as a group-wide security-office user.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createApiToken } from '../apps/server/src/platform/auth/api-tokens';
import { roleAssignments, users } from '../apps/server/src/platform/auth/tables';
import { openDatabase } from '../apps/server/src/db/client';
import { queryRows } from '../apps/server/src/db/sql';
import { argValue } from './lib';
import { freePort, runLoad } from './load-runner';
import type { LoadResult } from './load';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const url = process.env.BENCH_PROCESSES_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mamori_bench_proc';
const counts = (argValue(argv, 'processes') ?? '1,2,3').split(',').map(Number);
const duration = Number(argValue(argv, 'duration') ?? 15);
const connections = Number(argValue(argv, 'connections') ?? 12);
const scale = argValue(argv, 'scale') ?? '0.1';
// the bench's own master key: the generator and every server must agree (the audit chain names its key)
const KEY = Buffer.from('mamori bench processes key only!').toString('base64');
const env = { ...process.env, MAMORI_SECRET_KEY: KEY, BENCH_DATABASE_URL: url };

async function peopleCount(): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    return Number((await c.query('SELECT count(*) AS n FROM people')).rows[0].n);
  } catch {
    return 0; // no database, or not migrated yet
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function ensureData(): Promise<void> {
  if ((await peopleCount()) > 0) return;
  const args = ['--import', 'tsx', join(root, 'bench/generate.ts'), '--scale', scale, '--audit', '10000', '--drop'];
  const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('bench/generate.ts failed');
}

async function benchUser(): Promise<{ token: string; sites: string[] }> {
  const database = await openDatabase({ url, poolSize: 1, migrate: false });
  try {
    const stamp = Date.now();
    const [user] = await database.db
      .insert(users)
      .values({ email: `bench-proc-${stamp}@bench.example`, name: 'Bench processes', kind: 'internal', status: 'active' })
      .returning();
    await database.db.insert(roleAssignments).values({ userId: user!.id, role: 'security_office', orgUnitId: null });
    const { token } = await createApiToken(database.db, user!.id, `bench ${stamp}`, 1);
    const sites = await queryRows<{ id: string }>(database.db, sql`SELECT id FROM org_units WHERE kind = 'site' ORDER BY code`);
    return { token, sites: sites.map((r) => r.id) };
  } finally {
    await database.close();
  }
}

async function startProcess(): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--max-old-space-size=1536', join(root, 'apps/server/bin/mamori.mjs'), 'start'], {
    cwd: root,
    env: {
      ...env,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      MAMORI_JOBS: 'off',
      MAMORI_LOG_LEVEL: 'warn',
      MAMORI_WEB_DIST: '/nonexistent',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('mamori start exited');
    if (
      await fetch(`${base}/api/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, base };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('mamori start did not become ready');
}

async function stop(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map((c) => new Promise((ok) => (c.exitCode !== null ? ok(null) : (c.once('exit', ok), c.kill('SIGTERM'))))),
  );
}

async function main() {
  await ensureData();
  const { token, sites } = await benchUser();
  const paths = sites.map((id) => `/api/people?orgUnitId=${id}&sort=nameEn&limit=50`);
  const headers = { authorization: `Bearer ${token}` };
  const rows: string[] = [];
  let one = 0;
  for (const n of counts) {
    const procs = await Promise.all(Array.from({ length: n }, () => startProcess()));
    try {
      const per = Math.max(1, Math.round(connections / n));
      const load = (seconds: number) =>
        Promise.all(
          procs.map((p) => runLoad({ kind: 'http', url: p.base, paths, headers, connections: per, duration: seconds })),
        );
      await load(3); // warm-up: each connection prepares its statements
      const results: LoadResult[] = await load(duration);
      const rps = results.reduce((s, r) => s + r.rps, 0);
      if (n === 1) one = rps;
      const bad = results.reduce((s, r) => s + r.errors + r.non2xx, 0);
      const p50 = Math.max(...results.map((r) => r.p50));
      const p95 = Math.max(...results.map((r) => r.p95));
      const ratio = one ? (rps / one).toFixed(2) : '—';
      rows.push(`| ${n} | ${per * n} | ${duration} s | ${Math.round(rps)} | ${ratio} | ${p50} ms | ${p95} ms | ${bad} |`);
      console.log(rows.at(-1));
    } finally {
      await stop(procs.map((p) => p.child));
    }
  }
  console.log('\n| processes | connections | duration | req/s | × one | p50 | p95 | errors |');
  console.log('| --: | --: | --: | --: | --: | --: | --: | --: |');
  for (const r of rows) console.log(r);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
