/**
 * Product security at the group profile: `node --import tsx bench/psirt.ts [--scale 1]`.
 *
 * Creates a fresh database `mamori_bench_psirt` on the bench PostgreSQL (BENCH_DATABASE_URL's server),
 * fills 2,000 products × 4 releases, 200,000 SBOM components and 10,000 vulnerabilities (set-based SQL),
 * then measures through the real app (inject, no network): where-used p95 (target < 100 ms), the import of
 * a 5,000-component CycloneDX file (< 5 s) and one advisory's CSAF generation + validation (< 500 ms).
 */
import pg from 'pg';
import { buildApp } from '../apps/server/src/app';
import { loadConfig } from '../apps/server/src/config';
import { openDatabase } from '../apps/server/src/db/client';
import { createApiToken } from '../apps/server/src/platform/auth/api-tokens';
import { roleAssignments, users } from '../apps/server/src/platform/auth/tables';
import * as openpgp from 'openpgp';
import { buildCsaf, validateCsaf } from '../apps/server/src/modules/vulnerabilities/advisories/csaf';
import { assertValidCsaf, prepareCsafFiles } from '../apps/server/src/modules/vulnerabilities/advisories/csaf-files';
import { adminUrl, argValue, benchUrl } from './lib';

const scale = Number(argValue(process.argv.slice(2), 'scale') ?? '1');
const n = (x: number) => Math.max(1, Math.round(x * scale));
const u = new URL(benchUrl());
u.pathname = '/mamori_bench_psirt';
const url = u.toString();

const { admin, dbName } = adminUrl(url);
const c = new pg.Client({ connectionString: admin });
await c.connect();
await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
await c.query(`CREATE DATABASE ${dbName}`);
await c.end();

const database = await openDatabase({ url, poolSize: 4 });
const q = (text: string) => database.db.execute(text);
const products = n(2000);
const components = n(200_000);
const t0 = performance.now();
await q(`INSERT INTO org_units (id, code, kind, name_ja, name_en, path, depth)
  VALUES ('00000000-0000-4000-8000-000000000001', 'G', 'company', 'グループ', 'Group', '/00000000-0000-4000-8000-000000000001/', 0)`);
await q(`INSERT INTO products (code, name_ja, name_en, product_line, org_unit_id, stage)
  SELECT 'P' || i, '製品' || i, 'Product ' || i, 'Line ' || (i % 40), '00000000-0000-4000-8000-000000000001', 'operate'
  FROM generate_series(1, ${products}) i`);
await q(`INSERT INTO product_releases (product_id, version, status, component_count)
  SELECT p.id, v || '.0', 'shipped', 0 FROM products p, generate_series(1, 4) v`);
// 1,500 distinct libraries, each in many versions: a realistic spread for where-used.
await q(`INSERT INTO sbom_components (release_id, product_id, name, version, purl, type, licences)
  SELECT r.id, r.product_id, 'lib' || (i % 1500), '1.' || (i % 7) || '.' || (i % 3), 'pkg:generic/lib' || (i % 1500), 'library', ARRAY['MIT']
  FROM (SELECT id, product_id, row_number() OVER () AS k FROM product_releases) r
  JOIN generate_series(1, ${components}) i ON (i % (SELECT count(*) FROM product_releases)) + 1 = r.k`);
await q(`INSERT INTO sbom_components (release_id, product_id, name, version, purl, type, licences)
  SELECT id, product_id, 'openssl', '3.0.7', 'pkg:generic/openssl@3.0.7', 'library', ARRAY['Apache-2.0']
  FROM product_releases WHERE version = '2.0' LIMIT ${n(300)}`);
await q(`INSERT INTO vulnerabilities (title, description, source, status)
  SELECT 'Case ' || i, 'details', 'internal', 'triage' FROM generate_series(1, ${n(10_000)}) i`);
await q('ANALYZE');
console.log(`data: ${products} products, ${components} components in ${Math.round(performance.now() - t0)} ms`);

const config = loadConfig({
  NODE_ENV: 'production',
  MAMORI_JOBS: 'off',
  MAMORI_LOG_LEVEL: 'warn',
  MAMORI_WEB_DIST: '/nonexistent',
});
const app = await buildApp({ config, database, logger: false });
await app.ready();
const [user] = await database.db
  .insert(users)
  .values({ email: 'bench@psirt.example', name: 'Bench', passwordHash: 'x' })
  .returning();
