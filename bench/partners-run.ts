/**
 * Partner benchmarks on the data of bench/partners.ts (bench/partners.md):
 *
 *   node --import tsx bench/partners-run.ts [--n 200]
 *
 * Builds the app in-process on BENCH_DATABASE_URL and sends requests with app.inject (no socket: the
 * figures are the server's own time, routing, validation, SQL and serialisation included). Each case
 * runs `n` sequential requests after 20 warm-up requests and reports p50/p95/max. Scoring is timed on
 * the service function inside a transaction that is rolled back, so the data is left as it was.
 */
import { sql } from 'drizzle-orm';
import { buildApp } from '../apps/server/src/app';
import { loadConfig } from '../apps/server/src/config';
import { openDatabase, type Db } from '../apps/server/src/db/client';
import { systemActor } from '../apps/server/src/platform/audit/record';
import { createApiToken } from '../apps/server/src/platform/auth/api-tokens';
import { roleAssignments, users } from '../apps/server/src/platform/auth/tables';
import { inTransaction } from '../apps/server/src/platform/tx';
import { partnerAssessments } from '../apps/server/src/modules/partners/assessment-tables';
import { partners } from '../apps/server/src/modules/partners/tables';
import { scoreAndJudge } from '../apps/server/src/modules/partners/assessments/submit';
import { argValue, benchUrl } from './lib';

const N = Number(argValue(process.argv.slice(2), 'n') ?? '200');
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function main() {
  const database = await openDatabase({ url: benchUrl(), poolSize: 4, migrate: false }); // bench/partners.ts migrated it
  const app = await buildApp({
    config: loadConfig({ NODE_ENV: 'production', MAMORI_JOBS: 'off', MAMORI_WEB_DIST: '/nonexistent', DATABASE_URL: benchUrl() }),
    database,
    logger: false,
  });
  await app.ready();
  const email = `bench-partners-${Date.now()}@example.test`;
  const [u] = await database.db.insert(users).values({ email, name: 'Bench office' }).returning();
  await database.db.insert(roleAssignments).values({ userId: u!.id, role: 'security_office', orgUnitId: null });
  const { token } = await createApiToken(database.db, u!.id, 'bench', 1);
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  const ids = (
    await database.db
      .select({ id: partnerAssessments.id })
      .from(partnerAssessments)
      .orderBy(sql`random()`)
      .limit(N + 20)
  ).map((r) => r.id);
  const partnerIds = (
    await database.db
      .select({ id: partners.id })
      .from(partners)
      .orderBy(sql`random()`)
      .limit(N + 20)
  ).map((r) => r.id);
  const rows: string[][] = [];
  const measure = async (name: string, target: number, urlAt: (i: number) => string, after?: (body: string) => void) => {
    for (let i = 0; i < 20; i++) after?.((await get(urlAt(i))).body);
    const times: number[] = [];
    for (let i = 0; i < N; i++) {
      const t = performance.now();
      const res = await get(urlAt(i));
      times.push(performance.now() - t);
      if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      after?.(res.body);
    }
    const p95 = pct(times, 95);
    rows.push([name, fmt(pct(times, 50)), fmt(p95), fmt(Math.max(...times)), `< ${target} ms`, p95 < target ? 'yes' : 'NO']);
  };

  const lists = [
    '/api/partners?sort=score&limit=50',
    '/api/partners?sort=-score&scoreMin=40&scoreMax=70&limit=50',
    '/api/partners?sort=name&tier=high&limit=50',
    '/api/partners?sort=-score&noValidNda=true&limit=50',
    '/api/partners?sort=score&overdue=true&limit=50',
    '/api/partners?q=Partner%2001&sort=name&limit=50',
  ];
  await measure('partner list: filters × sorts, first page of 50', 100, (i) => lists[i % lists.length]!);
  let cursor: string | null = null;
  await measure(
    'partner list: score filter, score sort, following nextCursor (pages of 100)',
    100,
    () => `/api/partners?sort=-score&scoreMin=20&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    (body) => (cursor = (JSON.parse(body) as { nextCursor: string | null }).nextCursor),
  );
  await measure(
    'assessment page (84 answers max, scores, threshold)',
    50,
    (i) => `/api/partner-assessments/${ids[i % ids.length]}`,
  );
  await measure(
    'assessments of a partner',
    100,
    (i) => `/api/partner-assessments?partnerId=${partnerIds[i % partnerIds.length]}`,
  );
  await measure(
    'improvement requests of a partner',
    100,
    (i) => `/api/improvement-requests?partnerId=${partnerIds[i % partnerIds.length]}`,
  );
  await measure('open improvement requests, oldest due first', 100, () => '/api/improvement-requests?status=open&limit=50');
  await measure('dashboard (whole programme)', 1000, () => '/api/partner-dashboard');

  // Scoring a submitted assessment: the service function, in a transaction rolled back each time.
  const scoreTimes: number[] = [];
  for (const id of ids.slice(0, N)) {
    const t = performance.now();
    await inTransaction({ db: database.db, actor: systemActor('bench'), principal: null }, async (tx: Db, audit) => {
      const [a] = await tx
        .select()
        .from(partnerAssessments)
        .where(sql`${partnerAssessments.id} = ${id}`);
      await scoreAndJudge(tx, audit, a!);
      scoreTimes.push(performance.now() - t);
      throw new RollBack();
    }).catch((e: unknown) => {
      if (!(e instanceof RollBack)) throw e;
    });
  }
  rows.push([
    'scoring a submitted assessment (store scores, verdict, requests)',
    fmt(pct(scoreTimes, 50)),
    fmt(pct(scoreTimes, 95)),
    fmt(Math.max(...scoreTimes)),
    '< 20 ms',
    pct(scoreTimes, 95) < 20 ? 'yes' : 'NO',
  ]);

  // XLSX export of every partner, streamed; heap sampled while it runs.
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let peak = heap0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  const t = performance.now();
  const res = await get('/api/partners/export.xlsx');
  const ms = performance.now() - t;
  clearInterval(timer);
  rows.push([
    `XLSX export, all partners (${(res.rawPayload.length / 1e6).toFixed(1)} MB, heap peak +${((peak - heap0) / 1e6).toFixed(0)} MB)`,
    '',
    fmt(ms),
    '',
    '< 15 s',
    ms < 15_000 ? 'yes' : 'NO',
  ]);

  console.log('| case | p50 | p95 | max | target | met |\n|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  await database.db.delete(users).where(sql`${users.id} = ${u!.id}`);
  await app.close();
  await database.close();
}

class RollBack extends Error {}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
