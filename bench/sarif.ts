/**
 * SARIF import benchmark (issue #21: "a SARIF file of 50,000 results imported and de-duplicated < 30 s, memory <
 * 500 MB"), in a database of its own:
 *
 *   node --import tsx --expose-gc bench/sarif.ts [--results 50000] [--url postgres://…/mamori_bench_sarif]
 *
 * Without --url it runs on an in-memory PGlite (migrated at start, ~10 s not counted). It imports one log of
 * `--results` results (a fuzzer's shape: 50 rules over 300 files, partial fingerprints), then a second log where a
 * tenth of them is gone and a tenth is new (de-duplication, fixed pending retest), and prints the time of each
 * and the peak resident memory of the process. Never point it at mamori_bench.
 */
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../apps/server/src/db/client';
import { createTestPlan } from '../apps/server/src/modules/products/testing/plans';
import { importSarifRun } from '../apps/server/src/modules/products/testing/import-run';
import { products, releases } from '../apps/server/src/modules/products/tables';
import { orgUnits } from '../apps/server/src/modules/org/tables';
import { users } from '../apps/server/src/platform/auth/tables';
import type { Principal } from '../apps/server/src/platform/access/principal';
import type { Ctx } from '../apps/server/src/platform/tx';
import { argValue, secs } from './lib';

const argv = process.argv.slice(2);
const RESULTS = Number(argValue(argv, 'results') ?? '50000');
const URL = argValue(argv, 'url');
if (URL && /\/mamori_bench(\?|$)/.test(URL))
  throw new Error('bench/sarif.ts never runs on mamori_bench: use a database of its own');

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;

function log(results: number, from: number): string {
  const out = [];
  for (let i = from; i < from + results; i++)
    out.push({
      ruleId: `FUZZ-${i % 50}`,
      level: i % 7 === 0 ? 'error' : 'warning',
      message: { text: `Unexpected reset after input ${i} on the diagnostic interface (frame length ${i % 4096})` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: `src/proto/handler${i % 300}.c` }, region: { startLine: 1 + (i % 2000) } },
        },
      ],
      partialFingerprints: { primaryLocationLineHash: `${i.toString(16)}:1` },
    });
  return JSON.stringify({
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'bench-fuzzer', version: '1.0' } }, results: out }],
  });
}

async function main() {
  const database = await openDatabase(URL ? { url: URL, poolSize: 2 } : { dataDir: 'memory://' });
  try {
    const db = database.db;
    const id = randomUUID();
    await db
      .insert(orgUnits)
      .values({ id, code: `B-${id.slice(0, 8)}`, kind: 'company', nameJa: 'B', nameEn: 'B', path: `/${id}/`, depth: 0 });
    const [user] = await db
      .insert(users)
      .values({ email: `bench-${id}@bench.example`, name: 'Bench' })
      .returning();
    const [product] = await db
      .insert(products)
      .values({ code: `BENCH-${id.slice(0, 8)}`, nameJa: 'B', nameEn: 'B', orgUnitId: id })
      .returning();
    const [release] = await db.insert(releases).values({ productId: product!.id, version: '1.0' }).returning();
    const principal: Principal = {
      userId: user!.id,
      email: user!.email,
      name: 'Bench',
      kind: 'internal',
      partnerId: null,
      language: 'en',
      mfaEnabled: true,
      grants: [{ id: 'bench', role: 'psirt_member', orgUnitId: null, path: null, orgUnitName: null, orgUnitNameJa: null }],
      via: 'session',
      sessionId: null,
      mfaEnrollmentRequired: false,
    };
    const ctx: Ctx = { db, actor: { userId: user!.id, label: 'bench', requestId: null, ip: null }, principal };
    const plan = await createTestPlan(ctx, {
      releaseId: release!.id,
      title: 'bench',
      methods: ['fuzzing'],
      interfaces: [],
      testerIndependence: 'external',
    });
    const first = log(RESULTS, 0);
    global.gc?.();
    const base = process.memoryUsage.rss();
    peak = base;
    console.log(`· ${RESULTS} results, ${mb(Buffer.byteLength(first))} of SARIF`);
    let t0 = performance.now();
    const a = await importSarifRun(ctx, plan.id, first, { method: 'fuzzing', performedOn: '2026-12-01', retest: false });
    const importMs = performance.now() - t0;
    const second = log(RESULTS, Math.floor(RESULTS / 10));
    t0 = performance.now();
    const b = await importSarifRun(ctx, plan.id, second, { method: 'fuzzing', performedOn: '2026-12-02', retest: false });
    const dedupMs = performance.now() - t0;
    console.log(`| step | time | new | seen again | fixed pending retest |`);
    console.log(`|---|---|---|---|---|`);
    console.log(`| first import | ${secs(importMs)} | ${a.new} | ${a.seenAgain} | ${a.fixedPendingRetest} |`);
    console.log(`| second import (de-duplicated) | ${secs(dedupMs)} | ${b.new} | ${b.seenAgain} | ${b.fixedPendingRetest} |`);
    console.log(
      `memory: peak RSS ${mb(peak)}, ${mb(peak - base)} above the ${mb(base)} before the imports (target < 500 MB)${URL ? '' : '; PGlite in memory: its pages count too'}`,
    );
  } finally {
    clearInterval(sampler);
    await database.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
