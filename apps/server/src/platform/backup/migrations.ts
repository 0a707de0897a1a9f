import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder, type Db } from '../../db/client';
import { queryRows } from '../../db/sql';

/** One migration: drizzle records `hash` (sha256 of the SQL) and `createdAt` (the journal's `when`). */
export interface MigrationId {
  tag: string | null;
  hash: string;
  createdAt: number;
}

/** The migrations this build ships, oldest first. */
export function buildMigrations(): MigrationId[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  const tags = new Map(journal.entries.map((e) => [e.when, e.tag]));
  return readMigrationFiles({ migrationsFolder }).map((m) => ({
    tag: tags.get(m.folderMillis) ?? null,
    hash: m.hash,
    createdAt: m.folderMillis,
  }));
}

/** The migrations applied to this database, oldest first ([] on a database never migrated). */
export async function appliedMigrations(db: Db): Promise<MigrationId[]> {
  const [exists] = await queryRows<{ t: string | null }>(db, sql`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t`);
  if (!exists?.t) return [];
  const rows = await queryRows<{ hash: string; created_at: string | number }>(
    db,
    sql`SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY created_at, id`,
  );
  const tags = new Map(buildMigrations().map((m) => [m.createdAt, m.tag]));
  return rows.map((r) => ({ tag: tags.get(Number(r.created_at)) ?? null, hash: r.hash, createdAt: Number(r.created_at) }));
}

export const describeMigration = (m: MigrationId) => m.tag ?? `${m.hash.slice(0, 12)} (${new Date(m.createdAt).toISOString()})`;
