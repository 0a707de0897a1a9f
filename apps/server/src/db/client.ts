import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';
import { acquireDataDirLock, type DataDirLock } from './lock';

export type Schema = typeof schema;
/** The drizzle client, whichever driver is behind it. A transaction is also a `Db`. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DbKind;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export interface OpenOptions {
  /** PostgreSQL URL; when absent, embedded PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; `memory://` (or undefined) for an in-memory database. */
  dataDir?: string | undefined;
  /** Apply migrations on open (default true). */
  migrate?: boolean;
  /** An in-memory PGlite starts from this data directory dump (PGlite `dumpDataDir`) instead of an empty one. */
  loadDataDir?: Blob | undefined;
  /**
   * PGlite only: remove write-ahead log segments at a checkpoint instead of keeping them for reuse. For a database
   * about to be dumped (the test templates): after a CHECKPOINT its dump holds about 16 MB of log instead of every
   * segment written while it was filled (the demo: 183 MB instead of 350 MB, loaded in half the time).
   */
  compactWal?: boolean;
  /**
   * PGlite only: its shared buffers (PostgreSQL's `shared_buffers`, 128 MB by default). Starting an instance
   * prepares all of them: with 16 MB a test database starts in 0.8 s instead of 1.2 (1.3 s instead of 1.9 for the
   * demo), and the ~200 databases of a test run each start once. Pages beyond the buffers are read from PGlite's
   * in-memory file system, which costs a test little.
   */
  sharedBuffers?: string;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const database = opts.url
    ? await openPostgres(opts.url, opts.poolSize ?? 10)
    : await openPglite(opts.dataDir, opts.loadDataDir, opts.compactWal === true, opts.sharedBuffers);
  if (opts.migrate !== false) {
    try {
      await applyMigrations(database, opts.url);
    } catch (err) {
      await database.close();
      throw err;
    }
  }
  return database;
}

async function openPostgres(url: string, max: number): Promise<Database> {
  // JIT off for Mamori's sessions: its statements are short, and a generic plan whose row estimate is pessimistic
  // (a hashed unit filter counts as 50 %) crosses jit_above_cost and spends ~35 ms compiling for a 5 ms query.
  // (Options given in the URL are kept.)
  const given = URL.canParse(url) ? new URL(url).searchParams.get('options') : null;
  const pool = new pg.Pool({ connectionString: url, max, options: [given, '-c jit=off'].filter(Boolean).join(' ') });
  pool.on('error', () => {
    /* an idle client's connection dropped; the pool replaces it */
  });
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return { db, kind: 'postgres', close: () => pool.end() };
}

async function openPglite(
  dataDir: string | undefined,
  loadDataDir: Blob | undefined,
  compactWal: boolean,
  sharedBuffers: string | undefined,
): Promise<Database> {
  const inMemory = !dataDir || dataDir.startsWith('memory://');
  let lock: DataDirLock | undefined;
  if (!inMemory) {
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
  }
  try {
    const extra = [
      ...(compactWal ? ['-c', 'wal_recycle=off', '-c', 'min_wal_size=32MB'] : []),
      ...(sharedBuffers ? ['-c', `shared_buffers=${sharedBuffers}`] : []),
    ];
    const startParams = extra.length ? [...PGlite.defaultStartParams, ...extra] : undefined;
    const client = await PGlite.create(inMemory ? undefined : dataDir, {
      extensions: { pg_trgm },
      loadDataDir,
      ...(startParams ? { startParams } : {}),
    });
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      close: async () => {
        await client.close();
        lock?.release();
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

async function applyMigrations(database: Database, url: string | undefined): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  // One dedicated connection holds an advisory lock, so several Mamori processes starting at
  // once on the same PostgreSQL apply the migrations exactly once.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(727274)');
    await migratePg(drizzlePg({ client }), { migrationsFolder });
  } finally {
    await client.query('SELECT pg_advisory_unlock(727274)').catch(() => undefined);
    await client.end();
  }
}
