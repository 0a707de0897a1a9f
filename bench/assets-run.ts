/**
 * Asset benchmarks (issue #11) on the data of bench/generate.ts + bench/assets.ts, on real PostgreSQL:
 *
 *   node --import tsx bench/assets-run.ts [--duration 10] [--warmup 3] [--connections 10] [--import-rows 100000] [--only <word>]
 *
 * Starts Mamori in-process (jobs off), signs a security-office API token, and drives each list case with
 * autocannon from a child process (bench/load.ts) at 10 connections. The inventory campaign over every unit,
 * its roll-up, and a 100,000-row CSV import are timed through the API; the import's memory is the server
 * process's resident set sampled every 20 ms while it runs (the load generator is a separate process).
 */
import pg from 'pg';
import { loadConfig } from '../apps/server/src/config';
import { createApiToken } from '../apps/server/src/platform/auth/api-tokens';
import { roleAssignments, users } from '../apps/server/src/platform/auth/tables';
import { startServer } from '../apps/server/src/server';
import { argValue, benchUrl } from './lib';
import type { LoadResult } from './load';
import { freePort, runLoad } from './load-runner';

const argv = process.argv.slice(2);
const DURATION = Number(argValue(argv, 'duration') ?? '10');
const WARMUP = Number(argValue(argv, 'warmup') ?? '3');
const CONNECTIONS = Number(argValue(argv, 'connections') ?? '10');
const IMPORT_ROWS = Number(argValue(argv, 'import-rows') ?? '100000');
/** `--only ledger` measures the cases whose name contains the word (and the baseline), e.g. under `node --cpu-prof`. */
const ONLY = argValue(argv, 'only');
const wanted = (name: string) => !ONLY || name.includes(ONLY) || name.startsWith('baseline');
const url = benchUrl();
const log = (m: string) => console.log(`· ${m}`);
const rows: string[][] = [];
const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;

