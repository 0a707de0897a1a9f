/**
 * Mamori benchmarks (bench/README.md): `npm run bench [-- options]`.
 *
 *   --duration 10     seconds per measured case (after --warmup seconds of the same load)
 *   --warmup 3
 *   --connections 10  autocannon connections = pg Pool size of the direct case
 *   --only a,b,c,d,e,f,cold,web   run only these parts (default: all)
 *   lighthouse        (first argument) Lighthouse on the web app instead: bench/lighthouse.ts
 *
 * Starts Mamori in-process on the bench database (BENCH_DATABASE_URL, filled by bench/generate.ts),
 * creates a security-office user and an API token, then drives each case with autocannon from a child
 * process (bench/load.ts). Writes bench/results/<timestamp>.json and prints a markdown table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../apps/server/src/config';
import { createApiToken } from '../apps/server/src/platform/auth/api-tokens';
import { roleAssignments, users } from '../apps/server/src/platform/auth/tables';
import { startServer, type RunningServer } from '../apps/server/src/server';
import { argValue, benchUrl } from './lib';
import type { CapturedQuery, LoadResult, LoadSpec } from './load';
import { freePort, runLoad } from './load-runner';
import { coldStart, webJs } from './startup';
import { captureSql, jsonSafe } from './capture';
import { cpuPerRequest, cpuSample, type CpuPerRequest } from './cpu';
import { report, type BenchResults } from './report';
import { auditSql, peopleListSql, pickSql } from './statements';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const DURATION = Number(argValue(argv, 'duration') ?? '10');
const WARMUP = Number(argValue(argv, 'warmup') ?? '3');
const CONNECTIONS = Number(argValue(argv, 'connections') ?? '10');
const only = argValue(argv, 'only')?.split(',');
const wants = (part: string) => !only || only.includes(part);
const url = benchUrl();

const results: BenchResults = {
  startedAt: new Date().toISOString(),
  command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
  machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30) },
  cases: [],
  plans: {},
  notes: [],
};

const log = (msg: string) => console.log(`· ${msg}`);

// ── helpers ───────────────────────────────────────────────────────────────────────────────────────

async function measure(spec: LoadSpec): Promise<LoadResult & { cpu: CpuPerRequest }> {
  if (WARMUP > 0) await runLoad({ ...spec, duration: WARMUP });
  const before = cpuSample();
  const result = await runLoad(spec);
  return { ...result, cpu: cpuPerRequest(before, cpuSample(), result.requests) };
}

type Json = Record<string, unknown>;

// ── the database cases ───────────────────────────────────────────────────────────────────────────
async function databaseCases(): Promise<void> {
  const direct = new pg.Client({ connectionString: url });
  await direct.connect();
  const one = async <T = Json>(text: string, values: unknown[] = []) => (await direct.query(text, values)).rows[0] as T;
  const all = async <T = Json>(text: string, values: unknown[] = []) => (await direct.query(text, values)).rows as T[];

  const counts = await one<Record<string, string>>(`SELECT
      (SELECT count(*) FROM org_units) AS org_units, (SELECT count(*) FROM people) AS people,
      (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM role_assignments) AS role_assignments,
      (SELECT reltuples::bigint FROM pg_class WHERE relname = 'audit_events') AS audit_events_estimate`);
  results.data = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)]));
  if (!results.data.people) throw new Error(`The bench database ${url} is empty: run node --import tsx bench/generate.ts first.`);
  const pgInfo = await one<Json>(
    `SELECT version() AS version, current_setting('shared_buffers') AS shared_buffers, current_setting('work_mem') AS work_mem,
            current_setting('effective_cache_size') AS effective_cache_size, current_setting('random_page_cost') AS random_page_cost,
            current_setting('jit') AS jit`,
  );
  results.machine.postgres = pgInfo;
  log(`data: ${JSON.stringify(results.data)}`);

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
  const server: RunningServer = await startServer(config);
  const base = `http://127.0.0.1:${port}`;
  try {
    // A security-office user (group-wide scope) and an API token for it.
    const stamp = Date.now();
    const [user] = await server.database.db
      .insert(users)
      .values({ email: `bench-${stamp}@bench.example`, name: 'Bench runner', kind: 'internal', status: 'active' })
      .returning();
    await server.database.db.insert(roleAssignments).values({ userId: user!.id, role: 'security_office', orgUnitId: null });
    const { token } = await createApiToken(server.database.db, user!.id, `bench ${stamp}`, 1);
    const headers = { authorization: `Bearer ${token}` };
    const get = async (path: string) => {
      const res = await fetch(base + path, { headers });
      return { status: res.status, body: (await res.json().catch(() => null)) as Json | null };
    };
    const http = (paths: string[]): LoadSpec => ({
      kind: 'http',
      url: base,
      paths,
      headers,
      connections: CONNECTIONS,
      duration: DURATION,
    });

    // ── people (a, b, d) ──
    const probe = await get('/api/people?limit=1');
    if (probe.status !== 200) {
      results.notes.push(`GET /api/people answered ${probe.status}: people cases (a, b, d) not measured.`);
      log(`people endpoint not available (${probe.status}); skipping a, b, d`);
    } else if (wants('a') || wants('b') || wants('d') || wants('e') || wants('f')) {
      await peopleCases({ all, one, get, http, direct });
    }

    // ── audit (c) ──
    if (wants('c')) await auditCases({ all, one, get, http, direct });
  } finally {
    await server.stop();
    await direct.end();
  }
}

interface Tools {
  all: <T = Json>(text: string, values?: unknown[]) => Promise<T[]>;
  one: <T = Json>(text: string, values?: unknown[]) => Promise<T>;
  get: (path: string) => Promise<{ status: number; body: Json | null }>;
  http: (paths: string[]) => LoadSpec;
  direct: pg.Client;
}

async function explain(direct: pg.Client, name: string, statements: CapturedQuery | CapturedQuery[]): Promise<void> {
  const plans: string[] = [];
  for (const q of Array.isArray(statements) ? statements : [statements]) {
    const res = await direct.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values);
    plans.push(`-- ${q.text}\n-- params: ${JSON.stringify(q.values)}\n${res.rows.map((r: Json) => r['QUERY PLAN']).join('\n')}`);
  }
  results.plans[name] = plans.join('\n\n');
}

const ROMAJI = ['tanak', 'suzu', 'kobay', 'yamamo', 'matsu', 'hiro'];
const KANJI = ['田中', '鈴木', '山本', '小林', '松', '浩'];

async function peopleCases({ all, one, get, http, direct }: Tools): Promise<void> {
  // Sites by head count; eight spread from the largest to the smallest for the first-page case.
  const sites = await all<{ id: string; name: string; people: number }>(`
    SELECT s.id, s.name_en AS name, count(p.id)::int AS people
      FROM org_units s JOIN org_units o ON o.path LIKE s.path || '%' JOIN people p ON p.org_unit_id = o.id
     WHERE s.kind = 'site' GROUP BY s.id, s.name_en ORDER BY people DESC`);
  const picked = Array.from({ length: Math.min(8, sites.length) }, (_, i) => sites[Math.floor((i * (sites.length - 1)) / 7)]!);
  const listPath = (unit: string, q: string, cursor?: string) =>
    `/api/people?orgUnitId=${unit}&q=${encodeURIComponent(q)}&sort=nameEn&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

  const firstPage = async (name: string, what: string, fragments: string[]) => {
    const paths = picked.flatMap((s) => fragments.map((q) => listPath(s.id, q)));
    const queries: CapturedQuery[][] = [];
    let sqlPerRequest = 0;
    let hits = 0;
    for (const p of paths) {
      const { value, queries: qs } = await captureSql(() => get(p));
      if (value.status !== 200) throw new Error(`${p} → ${value.status} ${JSON.stringify(value.body)}`);
      hits += (value.body?.items as unknown[]).length;
      queries.push(peopleListSql(qs));
      sqlPerRequest = qs.length;
    }
    log(`${name}: ${paths.length} paths, ${(hits / paths.length).toFixed(1)} rows per page on average`);
    const r = await measure(http(paths));
    results.cases.push({
      name,
      what,
      ...r,
      target: 'p95 < 50 ms',
      met: r.errors === 0 && r.p95 !== null && r.p95 < 50,
      sqlPerRequest,
      sample: paths[0],
    });
    return queries;
  };

  let directQueries: CapturedQuery[][] = [];
  if (wants('a') || wants('d')) {
    directQueries = await firstPage(
      'a. people: subtree + name, first page',
      `GET /api/people?orgUnitId=<site>&q=<romaji fragment>&sort=nameEn&limit=50, ${picked.length} sites (largest to smallest) × ${ROMAJI.join('/')}`,
      ROMAJI,
    );
    await explain(direct, 'a. people first page (largest site, "tanak")', directQueries[0]!);
    if (wants('a')) {
      const ja = await firstPage(
        'a-ja. people: subtree + kanji name, first page',
        `the same with kanji fragments ${KANJI.join('/')}`,
        KANJI,
      );
      await explain(direct, 'a-ja. people first page (largest site, "田中")', ja[0]!);
    }
  }

  // A case of several list URLs, each checked once, the first one's statements explained, then measured together.
  const urlCase = async (name: string, what: string, plan: string, paths: string[]) => {
    for (const p of paths) {
      const r = await get(p);
      if (r.status !== 200) throw new Error(`${p} → ${r.status} ${JSON.stringify(r.body)}`);
    }
    const { queries } = await captureSql(() => get(paths[0]!));
    await explain(direct, plan, peopleListSql(queries));
    const r = await measure(http(paths));
    const met = r.errors === 0 && r.p95 !== null && r.p95 < 50;
    results.cases.push({ name, what, ...r, target: 'p95 < 50 ms', met, sqlPerRequest: queries.length, sample: paths[0] });
  };
  if (wants('e'))
    // Browsing a subtree without a name, by name and by employee number: the paths that do not use the word index.
    await urlCase(
      'e. people: subtree browse, no name, first page',
      `GET /api/people?orgUnitId=<site>&sort=<nameEn|employeeNo|-employeeNo>&limit=50, ${picked.length} sites × 3 sorts`,
      'e. people browse (largest site, by name)',
      picked.flatMap((s) =>
        ['nameEn', 'employeeNo', '-employeeNo'].map((sort) => `/api/people?orgUnitId=${s.id}&sort=${sort}&limit=50`),
      ),
    );
  if (wants('f'))
    // The harder name searches: two words, and a name sorted by employee number.
    await urlCase(
      'f. people: two-word name, or by employee number',
      `GET /api/people?orgUnitId=<site>&q=<tanaka hiro | 田中 浩 | suzu&sort=employeeNo>&limit=50, ${picked.length} sites × 3`,
      'f. people two-word search (largest site, "tanaka hiro")',
      picked.flatMap((s) => [
        `/api/people?orgUnitId=${s.id}&q=${encodeURIComponent('tanaka hiro')}&limit=50`,
        `/api/people?orgUnitId=${s.id}&q=${encodeURIComponent('田中 浩')}&limit=50`,
        `/api/people?orgUnitId=${s.id}&q=suzu&sort=employeeNo&limit=50`,
      ]),
    );

  if (wants('b')) {
    // Deep page: the largest site and the first fragment that gives 20 full pages; follow nextCursor.
    const biggest = sites[0]!;
    let deep: { path: string; q: string; pages: number } | undefined;
    for (const q of ['sato', 'ito', 'yama', 'ta']) {
      let cursor: string | undefined;
      let pages = 0;
      for (; pages < 20; pages++) {
        const r = await get(listPath(biggest.id, q, cursor));
        if (r.status !== 200) throw new Error(`deep page: ${r.status} ${JSON.stringify(r.body)}`);
        const next = r.body?.nextCursor as string | null;
        if (!next) break;
        cursor = next;
      }
      if (pages === 20 && cursor) {
        deep = { path: listPath(biggest.id, q, cursor), q, pages };
        break;
      }
    }
    if (!deep) results.notes.push('b. no fragment gave 20 pages in the largest site: deep page not measured.');
    else {
      const matches = await one<{ n: number }>(
        `SELECT count(*)::int AS n FROM people p JOIN org_units o ON o.id = p.org_unit_id JOIN org_units s ON s.id = $1
          WHERE o.path LIKE s.path || '%'
            AND EXISTS (SELECT 1 FROM person_name_tokens t WHERE t.person_id = p.id AND t.token LIKE $2)`,
        [biggest.id, `${deep.q}%`],
      );
      const { queries } = await captureSql(() => get(deep.path));
      await explain(direct, `b. people page 21 (largest site, "${deep.q}")`, peopleListSql(queries));
      log(`b: ${biggest.name} (${biggest.people} people), q=${deep.q}: ${matches.n} matches, page 21`);
      const r = await measure(http([deep.path]));
      results.cases.push({
        name: 'b. people: deep cursor page (21st)',
        what: `${biggest.name} (${biggest.people} people), q=${deep.q} (${matches.n} matches): nextCursor followed 20 times, then that page`,
        ...r,
        target: 'p95 < 50 ms',
        met: r.errors === 0 && r.p95 !== null && r.p95 < 50,
        sqlPerRequest: queries.length,
        sample: deep.path,
      });
    }
  }

  if (wants('d') && directQueries.length) {
    const r = await measure({
      kind: 'pg',
      databaseUrl: url,
      requests: directQueries.map((r) => r.map(jsonSafe)),
      connections: CONNECTIONS,
      duration: DURATION,
    });
    results.cases.push({
      name: 'd. direct pg: the SQL of case a',
      what: `the people-list statements the API sent for each case-a path (after the principal lookup), replayed one after the other through a pg Pool (max ${CONNECTIONS}), ${CONNECTIONS} requests in flight`,
      ...r,
    });
    const api = results.cases.find((c) => c.name.startsWith('a. '));
    if (api) {
      const ratio = Math.round((api.rps / r.rps) * 1000) / 1000;
      results.ratio = { apiRps: api.rps, directRps: r.rps, ratio, target: '≥ 0.40', met: ratio >= 0.4 };
    }
  }
}

async function auditCases({ all, one, get, http, direct }: Tools): Promise<void> {
  const range = await one<{ min: Date; max: Date }>('SELECT min(at) AS min, max(at) AS max FROM audit_events');
  const maxAt = new Date(range.max);
  // The 20 busiest actors of the last 30 days (the group security office): the heaviest actor searches.
  const actors = await all<{ actor_id: string; n: number }>(
    `SELECT actor_id, count(*)::int AS n FROM audit_events WHERE at > $1 AND actor_id IS NOT NULL
      GROUP BY actor_id ORDER BY n DESC LIMIT 20`,
    [new Date(maxAt.getTime() - 30 * 86_400_000)],
  );
  // Twelve 30-day windows spread over the five years.
  const span = maxAt.getTime() - new Date(range.min).getTime();
  const windows = Array.from({ length: 12 }, (_, i) => {
    const to = new Date(maxAt.getTime() - Math.floor((i * (span - 31 * 86_400_000)) / 11));
    return { from: new Date(to.getTime() - 30 * 86_400_000).toISOString(), to: to.toISOString() };
  });
  const paths = actors.flatMap((a, i) =>
    windows.slice(0, 3).map((_, k) => {
      const w = windows[(i * 3 + k) % windows.length]!;
      return `/api/audit-events?actorId=${a.actor_id}&from=${encodeURIComponent(w.from)}&to=${encodeURIComponent(w.to)}&limit=50`;
    }),
  );
  const queries: CapturedQuery[] = [];
  let sqlPerRequest = 0;
  for (const p of paths) {
    const { value, queries: qs } = await captureSql(() => get(p));
    if (value.status !== 200) throw new Error(`${p} → ${value.status} ${JSON.stringify(value.body)}`);
    queries.push(pickSql(qs, auditSql, 'audit search'));
    sqlPerRequest = qs.length;
  }
  const inWindow = await one<{ n: number }>(
    'SELECT count(*)::int AS n FROM audit_events WHERE actor_id = $1 AND at >= $2 AND at <= $3',
    [actors[0]!.actor_id, windows[0]!.from, windows[0]!.to],
  );
  log(`c: ${actors.length} actors (busiest: ${actors[0]?.n} events in the last 30 days) × 30-day windows, ${paths.length} paths`);
  await explain(direct, 'c. audit search (busiest actor, latest 30 days)', queries[0]!);
  const r = await measure(http(paths));
  results.cases.push({
    name: 'c. audit: actor + 30-day range',
    what: `GET /api/audit-events?actorId=&from=&to=&limit=50: the 20 busiest actors (top: ${inWindow.n} events in its latest window) × 30-day windows over 5 years`,
    ...r,
    target: 'p95 < 100 ms',
    met: r.errors === 0 && r.p95 !== null && r.p95 < 100,
    sqlPerRequest,
    sample: paths[0],
  });
  if (wants('d')) {
    const d = await measure({
      kind: 'pg',
      databaseUrl: url,
      requests: queries.map((q) => [jsonSafe(q)]),
      connections: CONNECTIONS,
      duration: DURATION,
    });
    results.cases.push({
      name: 'c-direct. direct pg: the SQL of case c',
      what: 'the audit statement of each case-c path through a pg Pool',
      ...d,
    });
    results.auditRatio = { apiRps: r.rps, directRps: d.rps, ratio: Math.round((r.rps / d.rps) * 1000) / 1000 };
  }
}

async function main() {
  if (['a', 'b', 'c', 'd', 'e', 'f'].some(wants)) await databaseCases();
  if (wants('cold')) {
    results.coldStart = await coldStart();
    if ('firstStartMs' in results.coldStart)
      log(
        `cold start: ${results.coldStart.firstStartMs} ms (new data dir), restarts ${results.coldStart.restartMs.join(' / ')} ms`,
      );
  }
  if (wants('web')) results.webJs = webJs(argValue(argv, 'web-dist'));
  const dir = join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${results.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  console.log(`\n${report(results, { connections: CONNECTIONS, duration: DURATION, warmup: WARMUP })}\n\nresults: ${file}`);
  for (const [name, plan] of Object.entries(results.plans)) console.log(`\n### ${name}\n${plan}`);
}

// `npm run bench -- lighthouse [--runs 3]`: the web app in Lighthouse instead (bench/lighthouse.ts).
if (argv[0] === 'lighthouse') await import('./lighthouse');
else
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
