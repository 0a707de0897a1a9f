/**
 * Targeted-mail drill benchmarks (issue #13), on real PostgreSQL, in a database of their own:
 *
 *   node --import tsx bench/drills.ts [--people 250000] [--duration 10] [--connections 50]
 *
 * 1. fills `mamori_bench_drills` (BENCH_DRILLS_DATABASE_URL) with one company, 60 sites and `--people` people with
 *    mail addresses (once; kept for the next run),
 * 2. times queueing a drill to all of them (the set-based INSERT … SELECT, through the service),
 * 3. gives every recipient a known token (as if sent an hour ago) and drives the click link with autocannon at
 *    `--connections` connections, half the requests with real tokens and half with forged ones.
 */
import pg from 'pg';
import { loadConfig } from '../apps/server/src/config';
import { openDatabase } from '../apps/server/src/db/client';
import { createDrill } from '../apps/server/src/modules/training/drills/design';
import { queueDrill } from '../apps/server/src/modules/training/drills/queue';
import { systemActor } from '../apps/server/src/platform/audit/record';
import { loadKeyring, useKeyring } from '../apps/server/src/platform/secrets/keyring';
import { startServer } from '../apps/server/src/server';
import { adminUrl, argValue, secs } from './lib';
import { freePort, runLoad } from './load-runner';

const argv = process.argv.slice(2);
const PEOPLE = Number(argValue(argv, 'people') ?? '250000');
const DURATION = Number(argValue(argv, 'duration') ?? '10');
const CONNECTIONS = Number(argValue(argv, 'connections') ?? '50');
const url = process.env.BENCH_DRILLS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mamori_bench_drills';
const log = (m: string) => console.log(`· ${m}`);

async function ensureDatabase() {
  const { admin, dbName } = adminUrl(url);
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  const exists = (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount;
  if (!exists) await c.query(`CREATE DATABASE "${dbName}"`);
  await c.end();
}

async function main() {
  await ensureDatabase();
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    MAMORI_JOBS: 'off',
    MAMORI_LOG_LEVEL: 'warn',
    MAMORI_DRILL_LINK_RATE_LIMIT: '100000000',
  });
  useKeyring(loadKeyring(config));
  const database = await openDatabase({ url, dataDir: config.dataDir });
  const direct = new pg.Client({ connectionString: url });
  await direct.connect();
  const q = async <T>(text: string, values: unknown[] = []) => (await direct.query(text, values)).rows as T[];
  const have = (await q<{ n: number }>(`SELECT count(*)::int AS n FROM people WHERE email IS NOT NULL`))[0]!.n;
  if (have < PEOPLE) {
    const t0 = Date.now();
    await q(`INSERT INTO org_units (id, code, kind, name_ja, name_en, path, depth) VALUES
      ('00000000-0000-4000-8000-000000000001', 'BD', 'company', 'ベンチ工業', 'Bench Industries', '/00000000-0000-4000-8000-000000000001/', 0)
      ON CONFLICT DO NOTHING`);
    await q(`WITH s AS (SELECT gen_random_uuid() AS id, g FROM generate_series(1, 60) g)
      INSERT INTO org_units (id, parent_id, code, kind, name_ja, name_en, path, depth)
      SELECT s.id, '00000000-0000-4000-8000-000000000001', 'BD-' || g, 'site', '事業所' || g, 'Site ' || g,
             '/00000000-0000-4000-8000-000000000001/' || s.id || '/', 1
      FROM s ON CONFLICT DO NOTHING`);
    await q(
      `INSERT INTO people (employee_no, name_ja, name_en, email, kind, org_unit_id)
       SELECT 'BD' || lpad(n::text, 7, '0'), '社員 ' || n, 'Staff ' || n, 'p' || n || '@bench.example', 'employee',
              (SELECT array_agg(id ORDER BY code) FROM org_units WHERE kind = 'site' AND code LIKE 'BD-%')[1 + n % 60]
       FROM generate_series($1::int + 1, $2::int) n`,
      [have, PEOPLE],
    );
    log(`people: ${PEOPLE} (added ${PEOPLE - have} in ${secs(Date.now() - t0)})`);
  }
  const ctx = { db: database.db, actor: systemActor('bench'), principal: null };
  const drill = await createDrill(ctx, {
    name: `bench ${new Date().toISOString()}`,
    windowStart: new Date(Date.now() + 86_400_000).toISOString(),
    windowHours: 8,
    reportLink: true,
    templates: [
      {
        ja: { senderName: '総務部', subject: '確認のお願い', body: '{{name}} 様 {{link}}' },
        en: { senderName: 'General Affairs', subject: 'Please confirm', body: 'Dear {{name}}, {{link}}' },
        attachmentName: null,
      },
    ],
    targets: [{ unitId: null, roleGroup: null }],
  });
  const t1 = Date.now();
  const queued = await queueDrill(ctx, drill.id, undefined);
  const queueMs = Date.now() - t1;
  log(`queued ${queued.recipients} recipients in ${secs(queueMs)}`);

  // every recipient "received" the mail an hour ago, with token = its id without dashes (32 characters)
  await q(
    `UPDATE drill_recipients SET sent_at = now() - interval '1 hour',
       token_hash = encode(sha256(convert_to(replace(id::text, '-', ''), 'UTF8')), 'hex') WHERE drill_id = $1`,
    [drill.id],
  );
  const tokens = (
    await q<{ t: string }>(
      `SELECT replace(id::text, '-', '') AS t FROM drill_recipients WHERE drill_id = $1 ORDER BY random() LIMIT 2000`,
      [drill.id],
    )
  ).map((r) => r.t);
  const paths = tokens.flatMap((t, i) => [
    `/api/drill-links/c/${t}?l=ja`,
    `/api/drill-links/c/${'f'.repeat(24)}${String(i).padStart(8, '0')}?l=ja`,
  ]);
  const port = await freePort();
  const server = await startServer(
    loadConfig({
      ...process.env,
      DATABASE_URL: url,
      MAMORI_JOBS: 'off',
      MAMORI_LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      MAMORI_DRILL_LINK_RATE_LIMIT: '100000000',
    }),
  );
  try {
    const ua = { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36' };
    await runLoad({ kind: 'http', url: `http://127.0.0.1:${port}`, paths, headers: ua, connections: CONNECTIONS, duration: 3 });
    const r = await runLoad({
      kind: 'http',
      url: `http://127.0.0.1:${port}`,
      paths,
      headers: ua,
      connections: CONNECTIONS,
      duration: DURATION,
    });
    log(
      `click link at ${CONNECTIONS} connections: ${r.rps} req/s, p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, errors ${r.errors}, non-2xx ${r.non2xx}`,
    );
    // the hits are written behind the answers: closing the server waits for the queue
    const tDrain = Date.now();
    await server.stop();
    log(`the hits waiting after the load were written in ${secs(Date.now() - tDrain)} (server closed)`);
    const hits = (await q<{ n: number }>(`SELECT count(*)::int AS n FROM drill_hits WHERE drill_id = $1`, [drill.id]))[0]!.n;
    log(`hits recorded: ${hits} of ${Math.round((r.rps * (DURATION + 3)) / 2)} or so real-token requests (warm-up included)`);
  } finally {
    await server.stop().catch(() => undefined);
    await direct.end();
    await database.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
