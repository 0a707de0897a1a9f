import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { migrationsFolder, openDatabase, type Database } from '../db/client';
import { dropTestDatabaseLater, runTag, staleMember } from './pg-drops';

/**
 * What a test database starts from: a name for its PGlite dump and PostgreSQL template database, and what to do
 * to a freshly migrated database to make it (nothing, for the migrated template itself). `key` must change whenever
 * what `fill` writes could change.
 */
export interface DatabaseTemplate {
  key: string;
  /**
   * Templates whose key starts with this, followed by their creation time in base 36 and `-`, are versions of this
   * one: those more than a day old are dropped when this one is made (a newer one may belong to a run still going).
   */
  family?: string;
  fill?: (database: Database) => Promise<void>;
}

/** Makes the template (PGlite dump, or PostgreSQL template database) if it is not there yet, without a copy of it. */
export async function prepareTemplate(template: DatabaseTemplate): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) await postgresTemplate(url, template);
  else await pgliteTemplate(template);
}

/** A short hash of every migration file's name and content. */
export const migrationsKey = (): string => treeHash([migrationsFolder]);

/** The database every migration has been applied to, and nothing else. */
export const MIGRATED: DatabaseTemplate = { key: `migrated-${migrationsKey()}` };

/**
 * A fresh database for one test file: in-memory PGlite, or, when TEST_DATABASE_URL is set, a new database on that
 * PostgreSQL server, dropped after close (test/pg-drops.ts). On PostgreSQL its sessions commit without waiting for the
 * log to reach the disk (`synchronous_commit=off`): a test needs no durability against a crash of the server, and
 * waiting for each commit's flush was time the workers spent idle.
 *
 * Both start from a template made once per set of migrations (or per template key), not by running every migration
 * again for each of the ~190 test files: PGlite loads a dump of the template's data directory (about 1 s instead of
 * 10), PostgreSQL copies a template database (CREATE DATABASE … TEMPLATE). A change to any migration changes the
 * key, so a stale template is never used. Migrations themselves are still tested: the template is made by running
 * them, and db-migrations tests open databases of their own.
 */
export async function createTestDatabase(template: DatabaseTemplate = MIGRATED): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    return openDatabase({
      dataDir: 'memory://',
      migrate: false,
      loadDataDir: await pgliteTemplate(template),
      sharedBuffers: '16MB',
    });
  const name = `mamori_test_${runTag(currentRunId())}_${randomBytes(6).toString('hex')}`;
  const templateName = await postgresTemplate(url, template);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateName}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ url: databaseUrl(url, name), poolSize: 4, migrate: false });
  return {
    ...database,
    async close() {
      await database.close();
      dropTestDatabaseLater(url, name); // not awaited: see test/pg-drops.ts
    },
  };
}

/**
 * Like createTestDatabase, but on PGlite the data directory is on disk (in tmp), as `npm start` runs it. For the
 * memory tests: an in-memory PGlite keeps its pages and its write-ahead log in the process, so a bulk import's data
 * (hundreds of MB of WAL before a checkpoint) would count as the import's memory.
 */
