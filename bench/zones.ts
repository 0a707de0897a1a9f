/**
 * Zones benchmark (issue #14): the daily zone check over the group's 60 sites on real PostgreSQL, self-contained in
 * its own database (BENCH_ZONES_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/mamori_bench_zones, dropped
 * and recreated each run):
 *
 *   node --import tsx bench/zones.ts [--people 250000] [--days 3]
 *
 * Builds the group profile's org tree (3,000 units, 60 sites) and `--people` people, four zones per site owned by the site office (reception
 * and office floors open to all staff; a server room for system administrators and 20 named people; a design area
 * for 300 named people), then `--days` days of visits: everyone enters the office floors of their site once a day, a
 * fifth also the design area (one in fifty of them not named there), one in a hundred the server room (most not
 * allowed), and two hundred visitors a site a day, a tenth without a host. Times `runZoneCheck` (the set-based
 * findings statement, then one mail per zone with findings, stamped and audited), target < 30 s. Then imports one
 * visitor-log CSV file of `--import-rows` (default 1,000,000) lines into one zone through HTTP (Mamori in-process),
 * sent as a stream generated line by line (the bench holds no file), with the process's peak RSS.
 */
import { sql } from 'drizzle-orm';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import pg from 'pg';
import { loadConfig } from '../apps/server/src/config';
import { openDatabase } from '../apps/server/src/db/client';
import { queryRows } from '../apps/server/src/db/sql';
import { orgUnits } from '../apps/server/src/modules/org/tables';
import { runZoneCheck } from '../apps/server/src/modules/zones/visitors/check';
import { createApiToken } from '../apps/server/src/platform/auth/api-tokens';
import { loadKeyring, useKeyring } from '../apps/server/src/platform/secrets/keyring';
import { startServer } from '../apps/server/src/server';
import { freePort } from './load-runner';
import { adminUrl, argValue, secs } from './lib';
import { buildOrgTree } from './org-tree';

const argv = process.argv.slice(2);
const PEOPLE = Number(argValue(argv, 'people') ?? '250000');
const DAYS = Number(argValue(argv, 'days') ?? '3');
/** Lines of the visitor-log file (the streaming reader's cap is 2,000,000). */
const IMPORT_ROWS = Number(argValue(argv, 'import-rows') ?? '1000000');
const url = process.env.BENCH_ZONES_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mamori_bench_zones';
const log = (m: string) => console.log(`· ${m}`);

