import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { queryRows } from '../../db/sql';
import { validateCsaf } from '../../modules/vulnerabilities/advisories/csaf';
import { createTestDatabase } from '../../test/db';
import { createDemoTestDatabase } from '../../test/demo';
import { verifyAuditChain } from '../audit/verify';
import { jobs } from '../jobs/tables';
import { createKeyring, processKeyring, useKeyring } from '../secrets/keyring';
import { unseal } from '../secrets/seal';
import { settings } from '../settings/tables';
import { sealedPlace, writeBackup } from './backup';
import { restoreBackup } from './restore';
import { backupTables } from './tables';
import { demoOperatingCompanies } from '../../modules/org/demo-data';

const TOTP = 'JBSWY3DPEHPK3PXPMAMORITOTP';
const TOTP_PENDING = 'KRSXG5CTMVRXEZLUKNSWC4TFOQ';
const ACTIVATION = 'activation-token-6b1f0e4c2d9a';
let source: Database;
let target: Database;
const dir = mkdtempSync(join(tmpdir(), 'mamori-backup-'));
const file = join(dir, 'all.mamori.gz');

/** Every row of every table in PostgreSQL's text form, sorted: equal dumps mean equal databases. */
async function dump(database: Database) {
  const out: Record<string, string[]> = {};
  for (const t of backupTables()) {
    const rows = await queryRows<{ r: string }>(database.db, sql`SELECT (x.*)::text AS r FROM ${sql.identifier(t.name)} x`);
    out[t.name] = rows.map((row) => row.r).sort();
  }
  return out;
}

/** Rewrites a backup file: `edit` gets the lines and returns new ones. */
function rewrite(from: string, to: string, edit: (lines: string[]) => string[]) {
  const lines = gunzipSync(readFileSync(from)).toString('utf8').trimEnd().split('\n');
  writeFileSync(to, gzipSync(edit(lines).join('\n') + '\n'));
}

// The demo publishes advisories, which loads the BSI CSAF validator (seconds, more on a busy machine): loaded
// once here, outside the demo's own time limit.
beforeAll(() => validateCsaf({}), 180_000);

beforeAll(async () => {
  [source, target] = await Promise.all([createDemoTestDatabase(), createTestDatabase()]);
  // Values that a careless round trip would change: microseconds, 64-bit integers, nested jsonb, identity ids.
  await source.db.execute(sql`UPDATE people SET changed_at = '2025-03-04 05:06:07.123456+00' WHERE employee_no = 'HS010001'`);
  await source.db.insert(settings).values({ key: 'demo.test', value: { big: '9007199254740993', list: [1, 2.5, 'x'], n: null } });
  await source.db.insert(jobs).values([
    { kind: 'a', payload: { n: 1 } },
    { kind: 'b', payload: [] },
  ]);
  await source.db.execute(sql`DELETE FROM jobs WHERE kind = 'a'`); // a gap in the identity values
  // Secrets a backup must not carry in clear: a TOTP secret, the PSIRT's private key (the demo made one when it
  // published advisories), an activation link in the outbox.
  await source.db.execute(
    sql`UPDATE users SET mfa_secret = ${TOTP}, mfa_pending_secret = ${TOTP_PENDING} WHERE email = (SELECT min(email) FROM users)`,
  );
  await source.db.execute(
    sql`INSERT INTO mail_outbox ("to", subject, body) VALUES ('x@example.test', 'Activate', ${`Open /activate?token=${ACTIVATION}`})`,
  );
}, 180_000); // the whole demo group on PGlite: a minute or more on a busy machine