export async function createOnDiskTestDatabase(template: DatabaseTemplate = MIGRATED): Promise<Database> {
  if (process.env.TEST_DATABASE_URL) return createTestDatabase(template);
  const dir = mkdtempSync(join(tmpdir(), 'mamori-test-disk-'));
  const database = await openDatabase({ dataDir: dir, migrate: false, loadDataDir: await pgliteTemplate(template) });
  return {
    ...database,
    async close() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A PGlite data directory on disk holding the migrated template, for tests that start `mamori` processes on it. */
export async function openTestDataDir(dir: string): Promise<Database> {
  return openDatabase({ dataDir: dir, migrate: false, loadDataDir: await pgliteTemplate(MIGRATED) });
}

/** A short hash of the names and contents of every file under the given folders. */
export function treeHash(folders: string[], skip: (name: string) => boolean = () => false): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (skip(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(entry.name).update(readFileSync(path));
    }
  };
  for (const folder of folders) walk(folder);
  return hash.digest('hex').slice(0, 16);
}

/** The run's id (test/run-id.ts), or a fixed one where there is no run (a script using these helpers). */
function currentRunId(): string {
  try {
    return inject('testRunId');
  } catch {
    return 'norun';
  }
}

const pgliteDumps = new Map<string, Promise<Blob>>();

/** The template's PGlite data directory as a dump, made by the first test file that needs it and kept in tmp. */
function pgliteTemplate(template: DatabaseTemplate): Promise<Blob> {
  let dump = pgliteDumps.get(template.key);
  if (!dump) {
    dump = (async () => {
      const file = join(tmpdir(), `mamori-test-pglite-${template.key}.tar`);
      const release = existsSync(file) ? undefined : await lockFile(file);
      try {
        if (!existsSync(file)) {
          const database = template.fill
            ? await openDatabase({
                dataDir: 'memory://',
                migrate: false,
                loadDataDir: await pgliteTemplate(MIGRATED),
                compactWal: true,
              })
            : await openDatabase({ dataDir: 'memory://', compactWal: true });
          try {
            await template.fill?.(database);
            const client = (database.db as unknown as { $client: PGlite }).$client;
            await client.query('CHECKPOINT'); // with compactWal: the segments written while filling are removed
            const data = await client.dumpDataDir('none');
            const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
            writeFileSync(partial, Buffer.from(await data.arrayBuffer()));
            renameSync(partial, file); // whole or not at all, also when two test workers make it at once
            if (template.family) removeOlderDumps(template.family, file);
          } finally {
            await database.close();
          }
        }
      } finally {
        release?.();
      }
      return new Blob([readFileSync(file)]);
    })();
    dump.catch(() => pgliteDumps.delete(template.key)); // a failed build is tried again by the next file
    pgliteDumps.set(template.key, dump);
  }
  return dump;
}

/**
 * Holds `<file>.lock` (a directory: made or not, atomically) until the returned release is called, so that of two
 * workers wanting the same template one makes it and the other waits, instead of both spending the minute the
 * demo takes. A lock older than ten minutes belongs to a run that was killed, and is taken over.
 */
async function lockFile(file: string): Promise<() => void> {
  const lock = `${file}.lock`;
  for (;;) {
    try {
      mkdirSync(lock);
      return () => rmSync(lock, { recursive: true, force: true });
    } catch {
      if (existsSync(file)) return () => undefined;
      const since = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (since > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Removes the family's dumps more than a day old, and what their runs kept beside them (mamori-test-<family>…). */
function removeOlderDumps(family: string, current: string): void {
  for (const name of readdirSync(tmpdir())) {
    const prefix = [`mamori-test-pglite-${family}`, `mamori-test-${family}`].find((p) => name.startsWith(p));
    if (prefix && join(tmpdir(), name) !== current && staleMember(name.slice(prefix.length)))
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  u.searchParams.set('options', [u.searchParams.get('options'), '-c synchronous_commit=off'].filter(Boolean).join(' '));
  return u.toString();
}

/** The template database on the test server, made once under an advisory lock (the other worker waits for it). */
async function postgresTemplate(url: string, template: DatabaseTemplate): Promise<string> {
  const name = `mamori_template_${template.key.replace(/[^a-z0-9]/g, '_')}`;
  const base = template.fill ? await postgresTemplate(url, MIGRATED) : undefined;
  // one lock per template: a worker waiting for the demo template does not hold up another's plain database
  const lock = BigInt(`0x${createHash('sha256').update(name).digest('hex').slice(0, 15)}`).toString();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [lock]);
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      const building = `${name}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(base ? `CREATE DATABASE ${building} TEMPLATE ${base}` : `CREATE DATABASE ${building}`);
      const database = await openDatabase({ url: databaseUrl(url, building), poolSize: 2, migrate: !base });
      try {
        await template.fill?.(database);
      } finally {
        await database.close();
      }
      // renamed only once filled: a run killed half-way leaves no template that looks whole
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      if (template.family) {
        const older = await admin.query<{ datname: string }>(
          "SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname <> $2 AND datname NOT LIKE '%_building'",
          [`mamori_template_${template.family.replace(/[^a-z0-9]/g, '_')}%`, name],
        );
        const prefix = `mamori_template_${template.family.replace(/[^a-z0-9]/g, '_')}`;
        for (const { datname } of older.rows)
          if (staleMember(datname.slice(prefix.length))) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      }
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [lock]).catch(() => undefined);
    await admin.end();
  }
  return name;
}
