import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { migrationsFolder, openDatabase, type Database } from '../db/client';

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or, when TEST_DATABASE_URL is set,
 * a new database on that PostgreSQL server, dropped at close.
 *
 * Both start from a template migrated once per set of migrations (keyed by a hash of the migration files), not by
 * running every migration again for each of the ~130 test files: PGlite loads a dump of a migrated data directory
 * (about 1 s instead of 10), PostgreSQL copies a template database (CREATE DATABASE … TEMPLATE). A change to any
 * migration changes the key, so a stale template is never used. Migrations themselves are still tested: the
 * template is made by running them, and db-migrations tests open databases of their own.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return openDatabase({ dataDir: 'memory://', migrate: false, loadDataDir: await pgliteTemplate() });
  const name = `mamori_test_${randomBytes(6).toString('hex')}`;
  const template = await postgresTemplate(url);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ url: databaseUrl(url, name), poolSize: 4, migrate: false });
  return {
    ...database,
    async close() {
      await database.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A short hash of every migration file's name and content. */
function migrationsKey(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(entry.name).update(readFileSync(path));
    }
  };
  walk(migrationsFolder);
  return hash.digest('hex').slice(0, 16);
}

let pgliteDump: Promise<Blob> | undefined;

/** The migrated PGlite data directory as a dump, made by the first test file that needs it and kept in tmp. */
function pgliteTemplate(): Promise<Blob> {
  pgliteDump ??= (async () => {
    const file = join(tmpdir(), `mamori-test-pglite-${migrationsKey()}.tar`);
    if (!existsSync(file)) {
      const database = await openDatabase({ dataDir: 'memory://' });
      try {
        const client = (database.db as unknown as { $client: PGlite }).$client;
        const dump = await client.dumpDataDir('none');
        const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
        writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
        renameSync(partial, file); // whole or not at all, also when two test workers make it at once
      } finally {
        await database.close();
      }
    }
    return new Blob([readFileSync(file)]);
  })();
  return pgliteDump;
}

function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The migrated template database on the test server, made once under an advisory lock. */
async function postgresTemplate(url: string): Promise<string> {
  const name = `mamori_template_${migrationsKey()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(727281)');
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      const building = `${name}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
      const database = await openDatabase({ url: databaseUrl(url, building), poolSize: 1 });
      await database.close();
      // renamed only once migrated: a run killed half-way leaves no template that looks whole
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock(727281)').catch(() => undefined);
    await admin.end();
  }
  return name;
}