afterAll(async () => {
  await Promise.all([source?.close(), target?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('gives back every row of every table, and an audit chain that still verifies', async () => {
    // pages of an odd size smaller than most tables: paging is exercised (37 rows a page took two minutes on the demo)
    const summary = await writeBackup(source.db, file, { batchSize: 397 });
    expect(summary.tables.map((t) => t.name)).toEqual(backupTables().map((t) => t.name));
    // the holding's 400 people and the operating companies' (issue #22)
    const companyPeople = demoOperatingCompanies.reduce((sum, c) => sum + c.site.headcount, 0);
    expect(summary.tables.find((t) => t.name === 'people')?.rows).toBe(400 + companyPeople);

    const restored = await restoreBackup(target.db, file, { batchSize: 211 });
    expect(restored.tables).toEqual(summary.tables);
    expect(await dump(target)).toEqual(await dump(source));
    const chain = await verifyAuditChain(target.db);
    expect(chain).toMatchObject({ ok: true, count: summary.tables.find((t) => t.name === 'audit_events')!.rows });
  }, 120_000); // the whole demo group out and back in pages of 397 and 211 rows

  it('is readable by its owner only, and carries no secret in clear', async () => {
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    for (const secret of [TOTP, TOTP_PENDING, ACTIVATION, 'PRIVATE KEY']) expect(text).not.toContain(secret);
    const header = JSON.parse(text.slice(0, text.indexOf('\n')));
    expect(header.encryption).toMatchObject({ alg: 'AES-256-GCM', keyId: processKeyring().current.id });
    expect(header.encryption.columns).toMatchObject({ users: ['mfa_secret', 'mfa_pending_secret'], mail_outbox: ['body'] });
    // …and the restore gave them back (the dump comparison above covers every column).
    const [row] = await queryRows<{ n: number }>(target.db, sql`SELECT count(*)::int AS n FROM users WHERE mfa_secret = ${TOTP}`);
    expect(row?.n).toBe(1);
  });

  it('rebuilds the derived name-search tokens as the people are restored', async () => {
    const count = (d: Database) => queryRows<{ n: number }>(d.db, sql`SELECT count(*)::int AS n FROM person_name_tokens`);
    const [restored] = await count(target);
    expect(restored!.n).toBeGreaterThan(400);
    expect(restored).toEqual((await count(source))[0]);
  });

  it('rebuilds the derived asset search bigrams once as the assets are restored (triggers, no copy in the file)', async () => {
    const tokens = (d: Database) =>
      queryRows<{ n: number; distinct: number }>(
        d.db,
        sql`SELECT count(*)::int AS n, count(DISTINCT (token, asset_id))::int AS distinct FROM asset_search_tokens`,
      );
    const [restored] = await tokens(target);
    expect(restored!.n).toBeGreaterThan(1000);
    expect(restored!.distinct).toBe(restored!.n);
    expect(restored).toEqual((await tokens(source))[0]);
  });

  it('resets identity sequences past the restored values', async () => {
    const [before] = await target.db.select({ id: jobs.id }).from(jobs);
    const [row] = await target.db.insert(jobs).values({ kind: 'c', payload: {} }).returning({ id: jobs.id });
    expect(row!.id).toBeGreaterThan(before!.id);
  });

  it('refuses a database that is not empty', async () => {
    await expect(restoreBackup(target.db, file)).rejects.toThrow(/not empty/);
  });

  it('writes tables in foreign-key order, org units parents first', () => {
    const order = backupTables().map((t) => t.name);
    const pairs: [string, string][] = [
      ['people', 'org_units'],
      ['users', 'people'],
      ['role_assignments', 'users'],
      ['account_requests', 'users'],
    ];
    for (const [child, parent] of pairs) expect(order.indexOf(child)).toBeGreaterThan(order.indexOf(parent));
    expect(
      backupTables()
        .find((t) => t.name === 'org_units')
        ?.orderBy.map((c) => c.name),
    ).toEqual(['depth', 'id']);
  });
});

describe('restore refuses a wrong file and leaves the database empty', () => {
  let empty: Database;
  beforeAll(async () => {
    empty = await createTestDatabase();
  });
  afterAll(() => empty?.close());

  const expectEmpty = async () => {
    const [n] = await queryRows<{ n: number }>(empty.db, sql`SELECT count(*)::int AS n FROM org_units`);
    expect(n?.n).toBe(0);
  };

  it('a file that is not a backup', async () => {
    const plain = join(dir, 'plain.txt');
    writeFileSync(plain, 'hello\n');
    await expect(restoreBackup(empty.db, plain)).rejects.toThrow(/not a Mamori backup/);
    const other = join(dir, 'other.gz');
    writeFileSync(other, gzipSync('{"format":"something-else"}\n'));
    await expect(restoreBackup(empty.db, other)).rejects.toThrow(/not a Mamori backup/);
  });

  it('a backup whose key this Mamori does not have: refused before anything is written, naming the key', async () => {
    const ours = processKeyring();
    useKeyring(createKeyring([Buffer.alloc(32, 5)], 'the key file /srv/other/secret.key'));
    try {
      await expect(restoreBackup(empty.db, file)).rejects.toThrow(
        new RegExp(`protected by key ${ours.current.id}, which this Mamori does not have .*set MAMORI_SECRET_KEY`),
      );
    } finally {
      useKeyring(ours);
    }
    await expectEmpty();
  });

  it('a backup made by a newer schema', async () => {
    const newer = join(dir, 'newer.gz');
    rewrite(file, newer, ([head, ...rest]) => {
      const h = JSON.parse(head!);
      h.migrations.last = { tag: '9999_future', hash: 'f'.repeat(64), createdAt: Date.now() + 10 ** 12 };
      return [JSON.stringify(h), ...rest];
    });
    await expect(restoreBackup(empty.db, newer)).rejects.toThrow(/newer Mamori/);
  });

  it('a file cut short: nothing of it stays', async () => {
    const cut = join(dir, 'cut.gz');
    rewrite(file, cut, (lines) => lines.slice(0, -3));
    await expect(restoreBackup(empty.db, cut)).rejects.toThrow(/incomplete/);
    await expectEmpty();
  }, 120_000); // the whole demo group read back (a minute on a loaded machine: CI runs two suites at once)

  it('a damaged row late in the file: the rows before it are rolled back', async () => {
    const bad = join(dir, 'bad.gz');
    rewrite(file, bad, (lines) => [...lines.slice(0, -1), '{"t":"settings","r":{"key":"x","value":"not json"']);
    await expect(restoreBackup(empty.db, bad)).rejects.toThrow(/not a row/);
    await expectEmpty();
  }, 120_000); // the whole demo group read back (a minute on a loaded machine: CI runs two suites at once)
});

describe('an old backup (format 1, secrets in clear)', () => {
  let fresh: Database;
  beforeAll(async () => {
    fresh = await createTestDatabase();
  });
  afterAll(() => fresh?.close());

  it('is restored (with its secrets), the CLI warning that it should be replaced', async () => {
    const old = join(dir, 'v1.gz');
    const ring = processKeyring();
    let backupId = '';
    let sealed: Record<string, string[]> = {};
    rewrite(file, old, ([head, ...rest]) => {
      const h = JSON.parse(head!);
      ({ backupId, columns: sealed } = h.encryption);
      delete h.encryption;
      h.version = 1;
      const rows = rest.map((line) => {
        const row = JSON.parse(line) as { t: string; r: Record<string, string | null> };
        for (const c of sealed[row.t] ?? [])
          if (row.r[c] != null) row.r[c] = unseal(ring, 'backup', row.r[c]!, sealedPlace(backupId, row.t, c));
        return JSON.stringify(row);
      });
      return [JSON.stringify(h), ...rows];
    });
    const restored = await restoreBackup(fresh.db, old);
    expect(restored.header.version).toBe(1);
    const [row] = await queryRows<{ n: number }>(fresh.db, sql`SELECT count(*)::int AS n FROM users WHERE mfa_secret = ${TOTP}`);
    expect(row?.n).toBe(1);
  }, 120_000); // the whole demo group read back (a minute on a loaded machine: CI runs two suites at once)
});