await database.db.insert(roleAssignments).values({ userId: user!.id, role: 'security_office', orgUnitId: null });
const { token } = await createApiToken(database.db, user!.id, 'bench', 1);
const headers = { authorization: `Bearer ${token}` };

const times: number[] = [];
for (let i = 0; i < 300; i++) {
  const query = i % 3 === 0 ? 'name=openssl&version=3.0.7' : `name=lib${(i * 37) % 1500}&version=1.${i % 7}.${i % 3}`;
  const s = performance.now();
  const res = await app.inject({ method: 'GET', url: `/api/components?${query}&limit=100`, headers });
  times.push(performance.now() - s);
  if (res.statusCode !== 200) throw new Error(res.body);
}
times.sort((a, b) => a - b);
const p95 = times[Math.floor(times.length * 0.95)]!;

const picked = (await q(`SELECT id, product_id FROM product_releases LIMIT 1`)) as unknown as {
  rows: { id: string; product_id: string }[];
};
const [release] = picked.rows;
const sbom = JSON.stringify({
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  components: Array.from({ length: 5000 }, (_, i) => ({
    type: 'library',
    name: `dep-${i}`,
    version: `2.${i % 9}.0`,
    purl: `pkg:npm/dep-${i}@2.${i % 9}.0`,
    licenses: [{ license: { id: 'MIT' } }],
  })),
});
let s = performance.now();
const imported = await app.inject({
  method: 'POST',
  url: `/api/products/${release!.product_id}/releases/${release!.id}/sbom`,
  headers: { ...headers, 'content-type': 'application/json' },
  payload: sbom,
});
const importMs = performance.now() - s;
if (imported.statusCode !== 200) throw new Error(imported.body);

const doc = {
  trackingId: 'MAMORI-SA-2026-0001',
  revision: 1,
  revisions: [{ number: 1, date: new Date().toISOString(), summary: 'Initial public release' }],
  initialReleaseDate: new Date().toISOString(),
  currentReleaseDate: new Date().toISOString(),
  titleJa: 't',
  titleEn: 'Buffer overflow in the web server',
  summaryJa: 's',
  summaryEn: 'A buffer overflow.',
  cveId: 'CVE-2026-20001',
  cwe: null,
  cvss31: { vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8, severity: 'critical' as const },
  cvss40: null,
  products: Array.from({ length: 20 }, (_, i) => ({
    code: `P${i}`,
    nameJa: `製品${i}`,
    nameEn: `Product ${i}`,
    status: i % 2 ? ('affected' as const) : ('not_affected' as const),
    justification: i % 2 ? null : ('component_not_present' as const),
    versions: ['1.0', '2.0', '3.0', '4.0'],
    affectedVersions: null,
    fixedVersion: i % 2 ? '3.0' : null,
    remediation: null,
  })),
};
await validateCsaf({}); // load the validator once (first use), as a running server has
s = performance.now();
const result = await validateCsaf(
  buildCsaf(doc, { name: 'Mamori PSIRT', namespace: 'https://psirt.example' }, 'csaf_security_advisory'),
);
const csafMs = performance.now() - s;
if (!result.isValid) throw new Error(JSON.stringify(result.errors));
// What publishing does on top: the Japanese translation too, each serialised, hashed and signed, and the VEX checked.
const { privateKey } = await openpgp.generateKey({
  type: 'ecc',
  curve: 'curve25519Legacy',
  userIDs: [{ name: 'bench' }],
  format: 'object',
});
const publisher = { name: 'Mamori PSIRT', namespace: 'https://psirt.example' };
s = performance.now();
await prepareCsafFiles(doc, publisher, { privateKey, publicArmored: privateKey.toPublic().armor() });
await assertValidCsaf(buildCsaf(doc, publisher, 'csaf_vex'), 'csaf_vex');
const publishMs = performance.now() - s;

const rows = [
  ['where-used p95 (300 queries)', `${p95.toFixed(1)} ms`, '< 100 ms', p95 < 100],
  ['SBOM import, 5,000 components', `${importMs.toFixed(0)} ms`, '< 5,000 ms', importMs < 5000],
  ['CSAF generation + validation', `${csafMs.toFixed(0)} ms`, '< 500 ms', csafMs < 500],
  ['publishing: en + ja validated and signed, VEX validated', `${publishMs.toFixed(0)} ms`, '< 500 ms', publishMs < 500],
] as const;
console.log('\n| case | measured | target | met |\n|---|---:|---|---|');
for (const [name, value, target, met] of rows) console.log(`| ${name} | ${value} | ${target} | ${met ? 'yes' : 'NO'} |`);
await app.close();
await database.close();