async function main() {
  const { admin, dbName } = adminUrl(url);
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${dbName}`);
  await c.end();
  const config = loadConfig({ ...process.env, DATABASE_URL: url, MAMORI_JOBS: 'off', MAMORI_LOG_LEVEL: 'warn' });
  useKeyring(loadKeyring(config));
  const database = await openDatabase({ url, dataDir: config.dataDir });
  const db = database.db;
  try {
    const t0 = Date.now();
    const units = buildOrgTree({ orgUnits: 3000, sites: 60, departments: 480 });
    for (let i = 0; i < units.length; i += 1000)
      await db.insert(orgUnits).values(units.slice(i, i + 1000).map(({ weight: _w, ...u }) => u));
    await db.execute(sql`INSERT INTO people (employee_no, name_ja, name_en, kind, org_unit_id)
      SELECT 'Z' || lpad(n::text, 7, '0'), '社員 ' || n, 'Staff ' || n, 'employee', s.ids[1 + n % cardinality(s.ids)]
        FROM generate_series(1, ${PEOPLE}::int) n,
             (SELECT array_agg(id ORDER BY path) AS ids FROM org_units WHERE kind = 'section') s`);
    // each person's site
    await db.execute(sql`CREATE TEMP TABLE person_site AS
      SELECT p.id AS person_id, s.id AS site_id, row_number() OVER (PARTITION BY s.id ORDER BY p.id) AS k
        FROM people p JOIN org_units u ON u.id = p.org_unit_id
        JOIN org_units s ON s.kind = 'site' AND u.path ~>=~ s.path AND u.path ~<~ (s.path || chr(1114111))`);
    log(`org: ${units.length} units, ${PEOPLE} people in ${secs(Date.now() - t0)}`);

    // four zones per site, owned by the site's first person
    const t1 = Date.now();
    await db.execute(sql`INSERT INTO zones (site_id, site_path, parent_id, depth, kind, code, name_ja, name_en,
        max_class_code, owner_person_id, entry_all, entry_roles, entry_methods, cameras, retention_days)
      SELECT s.id, s.path, NULL, 0, z.kind, z.code, z.code, z.code, z.cls, o.person_id, z.all_staff, z.roles::text[],
             ARRAY['id_card'], true, 365
        FROM org_units s JOIN person_site o ON o.site_id = s.id AND o.k = 1,
        (VALUES ('reception', 'RCP', 'public', true, '{}'), ('office', 'OFC', 'internal', true, '{}'),
                ('restricted', 'SRV', 'confidential', false, '{system_admin}'),
                ('restricted', 'DSN', 'confidential', false, '{}')) AS z(kind, code, cls, all_staff, roles)
       WHERE s.kind = 'site'`);
    await db.execute(sql`INSERT INTO zone_entrants (zone_id, person_id)
      SELECT z.id, ps.person_id FROM zones z JOIN person_site ps ON ps.site_id = z.site_id
       WHERE (z.code = 'SRV' AND ps.k <= 20) OR (z.code = 'DSN' AND ps.k <= 300)`);
    // the visits: office floors for everyone each day, the design area for a fifth, the server room for one in 100
    await db.execute(sql`INSERT INTO zone_visits (zone_id, person_id, entered_at, left_at, source)
      SELECT z.id, ps.person_id, d.day + interval '8 hours' + (ps.k % 120) * interval '1 minute',
             d.day + interval '17 hours', 'import'
        FROM person_site ps JOIN zones z ON z.site_id = ps.site_id,
             (SELECT date_trunc('day', now()) - g * interval '1 day' AS day FROM generate_series(0, ${DAYS - 1}::int) g) d
       WHERE z.code = 'OFC' OR (z.code = 'DSN' AND ps.k % 5 = 0 AND ps.k <= 306) OR (z.code = 'SRV' AND ps.k % 100 = 0)`);
    await db.execute(sql`INSERT INTO zone_visits (zone_id, visitor_name, visitor_company, host_person_id, entered_at, source)
      SELECT z.id, 'Visitor ' || g, 'Supplier ' || (g % 50), CASE WHEN g % 10 = 0 THEN NULL ELSE z.owner_person_id END,
             date_trunc('day', now()) - (g % ${DAYS}::int) * interval '1 day' + interval '10 hours', 'import'
        FROM zones z, generate_series(1, 200) g WHERE z.code IN ('RCP', 'OFC')`);
    // the owners have accounts and are their site's security office (the check mails them)
    await db.execute(sql`INSERT INTO users (email, name, person_id)
      SELECT 'owner' || ps.k || '-' || ps.site_id || '@bench.example', 'Owner', ps.person_id FROM person_site ps WHERE ps.k = 1`);
    await db.execute(sql`INSERT INTO role_assignments (user_id, role, org_unit_id)
      SELECT u.id, 'site_security_office', ps.site_id FROM users u JOIN person_site ps ON ps.person_id = u.person_id`);
    await db.execute(sql`ANALYZE zones, zone_entrants, zone_visits, people, role_assignments, users`);
    const [{ n }] = (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM zone_visits`)) as [{ n: number }];
    log(`zones: 240 zones, ${n} visits over ${DAYS} days in ${secs(Date.now() - t1)}`);

    const t2 = performance.now();
    const first = await runZoneCheck(db, { publicUrl: 'http://localhost:3000' }, new Date(Date.now() + 3_600_000));
    log(
      `daily check over 60 sites: ${first.found} findings, ${first.mailed} mails in ${secs(performance.now() - t2)} (target < 30 s)`,
    );
    const t3 = performance.now();
    const again = await runZoneCheck(db, { publicUrl: 'http://localhost:3000' }, new Date(Date.now() + 3_600_000));
    log(`the next run over the same visits: ${again.found} new findings in ${secs(performance.now() - t3)}`);

    // the visitor-log import: 200,000-line files into one zone, through HTTP
    const [office] = await queryRows<{ id: string }>(
      db,
      sql`INSERT INTO users (email, name) VALUES ('office@bench.example', 'Office') RETURNING id`,
    );
    await db.execute(sql`INSERT INTO role_assignments (user_id, role) VALUES (${office!.id}::uuid, 'security_office')`);
    const token = (await createApiToken(db, office!.id, 'bench', 1)).token;
    const [zone] = await queryRows<{ id: string }>(db, sql`SELECT id FROM zones WHERE code = 'OFC' LIMIT 1`);
    const nos = (
      await queryRows<{ no: string }>(db, sql`SELECT employee_no AS no FROM people ORDER BY employee_no LIMIT 5000`)
    ).map((r) => r.no);
    const day = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    /** The file, generated 10,000 lines at a time as the request reads it. */
    const csv = () => {
      let i = 0;
      let bytes = 0;
      const stream = new Readable({
        read() {
          if (i >= IMPORT_ROWS) return void this.push(null);
          const out: string[] = i === 0 ? ['employee_no,visitor_name,visitor_company,host_employee_no,entered_at,left_at'] : [];
          for (const end = Math.min(IMPORT_ROWS, i + 10_000); i < end; i++) {
            const m = i % 600;
            const hh = String(8 + Math.floor(m / 60)).padStart(2, '0');
            const mm = String(m % 60).padStart(2, '0');
            out.push(
              i % 10 === 0
                ? `,Visitor ${i},Supplier ${i % 50},${nos[i % nos.length]},${day} ${hh}:${mm},${day} 18:00`
                : `${nos[i % nos.length]},,,,${day} ${hh}:${mm},${day} 18:30`,
            );
          }
          const chunk = Buffer.from(out.join('\n') + '\n');
          bytes += chunk.length;
          this.push(chunk);
        },
      });
      return { stream, bytes: () => bytes };
    };
    /** POSTs a stream through node:http (fetch gives up waiting for the answer's headers after 300 s). */
    const post = (path: string, body: Readable) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path,
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
          },
          (res) => {
            const parts: Buffer[] = [];
            res.on('data', (d: Buffer) => parts.push(d));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString() }));
          },
        );
        req.on('error', reject);
        body.pipe(req);
      });
    const port = await freePort();
    const server = await startServer(
      loadConfig({
        ...process.env,
        DATABASE_URL: url,
        MAMORI_JOBS: 'off',
        MAMORI_LOG_LEVEL: 'warn',
        PORT: String(port),
        HOST: '127.0.0.1',
      }),
    );
    let peak = process.memoryUsage().rss;
    log(`RSS before the import: ${Math.round(peak / 1e6)} MB`);
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    try {
      const body = csv();
      const t4 = performance.now();
      const { status, text } = await post(`/api/zones/${zone!.id}/visits/import`, body.stream);
      if (status !== 200) throw new Error(`import answered ${status}: ${text.slice(0, 300)}`);
      log(
        `visitor import: ${IMPORT_ROWS} rows (${(body.bytes() / 1e6).toFixed(1)} MB, one file, streamed) in ${secs(performance.now() - t4)}: ${text} ` +
          `(target: 1,000,000 rows < 60 s), peak RSS of the process (server + this script) ${Math.round(peak / 1e6)} MB (target < 500 MB)`,
      );
      const [{ visits }] = (await queryRows<{ visits: number }>(
        db,
        sql`SELECT count(*)::int AS visits FROM zone_visits WHERE zone_id = ${zone!.id}::uuid AND source = 'import' AND entered_at < now() - interval '5 days'`,
      )) as [{ visits: number }];
      const [b] = await queryRows<{ total_s: number }>(
        db,
        sql`SELECT extract(epoch FROM heartbeat_at - created_at)::float AS total_s FROM import_batches`,
      );
      log(
        `visits of the imported day in the zone: ${visits}; batch from its first staged chunk to done: ${b?.total_s.toFixed(1)} s`,
      );
    } finally {
      clearInterval(sampler);
      await server.stop();
    }
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
