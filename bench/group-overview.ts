/**
 * The group overview of 20 companies (issue #22): `GET /api/group-overview`, each company's key figures side by
 * side, for the holding's security office, p95 with 10 connections on real PostgreSQL (target < 200 ms).
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/mamori_bench_group \
 *     node --import tsx bench/generate.ts --scale 0.35 --audit 100000 --drop
 *   BENCH_DATABASE_URL=… node --import tsx bench/assets.ts --scale 0.35
 *   BENCH_DATABASE_URL=… node --import tsx bench/group-overview.ts [--companies 20] [--duration 10] [--connections 10]
 *
 * Works on a database that bench/generate.ts filled (and bench/assets.ts, for the asset figures): the top unit is
 * the holding and the `--companies` − 1 sites with the most people become its operating companies (kind `company`,
 * idempotent), so the group profile is split into companies the way a group is. The overview is shared for a few
 * seconds per reader scope (GROUP_OVERVIEW_MAX_AGE_MS), so the last two runs switch that off to time the computation
 * itself. Mamori runs in-process
 * (MAMORI_JOBS=off, log level warn); the load comes from bench/load.ts in a child process.
 */
import { sql } from 'drizzle-orm';
import { loadConfig } from '../apps/server/src/config';
import { openDatabase } from '../apps/server/src/db/client';
import { queryRows } from '../apps/server/src/db/sql';
import { createApiToken } from '../apps/server/src/platform/auth/api-tokens';
import { roleAssignments, users } from '../apps/server/src/platform/auth/tables';
import { setGroupOverviewMaxAge } from '../apps/server/src/modules/reports/group/service';
import { loadKeyring, useKeyring } from '../apps/server/src/platform/secrets/keyring';
import { startServer } from '../apps/server/src/server';
import { argValue, benchUrl } from './lib';
import type { LoadResult } from './load';
import { freePort, runLoad } from './load-runner';

const argv = process.argv.slice(2);
const COMPANIES = Number(argValue(argv, 'companies') ?? '20');
const DURATION = Number(argValue(argv, 'duration') ?? '10');
const CONNECTIONS = Number(argValue(argv, 'connections') ?? '10');
const url = benchUrl();
const log = (m: string) => console.log(`· ${m}`);
const line = (r: LoadResult) =>
  `${r.rps} req/s, p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, errors ${r.errors}, non-2xx ${r.non2xx}`;

async function main() {
  const config = loadConfig({ ...process.env, DATABASE_URL: url, MAMORI_JOBS: 'off', MAMORI_LOG_LEVEL: 'warn' });
  useKeyring(loadKeyring(config));
  const database = await openDatabase({ url, dataDir: config.dataDir });
  const db = database.db;
  // the holding: the top unit; its operating companies: the sites with the most people
  await db.execute(sql`UPDATE org_units SET kind = 'company' WHERE depth = 0`);
  await db.execute(sql`UPDATE org_units SET kind = 'company' WHERE id IN (
      SELECT s.id FROM org_units s JOIN org_units u ON u.path LIKE s.path || '%' JOIN people p ON p.org_unit_id = u.id
       WHERE s.kind IN ('site', 'company') AND s.depth = 1 GROUP BY s.id ORDER BY count(*) DESC LIMIT ${COMPANIES - 1})`);
  const [counts] = await queryRows<{ companies: number; units: number; people: number; assets: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM org_units WHERE kind = 'company')::int AS companies,
               (SELECT count(*) FROM org_units)::int AS units, (SELECT count(*) FROM people)::int AS people,
               (SELECT count(*) FROM assets)::int AS assets`,
  );
  log(`data: ${JSON.stringify(counts)}`);
  await db.execute(sql`DELETE FROM users WHERE email LIKE 'group-%@bench.example'`);
  const [office] = await db
    .insert(users)
    .values({ email: `group-office-${Date.now()}@bench.example`, name: 'Holding security office' })
    .returning({ id: users.id });
  await db.insert(roleAssignments).values({ userId: office!.id, role: 'security_office', orgUnitId: null });
  const token = (await createApiToken(db, office!.id, 'bench', 1)).token;
  await database.close();

  const port = await freePort();
  const server = await startServer(
    loadConfig({
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      MAMORI_JOBS: 'off',
      MAMORI_LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${token}` };
  try {
    const t0 = performance.now();
    const probe = await fetch(`${base}/api/group-overview`, { headers });
    const body = (await probe.json()) as { companies?: unknown[]; figures?: unknown[] };
    if (probe.status !== 200) throw new Error(`the overview answered ${probe.status}: ${JSON.stringify(body).slice(0, 300)}`);
    log(
      `first call (cold): ${Math.round(performance.now() - t0)} ms, ${body.companies?.length} companies × ${body.figures?.length} figures`,
    );
    const spec = { kind: 'http' as const, url: base, paths: ['/api/group-overview'], headers, connections: CONNECTIONS };
    await runLoad({ ...spec, duration: 3 }); // warm-up
    log(`group overview, holding office, at ${CONNECTIONS} connections: ${line(await runLoad({ ...spec, duration: DURATION }))}`);
    const one = await runLoad({ ...spec, connections: 1, duration: DURATION });
    log(`the same, 1 connection: ${line(one)}`);
    // the computation itself: the shared answer (GROUP_OVERVIEW_MAX_AGE_MS) switched off, every call computes
    setGroupOverviewMaxAge(0);
    await runLoad({ ...spec, connections: 1, duration: 3 }); // warm-up
    log(`uncached (every call computes), at ${CONNECTIONS} connections: ${line(await runLoad({ ...spec, duration: DURATION }))}`);
    log(`uncached, 1 connection: ${line(await runLoad({ ...spec, connections: 1, duration: DURATION }))}`);
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
