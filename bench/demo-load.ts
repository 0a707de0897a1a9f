/**
 * How long `mamori demo load` takes, loader by loader, on an in-memory PGlite (the tests' demo template is made
 * this way, once per suite run, and every second the demo grows is paid by each CI run twice):
 *
 *   node --import tsx bench/demo-load.ts [--postgres]
 *
 * With --postgres it loads into a fresh database on BENCH_DATABASE_URL's server (dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../apps/server/src/db/client';
import { demoLoaders, loadDemo } from '../apps/server/src/demo/load';
import { benchUrl } from './lib';

async function main() {
  const onPostgres = process.argv.includes('--postgres');
  const name = `mamori_demo_bench_${randomBytes(4).toString('hex')}`;
  let admin: pg.Client | undefined;
  let url: string | undefined;
  if (onPostgres) {
    admin = new pg.Client({ connectionString: benchUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(benchUrl());
    u.pathname = `/${name}`;
    url = u.toString();
  }
  const started = performance.now();
  const database = url ? await openDatabase({ url, migrate: true }) : await openDatabase({ dataDir: 'memory://', migrate: true });
  const migrated = performance.now();
  const times: [string, number][] = [];
  const timed = demoLoaders.map((l) => ({
    name: l.name,
    async load(ctx: Parameters<typeof l.load>[0]) {
      const t0 = performance.now();
      const lines = await l.load(ctx);
      times.push([l.name, performance.now() - t0]);
      return lines;
    },
  }));
  await loadDemo(database.db, timed);
  const loaded = performance.now();
  await database.close();
  if (admin) {
    await admin.query(`DROP DATABASE ${name}`);
    await admin.end();
  }
  const total = loaded - migrated;
  console.log(`migrations: ${Math.round(migrated - started)} ms; demo load: ${Math.round(total)} ms`);
  for (const [n, ms] of [...times].sort((a, b) => b[1] - a[1]))
    console.log(`${String(Math.round(ms)).padStart(7)} ms  ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${n}`);
}

await main();
