import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { migrationsFolder } from './client';
import { queryRows } from './sql';

let latestShipped: number | undefined;

/** The moment (drizzle-kit's `when`) of the newest migration this code ships: read once from the journal. */
export function latestMigrationMillis(): number {
  if (latestShipped === undefined) {
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
      entries: { when: number }[];
    };
    latestShipped = Math.max(...journal.entries.map((e) => e.when));
  }
  return latestShipped;
}

/**
 * Whether the database holds every migration this code ships. drizzle's migrator records each applied migration
 * with its `when` (`drizzle.__drizzle_migrations.created_at`), on PGlite and PostgreSQL alike; a database behind
 * the code (another process has not migrated yet, or a restore of an older backup) is not current.
 */
export async function migrationsCurrent(db: Db): Promise<boolean> {
  const rows = await queryRows<{ latest: string | number | null }>(
    db,
    sql`SELECT max(created_at) AS latest FROM drizzle.__drizzle_migrations`,
  ).catch(() => [{ latest: null }]);
  const latest = rows[0]?.latest;
  return latest != null && Number(latest) >= latestMigrationMillis();
}