async function main() {
  const direct = new pg.Client({ connectionString: url });
  await direct.connect();
  const q = async <T>(text: string, values: unknown[] = []) => (await direct.query(text, values)).rows as T[];
  const n = (await q<{ n: number }>('SELECT count(*)::int AS n FROM assets'))[0]?.n ?? 0;
  if (!n) throw new Error('No assets: run bench/generate.ts and bench/assets.ts first.');
  log(`assets: ${n}`);
  // A settled table, as autovacuum keeps it in use: after the bulk load and an earlier run's import and delete, pages
  // without hint bits or visibility-map bits made the first reads write (dirty evictions from shared buffers) and the
  // index-only scans visit the heap, which measured the churn of the bench rather than the ledger.
  const vt = performance.now();
  await direct.query('VACUUM (ANALYZE) assets');
  await direct.query('VACUUM (ANALYZE) asset_search_tokens');
  await direct.query('CHECKPOINT');
  log(`vacuum + checkpoint in ${((performance.now() - vt) / 1000).toFixed(1)} s`);
  // The ten largest sections and the ten largest sites by asset count, and a spread of smaller ones.
  const sections = (
    await q<{ id: string }>(`SELECT unit_id AS id FROM assets GROUP BY unit_id ORDER BY count(*) DESC LIMIT 20`)
  ).map((r) => r.id);
  const sites = (
    await q<{ id: string }>(`SELECT u.id FROM org_units u WHERE u.kind = 'site'
        ORDER BY (SELECT count(*) FROM assets a WHERE a.unit_path LIKE u.path || '%') DESC LIMIT 20`)
  ).map((r) => r.id);
  const owner = (
    await q<{ unit_id: string; unit_code: string; id: string; employee_no: string }>(
      `SELECT p.org_unit_id AS unit_id, u.code AS unit_code, p.id, p.employee_no
         FROM people p JOIN org_units u ON u.id = p.org_unit_id WHERE p.status = 'active' LIMIT 1`,
    )
  )[0]!;

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
  try {
    const stamp = Date.now();
    const [user] = await server.database.db
      .insert(users)
      .values({ email: `bench-assets-${stamp}@bench.example`, name: 'Bench runner', kind: 'internal', status: 'active' })
      .returning();
    await server.database.db.insert(roleAssignments).values({ userId: user!.id, role: 'security_office', orgUnitId: null });
    const { token } = await createApiToken(server.database.db, user!.id, `bench ${stamp}`, 1);
    const headers = { authorization: `Bearer ${token}` };
    const call = async (method: string, path: string, body?: unknown, type = 'application/json') => {
      const res = await fetch(base + path, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': type }) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 400)}`);
      return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    };

    const load = async (name: string, target: number, paths: string[]) => {
      if (!wanted(name)) return;
      for (const p of paths) await call('GET', p); // each path once: the measured run is not the first read of any page
      const spec = { kind: 'http' as const, url: base, paths, headers, connections: CONNECTIONS, duration: DURATION };
      if (WARMUP > 0) await runLoad({ ...spec, duration: WARMUP });
      const r: LoadResult = await runLoad(spec);
      const met = r.errors === 0 && r.non2xx === 0 && r.p95 < target;
      const judged = Number.isFinite(target);
      rows.push([
        name,
        `${r.p50} ms`,
        `${r.p95} ms`,
        String(r.rps),
        judged ? `p95 < ${target} ms` : '',
        !judged ? '' : met ? 'yes' : 'NO',
      ]);
      log(`${name}: p95 ${r.p95} ms (${r.requests} requests, ${r.non2xx} non-2xx)`);
    };
    // The host's own speed, first: a signed request that reads no assets (no target). On a host that serves this
    // at twice its usual p95, every case below is about twice as slow too (bench/README.md, session 9).
    await load('baseline: who am I (GET /api/me), no target', Infinity, ['/api/me']);
    const classes = ['confidential', 'internal', 'strictly_confidential', 'public'];
    await load(
      'unit ledger filtered by class, first page',
      50,
      sections.flatMap((u) => classes.map((c) => `/api/assets?unitId=${u}&classCode=${c}&limit=50`)),
    );
    await load(
      'site ledger filtered by class, first page',
      50,
      sites.flatMap((u) => classes.map((c) => `/api/assets?unitId=${u}&classCode=${c}&limit=50`)),
    );
    const words = ['図面', '顧客名簿', 'CAD', 'Customer', '2019-00', 'FMEA', '議事録', 'Laptop'];
    await load(
      'text search, group-wide and per site',
      100,
      words.flatMap((w) => [
        `/api/assets?q=${encodeURIComponent(w)}&limit=50`,
        `/api/assets?unitId=${sites[0]}&q=${encodeURIComponent(w)}&limit=50`,
      ]),
    );

    if (!ONLY || 'inventory import'.includes(ONLY)) {
      // The inventory campaign over every unit, then its roll-up by site and group.
      const t = performance.now();
      const campaign = await call('POST', '/api/asset-reviews', {
        titleJa: `ベンチ棚卸 ${stamp}`,
        titleEn: `Bench inventory ${stamp}`,
        units: 'all',
        dueOn: new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10),
      });
      const openMs = performance.now() - t;
      const units = (await q<{ units: number }>('SELECT count(*)::int AS units FROM org_units'))[0]?.units ?? 0;
      rows.push([
        `inventory campaign opened for ${units} units`,
        '',
        `${Math.round(openMs)} ms`,
        '',
        '< 5 s',
        openMs < 5000 ? 'yes' : 'NO',
      ]);
      await load('inventory roll-up by site and group', 100, [`/api/asset-reviews/${campaign.id as string}`]);

      // A 100,000-row CSV import into one unit, with the server's resident memory sampled while it runs.
      const header =
        'unit_code,name,kind,owner,class,confidentiality,integrity,availability,location,personal_data,retention,disposal';
      const lines = [header];
      for (let i = 0; i < IMPORT_ROWS; i++)
        lines.push(
          `${owner.unit_code},ベンチ資料 ${stamp}-${i},electronic,${owner.employee_no},internal,2,2,2,ファイルサーバ,no,5年,データ消去`,
        );
      const csv = lines.join('\n');
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const ti = performance.now();
      await call('POST', `/api/assets/import?unitId=${owner.unit_id}`, csv, 'text/csv');
      const importMs = performance.now() - ti;
      clearInterval(timer);
      rows.push([
        `import ${IMPORT_ROWS} rows (CSV, ${mb(csv.length)})`,
        '',
        `${(importMs / 1000).toFixed(1)} s`,
        `peak RSS ${mb(peak)} (+${mb(peak - before)})`,
        '< 60 s, < 500 MB',
        // The target is the import's own memory: the growth of the process above its state before the import (the
        // bench process also holds the server's module graph, the CSV as a string and the load runner's results).
        importMs < 60_000 && peak - before < 500 * 2 ** 20 ? 'yes' : 'NO',
      ]);
      await direct.query(`DELETE FROM assets WHERE name LIKE $1`, [`ベンチ資料 ${stamp}-%`]);
    }
  } finally {
    await server.stop();
    await direct.end();
  }
  console.log('\n| case | p50 | p95 / time | rps / memory | target | met |\n|---|--:|--:|--:|---|:-:|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
